import { config } from '@n8n/node-cli/eslint';

// The community-node rules guard what runs inside n8n (nodes/, credentials/, index.ts). The sandbox,
// tests, benchmarks and scripts never ship: they may use Node's globals and dev dependencies.
const devOnly = ['sandbox/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**'];

export default [
	{
		ignores: [
			'dist/**',
			'.build/**',
			'.tools/**',
			'.cache/**',
			'node_modules/**',
			'coverage/**',
			// The companion package lints itself with n8n's own rules (`npx n8n-node lint` in its folder).
			'n8n-nodes-telco-iot-mqtt/**',
		],
	},
	...config,
	{
		files: devOnly,
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-silent-error-swallowing': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'no-console': 'off',
		},
	},
];
