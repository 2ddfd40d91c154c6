import { config } from '@n8n/node-cli/eslint';

/**
 * The lint config of the code that never ships (test/, sandbox/, bench/): n8n's community config with the
 * rules that guard what runs inside n8n turned off, since this code runs in Node with the dev dependencies.
 * Each of those folders has an eslint.config.mjs that re-exports it; ESLint picks the nearest config file
 * per linted file because `npm run lint` sets ESLINT_FLAGS=unstable_config_lookup_from_file (see README).
 */
export default [
	...config,
	{
		files: ['**/*.ts'],
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
