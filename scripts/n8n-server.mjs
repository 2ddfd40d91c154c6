// A real n8n server with both packages of this repository installed as users install them (the main package
// and its MQTT companion), and a small client for its APIs.
// Shared by `npm start` (scripts/start.mjs), the end-to-end tests (test/e2e/global-setup.mjs) and the queue-mode
// tests (test/queue/global-setup.mjs: one main and workers, with Redis and PostgreSQL from scripts/services.mjs).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

import { n8nBin, selectedVersion } from './ensure-n8n.mjs';
import { packedPackage, publishedPackages, root } from './packages.mjs';

export { root };
/** Both packages, the main one first, each with its folder and package.json. */
export const packages = publishedPackages().map(({ dir, packageJson }) => ({
	dir,
	json: packageJson,
}));

/** Runs a command to completion; rejects with its output when it fails. */
export function run(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: root,
			...options,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve(output)
				: reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output}`)),
		);
	});
}

/** `npm pack` of both built packages (run the build first) into one temporary folder: the tarballs users download. */
export async function packPackages() {
	const destination = mkdtempSync(join(tmpdir(), 'telco-iot-pack-'));
	const tarballs = [];
	for (const { dir } of packages) {
		const output = await run('npm', ['pack', '--json', '--pack-destination', destination], {
			cwd: dir,
		});
		const { filename } = packedPackage(output);
		tarballs.push(join(destination, filename));
	}
	return tarballs;
}

/**
 * Installs the tarballs where n8n looks for community packages (`<userFolder>/.n8n/nodes/node_modules`), as a
 * self-hosted user does with `npm install`: the companion's `mqtt` dependency comes from the registry (or npm's
 * cache).
 */
export async function installPackages(userFolder, tarballs) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const manifest = join(nodesDir, 'package.json');
	if (!existsSync(manifest))
		writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
	// n8n provides n8n-workflow at run time (a peer dependency), so it is not installed next to the packages.
	await run(
		'npm',
		[
			'install',
			'--omit=peer',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--prefer-offline',
			'--legacy-peer-deps',
			...tarballs,
		],
		{ cwd: nodesDir },
	);
}

/**
 * Instances of the classes both built packages declare in their `n8n` blocks (`nodes` or `credentials`), each
 * with the name of its package. As n8n does, the class is the export named like the file:
 * `dist/nodes/Hologram/Hologram.node.js` → `Hologram`.
 */
export function packageClasses(kind) {
	const require = createRequire(import.meta.url);
	return packages.flatMap(({ dir, json }) =>
		(json.n8n?.[kind] ?? []).flatMap((file) => {
			const className = basename(file).replace(/\.(node|credentials)\.js$/, '');
			try {
				return [{ packageName: json.name, instance: new (require(join(dir, file))[className])() }];
			} catch (error) {
				process.stderr.write(`[n8n] could not load ${json.name}/${file}: ${error.message}\n`);
				return [];
			}
		}),
	);
}

/** The credential type names (`hologramApi`, ...) the built packages declare (a name both declare, once). */
export function packageCredentialTypes() {
	return [...new Set(packageClasses('credentials').map(({ instance }) => instance.name))];
}

export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Settings for a quiet, offline n8n on loopback. Queue mode adds `redisPort` (the Bull queue) and
 * `postgres` ({ port, user, database }: every process of one installation shares that database), and for a
 * worker `workerPort` (its health server). `port` is where the process listens (a worker does not);
 * `publicUrl`, where users and providers reach the installation (the load balancer in front of a scaled
 * n8n), is what every process builds editor and webhook URLs from: by default the server on `port` itself.
 * `environment` adds or overrides variables (execution saving and pruning, say).
 */
export function n8nEnvironment({
	userFolder,
	port,
	publicUrl = `http://127.0.0.1:${port}`,
	brokerPort,
	encryptionKey,
	redisPort,
	postgres,
	workerPort,
	environment = {},
}) {
	const env = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_EDITOR_BASE_URL: publicUrl,
		N8N_WEBHOOK_URL: `${publicUrl}/`,
		// Each server needs its own task-runner broker port, or a second n8n (tests beside the demo) fails.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		// On a busy machine the task runner can take longer than the default 30 s to connect.
		N8N_RUNNERS_GRANT_TOKEN_TTL: '120',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		// Set to the announced future defaults, which silences the start-up deprecation notice about them.
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(256 * 1024 * 1024),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '1000',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
	};
	// n8n 2.x otherwise keeps calling an outside registry and logs errors; 1.x has no such module and
	// refuses to start when told to disable one it does not know.
	if (!selectedVersion.startsWith('1.')) env.N8N_DISABLED_MODULES = 'mcp-registry';
	if (encryptionKey) env.N8N_ENCRYPTION_KEY = encryptionKey;
	if (postgres) Object.assign(env, postgresEnvironment(postgres));
	if (redisPort) Object.assign(env, queueEnvironment({ redisPort, workerPort }));
	Object.assign(env, environment);
	// Jest sets NODE_ENV=test, under which n8n exits silently at start; the server must run as a user runs it.
	delete env.NODE_ENV;
	for (const name of Object.keys(env)) if (name.startsWith('JEST_')) delete env[name];
	return env;
}

