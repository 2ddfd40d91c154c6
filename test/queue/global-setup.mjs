// n8n as users run it once one instance is not enough: queue mode in n8n's scaled set-up. Starts, once per
// run, Redis (the Bull queue), PostgreSQL (the database all n8n processes share), the sandbox, one n8n main
// (editor, API, triggers, activation; production webhooks switched off), two `n8n webhook` processes (they
// take the production webhook calls and enqueue their executions), two `n8n worker` processes (they run the
// executions), each with both packed packages installed in its own user folder as a user's n8n installs them,
// and the load balancer in front (scripts/services.mjs: webhook calls to the webhook processes in turn, the
// rest to the main), whose URL is n8n's public URL. Then the owner, an API key and one sandbox credential per
// credential type, as test/e2e/global-setup.mjs does. The facts go to a JSON file in the shape
// test/e2e/n8n-client.ts reads, plus `queue` (the log files that tell which worker ran what, the balancer).
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { ensureN8n } from '../../scripts/ensure-n8n.mjs';
import { sandboxCredentials, upsertCredential } from '../../scripts/examples.mjs';
import {
	N8nClient,
	freePort,
	installPackages,
	packPackages,
	packageCredentialTypes,
	removeFolder,
	startN8n,
	waitForReady,
} from '../../scripts/n8n-server.mjs';
import { loadSandbox, startEachEmulator } from '../../scripts/sandbox-build.mjs';
import { startBalancer, startPostgres, startRedis } from '../../scripts/services.mjs';

export const queueOwner = {
	email: 'queue@example.com',
	password: 'Queue-password-1',
	firstName: 'Queue',
	lastName: 'Mode',
};

/** Jobs each worker runs side by side (n8n's default). */
export const workerConcurrency = 10;
const workerCount = 2;
const webhookProcessCount = 2;

/**
 * Settings every n8n process of the installation shares besides the queue and the database: every execution
 * is kept (no pruning), so a test can count all of them, thousands included.
 */
const sharedEnvironment = {
	EXECUTIONS_DATA_PRUNE: 'false',
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
	EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
	N8N_LOG_LEVEL: 'info',
	// The default pool of 2 connections queues a burst of webhook calls behind each other, and n8n's own
	// database ping behind them; once a ping times out, the API answers 503 "Database is not ready".
	DB_POSTGRESDB_POOL_SIZE: '10',
	// n8n 2.41's default expression engine ('vm', isolated-vm) builds a fresh V8 isolate for every call to a
	// trigger node's webhook (only n8n's own Webhook node with fixed parameters skips it): measured here 118 ms
	// of the main's CPU per call against 16 ms with 'legacy', and 146 ms against 41 ms per accepted event. On
	// two cores that alone caps intake near 8 calls a second; 'legacy' lets the 5,000-event load finish.
	N8N_EXPRESSION_ENGINE: 'legacy',
	// The README's queue-mode advice for the SmartLiving MQTT Trigger ("One message at a time in queue mode"):
	// with n8n's default (0, a finished job is removed from Redis at once) the main misses the end of a run that
	// a worker finished before the main began to wait for it, and never reports that run done.
	N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '1000',
};

function log(message) {
	process.stderr.write(`[queue setup] ${message}\n`);
}

function lastLines(file, count = 40) {
	return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-count).join('\n') : '';
}

