/**
 * Reliability and security suites (`npm run test:reliability`): the counted fault matrix, hostile input,
 * broker failures and canary secrets, all in-process against the sandbox. Each case is tallied
 * (test/reliability/tally.ts) and the reporter prints "<suite>: N cases, 0 lost, 0 duplicated".
 * @type {import('jest').Config}
 */
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

// Set here, in the parent process, so every jest worker inherits the same tally folder.
process.env.TELCO_IOT_TALLY_DIR ??= mkdtempSync(join(tmpdir(), 'telco-iot-tally-'));

module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/reliability'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
	setupFiles: ['<rootDir>/test/harness/setup-env.ts'],
	testTimeout: 120000,
	maxWorkers: 2,
	reporters: [
		'default',
		'<rootDir>/test/reliability/reporter.js',
		'<rootDir>/test/summary-reporter.js',
	],
};
