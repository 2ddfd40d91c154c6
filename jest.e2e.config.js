const n8nMajor = Number((process.env.TELCO_IOT_N8N_VERSION || '2').split('.')[0]);

/**
 * End-to-end tests: a real n8n server with the packed package, the sandbox, and a headless browser.
 * `npm run test:e2e` builds first; test/e2e/global-setup.mjs starts one n8n for the whole run.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	// The Data Tables campaign examples need n8n 2.x: on 1.123.81 n8n's own Data Tables failed under the
	// 2,000-recipient run (SQLITE_ERROR "near "-"" from its data table REST API), see the README's n8n versions.
	testPathIgnorePatterns:
		n8nMajor < 2 ? ['/node_modules/', 'campaign-example\\.e2e\\.ts$'] : ['/node_modules/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
	globalSetup: '<rootDir>/test/e2e/global-setup.mjs',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.mjs',
	testTimeout: 60000,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