/** What queue mode adds: the Bull queue in Redis, and for a worker its health server (readiness). */
export function queueEnvironment({ redisPort, redisHost = '127.0.0.1', workerPort }) {
	const env = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redisHost,
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		// n8n 3 always runs manual executions on workers; adopt that now so the editor's runs are queued too.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
	if (workerPort) {
		env.QUEUE_HEALTH_CHECK_ACTIVE = 'true';
		env.QUEUE_HEALTH_CHECK_PORT = String(workerPort);
		env.N8N_WORKER_SERVER_ADDRESS = '127.0.0.1';
	}
	return env;
}

/** A PostgreSQL database instead of the default SQLite file (n8n's advice for queue mode). */
export function postgresEnvironment({ host = '127.0.0.1', port, user, database, password = '' }) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: host,
		DB_POSTGRESDB_PORT: String(port),
		DB_POSTGRESDB_USER: user,
		DB_POSTGRESDB_PASSWORD: password,
		DB_POSTGRESDB_DATABASE: database,
	};
}

/**
 * Starts a command in its own process group, so stopping it stops its children too (n8n starts a task
 * runner). `output` is 'inherit' or a file path the output is appended to. `stop()` sends `stopSignal`,
 * waits up to `timeoutMs`, then kills whatever of the group is left.
 */
export function startProcessGroup(
	command,
	args,
	{ output = 'inherit', env = process.env, cwd = root, uid, gid, stopSignal = 'SIGTERM' } = {},
) {
	let stdio = 'inherit';
	if (output !== 'inherit') {
		mkdirSync(dirname(output), { recursive: true });
		const logFd = openSync(output, 'a');
		stdio = ['ignore', logFd, logFd];
	}
	const child = spawn(command, args, {
		cwd,
		env,
		stdio,
		detached: true,
		...(uid === undefined ? {} : { uid, gid }),
	});
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	// A command that cannot start (not installed) ends as an exit, not as an unhandled error.
	child.on('error', () => undefined);
	let stopping;
	const stop = (timeoutMs = 15_000) => {
		stopping ??= (async () => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			signalGroup(child.pid, stopSignal);
			const timer = new Promise((resolve) =>
				setTimeout(() => resolve('timeout'), timeoutMs).unref(),
			);
			if ((await Promise.race([exited, timer])) === 'timeout') signalGroup(child.pid, 'SIGKILL');
			// A child may outlive its parent for a moment; make sure nothing of the group is left.
			signalGroup(child.pid, 'SIGKILL');
		})();
		return stopping;
	};
	return { child, exited, stop, killNow: () => signalGroup(child.pid, 'SIGKILL') };
}

/**
 * Starts `n8n start` (or `command: 'worker'`, with `args` such as `--concurrency=10`, or `command: 'webhook'`,
 * a webhook process serving production webhooks on its own `port`) in its own process group (n8n starts a
 * task-runner child; stopping the group stops both). `output` is 'inherit' (the demo shows n8n's log) or a
 * file path (the tests keep it for failures). `url` is where `waitForReady` asks: the main's or the webhook
 * process's server, or a worker's health server.
 */
export function startN8n({
	output = 'inherit',
	command = 'start',
	args = [],
	hostname,
	...settings
}) {
	const running = startProcessGroup(
		...withHostname(hostname, process.execPath, [n8nBin, command, ...args]),
		{ output, env: n8nEnvironment(settings), cwd: settings.userFolder },
	);
	const port = command === 'worker' ? settings.workerPort : settings.port;
	return { ...running, url: `http://127.0.0.1:${port}`, servesRest: command === 'start' };
}

/**
 * In a container (n8n looks for /.dockerenv), n8n names each process `<type>-<hostname>`, so two workers on
 * one machine would share a name, and each ignores the other's messages. As on separate machines, each gets
 * a host name of its own in a UTS namespace of its own, where that is allowed (root with `unshare`);
 * elsewhere n8n's random name is used anyway.
 */
