/**
 * Queue mode (`npm run test:queue`): n8n as it runs once one instance is not enough — Redis, PostgreSQL, one
 * main, two `n8n webhook` processes behind a load balancer and two workers, started once by
 * test/queue/global-setup.mjs. The provider e2e specs run against it (same results as a single instance, but
 * for redeliveries, which a trigger can only drop in the webhook process that saw the event first), then the
 * queue's own checks: every trigger event does its work once over both webhook processes, on one worker, and a
 * load of webhook events loses and duplicates none. test/e2e/hoiio.e2e.ts is left out: test/queue/triggers.e2e.ts
 * runs its examples in this set-up instead (the delivery report through the webhook processes, and the
 * auto-reply built to run once per event, examples/scaling-out).
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue', '<rootDir>/test/e2e'],
	testMatch: [
		'<rootDir>/test/e2e/{syniverseScg,vumiGo,smartLiving}.e2e.ts',
		'<rootDir>/test/queue/**/*.e2e.ts',
	],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
	globalSetup: '<rootDir>/test/queue/global-setup.mjs',
	globalTeardown: '<rootDir>/test/queue/global-teardown.mjs',
	testTimeout: 120000,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
