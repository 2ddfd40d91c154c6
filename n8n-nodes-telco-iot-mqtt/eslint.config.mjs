import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

// n8n's rules for packages without n8n Cloud support, as `n8n-node cloud-support disable` sets them, but for
// the one rule that refuses any runtime dependency: `mqtt` is the dependency this package exists for.
export default [
	...configWithoutCloudSupport,
	{ files: ['package.json'], rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' } },
];