function withHostname(hostname, command, args) {
	const unshare = ['/usr/bin/unshare', '/bin/unshare'].find((path) => existsSync(path));
	if (!hostname || process.getuid?.() !== 0 || !unshare) return [command, args];
	return [unshare, ['--uts', 'sh', '-c', 'hostname "$0" && exec "$@"', hostname, command, ...args]];
}

function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

/**
 * Waits for `GET /healthz/readiness` to answer 200 (database migrated, server up) and, on a main, for its
 * REST API: n8n 1.x answers readiness a few seconds before it has registered its routes.
 */
export async function waitForReady(server, { timeoutMs = 180_000, onWait } = {}) {
	const started = Date.now();
	let exited = false;
	server.exited.then(() => (exited = true));
	for (;;) {
		if (exited)
			throw new Error(
				`n8n ${server.url} exited before it was ready (exit code ${server.child.exitCode})`,
			);
		try {
			const response = await fetch(`${server.url}/healthz/readiness`);
			if (response.ok && (!server.servesRest || (await fetch(`${server.url}/rest/settings`)).ok))
				return Date.now() - started;
		} catch {
			// Not listening yet.
		}
		if (Date.now() - started > timeoutMs)
			throw new Error(`n8n ${server.url} was not ready after ${timeoutMs / 1000} s`);
		onWait?.(Date.now() - started);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** n8n's internal REST API (`/rest`, cookie login, what the editor uses) and its public API (`/api/v1`). */
export class N8nClient {
	constructor(url) {
		this.url = url;
		this.cookie = undefined;
		this.apiKey = undefined;
	}

	async request(method, path, { body, headers = {} } = {}) {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: response.status, headers: response.headers, text, json };
	}

	/** Internal REST with the login cookie; throws on a non-2xx answer, returns `data`. */
	async rest(method, path, body) {
		const response = await this.request(method, `/rest${path}`, {
			body,
			headers: { cookie: this.cookie ?? '' },
		});
		if (response.status >= 300)
			throw new Error(`${method} /rest${path}: ${response.status} ${response.text}`);
		return response.json?.data ?? response.json;
	}

	/** Public API with the API key; throws on a non-2xx answer. */
	async api(method, path, body) {
		const response = await this.request(method, `/api/v1${path}`, {
			body,
			headers: { 'x-n8n-api-key': this.apiKey ?? '' },
		});
		if (response.status >= 300)
			throw new Error(`${method} /api/v1${path}: ${response.status} ${response.text}`);
		return response.json;
	}

	/**
	 * Which n8n this is, as the server states it (/rest/settings): `version` (2.41.1, 1.123.81, ...) and
	 * `executionMode` ('regular', or 'queue' when workers run the executions).
	 */
	async serverFacts() {
		const { versionCli: version, executionMode } = await this.rest('GET', '/settings');
		if (!version || !executionMode)
			throw new Error(
				`n8n at ${this.url} did not state its version and execution mode in /rest/settings`,
			);
		return { version, executionMode };
	}

	/** Logs in; returns false when the owner does not exist yet or the password is wrong. */
	async login({ email, password }) {
		const response = await this.request('POST', '/rest/login', {
			body: { emailOrLdapLoginId: email, password },
		});
		if (response.status !== 200) return false;
		this.cookie = (response.headers.getSetCookie?.() ?? [])
			.map((cookie) => cookie.split(';')[0])
			.join('; ');
		return true;
	}

	/** Creates the instance owner (once per database), then logs in. */
	async setupOwner(owner) {
		const response = await this.request('POST', '/rest/owner/setup', { body: owner });
		if (response.status !== 200)
			throw new Error(`owner setup: ${response.status} ${response.text}`);
		if (!(await this.login(owner))) throw new Error('could not log in as the owner just created');
	}

	/** A public-API key with every scope the owner may grant. */
	async createApiKey(label) {
		const scopes = await this.rest('GET', '/api-keys/scopes');
		const key = await this.rest('POST', '/api-keys', { label, scopes, expiresAt: null });
		this.apiKey = key.rawApiKey;
		return this.apiKey;
	}

	async apiKeyWorks() {
		if (!this.apiKey) return false;
		const response = await this.request('GET', '/api/v1/workflows?limit=1', {
			headers: { 'x-n8n-api-key': this.apiKey },
		});
		return response.status === 200;
	}
}

/** Removes a folder, tolerating files n8n still closes while it exits. */
export function removeFolder(path) {
	rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
