// The servers n8n's queue mode needs beside it, from Debian's packages, each started on a free loopback port
// with a throw-away data folder: Redis (the Bull queue between main and workers) and PostgreSQL (the database
// every n8n process of one installation shares). CI installs them with
//   apt-get install -y redis-server postgresql
// Nothing here uses a system service: the tests start and stop their own servers. And the load balancer of
// n8n's scaled set-up (main, webhook processes, workers), in this process.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { removeFolder, startProcessGroup } from './n8n-server.mjs';

/** The first `name` on PATH, else in one of `folders`; undefined when it is nowhere. */
function findProgram(name, folders = []) {
	for (const folder of [...(process.env.PATH ?? '').split(delimiter), ...folders]) {
		if (folder && existsSync(join(folder, name))) return join(folder, name);
	}
	return undefined;
}

/** Debian keeps PostgreSQL's server programs in /usr/lib/postgresql/<version>/bin, off PATH. */
function postgresBinFolders() {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return [];
	return readdirSync(base)
		.filter((version) => /^\d+$/.test(version))
		.sort((a, b) => Number(b) - Number(a))
		.map((version) => join(base, version, 'bin'));
}

async function waitFor(what, check, exited, { timeoutMs = 60_000, intervalMs = 200 } = {}) {
	const started = Date.now();
	let gone;
	exited.then((result) => (gone = result));
	for (;;) {
		if (gone) throw new Error(`${what} exited before it was ready (${JSON.stringify(gone)})`);
		if (await check()) return Date.now() - started;
		if (Date.now() - started > timeoutMs)
			throw new Error(`${what} was not ready after ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/** Sends a Redis PING on a fresh connection; true on +PONG. */
function redisPing(port) {
	return new Promise((resolve) => {
		const socket = createConnection({ port, host: '127.0.0.1' });
		const done = (answer) => {
			socket.destroy();
			resolve(answer);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
	});
}

/**
 * Redis on `port`, nothing written to disk (`--save ''`, `--appendonly no`): the queue only has to live as
 * long as the test run. Resolves once it answers PING.
 */
export async function startRedis({ port, output }) {
	const redisServer = findProgram('redis-server', ['/usr/bin', '/usr/sbin']);
	if (!redisServer)
		throw new Error('redis-server is not installed (Debian: apt-get install -y redis-server)');
	const dir = mkdtempSync(join(tmpdir(), 'telco-iot-redis-'));
	const running = startProcessGroup(
		redisServer,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		{ output, cwd: dir },
	);
	const stop = async () => {
		await running.stop(5000);
		removeFolder(dir);
	};
	try {
		await waitFor('redis-server', () => redisPing(port), running.exited);
	} catch (error) {
		await stop();
		throw error;
	}
	return { ...running, port, stop };
}

/** The uid and gid of a system user (Debian's postgresql package creates `postgres`). */
function systemUser(name) {
	const id = (flag) => spawnSync('id', [flag, name], { encoding: 'utf8' });
	const uid = id('-u');
	const gid = id('-g');
	if (uid.status !== 0 || gid.status !== 0) return undefined;
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * A PostgreSQL server of its own: `initdb` into a temporary folder, then `postgres` on `port` (loopback only,
 * no Unix socket), trusting local connections of `user`; n8n uses the `postgres` database it comes with.
 * Durability is switched off (fsync, synchronous commit): the data lives only as long as the test run.
 * PostgreSQL refuses to run as root, so as root both run as the `postgres` system user.
 */
export async function startPostgres({ port, output, user = 'n8n' }) {
	const folders = postgresBinFolders();
	const initdb = findProgram('initdb', folders);
	const postgres = findProgram('postgres', folders);
	if (!initdb || !postgres)
		throw new Error('PostgreSQL is not installed (Debian: apt-get install -y postgresql)');
	let owner;
	if (process.getuid?.() === 0) {
		owner = systemUser('postgres');
		if (!owner)
			throw new Error('running as root, PostgreSQL needs the `postgres` system user to run as');
	}
	// Its own folder under the system's temporary folder, which the postgres user can reach.
	const dataDir = mkdtempSync(join(tmpdir(), 'telco-iot-postgres-'));
	if (owner) chownSync(dataDir, owner.uid, owner.gid);

	const init = spawnSync(
		initdb,
		['-D', dataDir, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C'],
		{ encoding: 'utf8', cwd: dataDir, ...(owner ?? {}) },
	);
	if (init.status !== 0) {
		removeFolder(dataDir);
		throw new Error(`initdb failed (${init.status}):\n${init.stdout}\n${init.stderr}`);
	}

	const running = startProcessGroup(
		postgres,
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		// SIGINT is PostgreSQL's fast shutdown: running sessions are ended instead of waited for.
		{ output, cwd: dataDir, stopSignal: 'SIGINT', ...(owner ?? {}) },
	);
	const stop = async () => {
		await running.stop(10_000);
		removeFolder(dataDir);
	};
	try {
		await waitFor(
			'postgres',
			() =>
				existsSync(output) &&
				readFileSync(output, 'utf8').includes('database system is ready to accept connections'),
			running.exited,
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return { ...running, port, user, database: 'postgres', dataDir, stop };
}

/** The first path segments n8n's webhook processes serve (production webhooks, forms, waiting executions, MCP). */
const WEBHOOK_PROCESS_PATHS = new Set([
	'webhook',
	'webhook-waiting',
	'form',
	'form-waiting',
	'mcp',
]);
/** The balancer's own endpoint: the calls it passed to the webhook processes. */
const CALLS_PATH = '/__balancer/calls';
/** Bodies longer than this are logged cut short; no provider event comes near it. */
const LOGGED_BODY_BYTES = 64 * 1024;

/**
 * The load balancer in front of a scaled n8n, as n8n's queue-mode documentation lays it out: production
 * webhook calls (`/webhook/...`, forms, waiting executions) go to the webhook processes in turn (strict round
 * robin, so consecutive calls alternate), everything else (editor, REST and public API, test webhooks) to the
 * main. Listens on `port` (loopback). Each call sent to a webhook process is logged with the process's name,
 * the method, the path with its query, the status and the body as text; `GET /__balancer/calls` answers that
 * log as JSON, `DELETE` empties it. `webhooks` is a list of `{ name, url }`.
 */
export async function startBalancer({ port, mainUrl, webhooks }) {
	if (webhooks.length === 0) throw new Error('the balancer needs at least one webhook process');
	// A connection per call, as nginx proxies by default: a kept-alive connection the upstream has just
	// closed would turn a call into a 502.
	const agent = new Agent({ keepAlive: false, maxSockets: 256 });
	const calls = [];
	let next = 0;
	const server = createServer((request, response) => {
		if (request.url?.startsWith(CALLS_PATH)) {
			if (request.method === 'DELETE') calls.length = 0;
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ calls }));
			return;
		}
		const segment = (request.url ?? '/').split(/[/?]/)[1] ?? '';
		const toWebhookProcess = WEBHOOK_PROCESS_PATHS.has(segment);
		const webhook = toWebhookProcess ? webhooks[next++ % webhooks.length] : undefined;
		const target = new URL(request.url ?? '/', webhook?.url ?? mainUrl);
		const chunks = [];
		let logged = 0;
		const upstream = httpRequest(
			target,
			{
				method: request.method,
				headers: { ...request.headers, host: target.host },
				agent,
			},
			(answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
				if (webhook)
					calls.push({
						webhook: webhook.name,
						method: request.method,
						url: request.url,
						status: answer.statusCode,
						body: Buffer.concat(chunks).toString('utf8'),
					});
			},
		);
		upstream.on('error', (error) => {
			if (webhook)
				calls.push({
					webhook: webhook.name,
					method: request.method,
					url: request.url,
					error: error.message,
				});
			if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
			response.end(`balancer: ${error.message}`);
		});
		request.on('data', (chunk) => {
			if (webhook && logged < LOGGED_BODY_BYTES) {
				chunks.push(chunk.subarray(0, LOGGED_BODY_BYTES - logged));
				logged += chunk.length;
			}
		});
		request.pipe(upstream);
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	return {
		port,
		url: `http://127.0.0.1:${port}`,
		calls,
		stop: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
			agent.destroy();
		},
	};
}