export default async function globalSetup() {
	const started = Date.now();
	const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
	await ensureN8n();
	const baseFolder = mkdtempSync(join(tmpdir(), 'telco-iot-queue-'));
	const running = { baseFolder, logs: [] };
	globalThis.__telcoIotQueue = running;
	const logFile = (name) => {
		const file = join(baseFolder, 'logs', `${name}.log`);
		running.logs.push(file);
		return file;
	};
	try {
		// The servers and the sandbox start while the package is packed and installed.
		const servicesReady = (async () => {
			running.redis = await startRedis({ port: await freePort(), output: logFile('redis') });
			running.postgres = await startPostgres({
				port: await freePort(),
				output: logFile('postgres'),
			});
		})();
		const sandboxReady = (async () => {
			running.sandbox = await startEachEmulator(loadSandbox());
			for (const [name, reason] of Object.entries(running.sandbox.failures))
				log(`sandbox ${name} did not start: ${reason}`);
		})();

		const mainFolder = join(baseFolder, 'main');
		const tarballs = await packPackages();
		await installPackages(mainFolder, tarballs);
		removeFolder(dirname(tarballs[0]));
		// Each worker and webhook process is its own installation of the same packages, as on its own machine.
		const installationOf = (name) => {
			const folder = join(baseFolder, name);
			mkdirSync(join(folder, '.n8n'), { recursive: true });
			cpSync(join(mainFolder, '.n8n', 'nodes'), join(folder, '.n8n', 'nodes'), {
				recursive: true,
			});
			return folder;
		};
		const workerFolders = Array.from({ length: workerCount }, (_, index) =>
			installationOf(`worker-${index + 1}`),
		);
		const webhookProcesses = [];
		for (let index = 1; index <= webhookProcessCount; index++) {
			const name = `webhook-${index}`;
			const port = await freePort();
			webhookProcesses.push({
				name,
				port,
				url: `http://127.0.0.1:${port}`,
				folder: installationOf(name),
			});
		}
		await Promise.all([servicesReady, sandboxReady]);
		log(
			`Redis on ${running.redis.port}, PostgreSQL on ${running.postgres.port}, packages installed (${elapsed()})`,
		);

		const mainPort = await freePort();
		running.balancer = await startBalancer({
			port: await freePort(),
			mainUrl: `http://127.0.0.1:${mainPort}`,
			webhooks: webhookProcesses.map(({ name, url }) => ({ name, url })),
		});
		const shared = {
			port: mainPort,
			publicUrl: running.balancer.url,
			encryptionKey: randomBytes(24).toString('hex'),
			redisPort: running.redis.port,
			postgres: running.postgres,
			environment: sharedEnvironment,
		};
		const mainLog = logFile('n8n-main');
		running.main = startN8n({
			...shared,
			userFolder: mainFolder,
			brokerPort: await freePort(),
			output: mainLog,
			// Production webhook calls are the webhook processes' work, as in n8n's scaled set-up.
			environment: { ...sharedEnvironment, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
		});
		// The main migrates the fresh database; workers and webhook processes start once it has.
		await waitForReady(running.main);
		log(`n8n main is ready at ${running.main.url} (${elapsed()})`);

		running.workers = [];
		for (const [index, folder] of workerFolders.entries()) {
			const name = `worker-${index + 1}`;
			const workerLog = logFile(`n8n-${name}`);
			const server = startN8n({
				...shared,
				command: 'worker',
				args: [`--concurrency=${workerConcurrency}`],
				hostname: name,
				userFolder: folder,
				brokerPort: await freePort(),
				workerPort: await freePort(),
				output: workerLog,
			});
			running.workers.push({ name, logFile: workerLog, server });
		}
		running.webhooks = [];
		for (const { name, port, url, folder } of webhookProcesses) {
			const webhookLog = logFile(`n8n-${name}`);
			const server = startN8n({
				...shared,
				command: 'webhook',
				port,
				hostname: name,
				userFolder: folder,
				brokerPort: await freePort(),
				output: webhookLog,
			});
			running.webhooks.push({ name, logFile: webhookLog, url, server });
		}

		const client = new N8nClient(running.balancer.url);
		await client.setupOwner(queueOwner);
		await client.createApiKey('queue');
		const { version: n8nVersion, executionMode } = await client.serverFacts();
		const credentials = {};
		const { credentials: templates, skipped } = sandboxCredentials(
			packageCredentialTypes(),
			running.sandbox.urls,
		);
		for (const note of skipped) log(`skipped ${note}`);
		for (const credential of templates) {
			credentials[credential.type] = {
				id: await upsertCredential(client, credential),
				name: credential.name,
			};
		}
		// The queue's Redis, database 1 (n8n's queue keeps to 0): where the examples of examples/scaling-out
		// claim each event once (README, "Scaling out: webhook processes").
		const redis = {
			name: 'Queue Redis',
			type: 'redis',
			data: { host: '127.0.0.1', port: running.redis.port, database: 1, password: '', ssl: false },
		};
		credentials.redis = { id: await upsertCredential(client, redis), name: redis.name };

		await Promise.all(
			[...running.workers, ...running.webhooks].map((process) => waitForReady(process.server)),
		);
		log(
			`${running.workers.length} workers and ${running.webhooks.length} webhook processes are ready (${elapsed()})`,
		);

		const factsFile = join(baseFolder, 'queue-facts.json');
		writeFileSync(
			factsFile,
			JSON.stringify(
				{
					n8nUrl: running.balancer.url,
					n8nVersion,
					executionMode,
					apiKey: client.apiKey,
					owner: queueOwner,
					sandbox: running.sandbox.urls,
					credentials,
					logFile: mainLog,
					webhookProcesses: running.webhooks.length,
					queue: {
						mainLog,
						workers: running.workers.map(({ name, logFile: file, server }) => ({
							name,
							logFile: file,
							url: server.url,
						})),
						workerConcurrency,
						mainUrl: running.main.url,
						webhooks: running.webhooks.map(({ name, logFile: file, url }) => ({
							name,
							logFile: file,
							url,
						})),
						balancerUrl: running.balancer.url,
						redisPort: running.redis.port,
						postgresPort: running.postgres.port,
					},
				},
				null,
				2,
			),
		);
		// The variable test/e2e/n8n-client.ts reads: the e2e helpers drive this installation unchanged.
		process.env.TELCO_IOT_E2E_FACTS = factsFile;
		log(`ready (${elapsed()})`);
	} catch (error) {
		for (const file of running.logs) {
			const tail = lastLines(file);
			if (tail) log(`${file} (last lines):\n${tail}`);
		}
		const { default: globalTeardown } = await import('./global-teardown.mjs');
		await globalTeardown();
		throw error;
	}
}
