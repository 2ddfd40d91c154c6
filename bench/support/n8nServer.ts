/**
 * A real n8n 2.41.1 for benchmarks 3 and 7, with both packed packages installed as users install them. `npm run
 * bench` starts one for both (`startBenchN8n` in run.ts) and hands it to each benchmark process through a
 * facts file named in BENCH_N8N_FACTS; a benchmark run on its own starts its own (`connectBenchN8n`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The project root: bundles run from `.build/bench/`. */
const root = join(__dirname, '..', '..');

interface RunningN8n {
	url: string;
	stop(timeoutMs?: number): Promise<void>;
}

/** What this file uses of scripts/n8n-server.mjs and scripts/ensure-n8n.mjs (plain JS, loaded at run time). */
interface ServerScripts {
	packPackages(): Promise<string[]>;
	installPackages(userFolder: string, tarballs: string[]): Promise<void>;
	freePort(): Promise<number>;
	startN8n(settings: {
		userFolder: string;
		port: number;
		brokerPort: number;
		encryptionKey: string;
		output: string;
	}): RunningN8n;
	waitForReady(server: RunningN8n, options?: { timeoutMs?: number }): Promise<number>;
	removeFolder(path: string): void;
}

async function serverScripts(): Promise<ServerScripts & { ensureN8n(): Promise<string> }> {
	// A computed specifier: esbuild leaves the import to run time, where the .mjs keeps its import.meta.url.
	const load = async (file: string) =>
		(await import(pathToFileURL(join(root, 'scripts', file)).href)) as Record<string, unknown>;
	const server = (await load('n8n-server.mjs')) as unknown as ServerScripts;
	const { ensureN8n } = (await load('ensure-n8n.mjs')) as { ensureN8n(): Promise<string> };
	return Object.assign(Object.create(null) as object, server, { ensureN8n });
}

const owner = {
	email: 'bench@example.com',
	password: 'Bench-password-1',
	firstName: 'Bench',
	lastName: 'Mark',
};

export interface N8nFacts {
	url: string;
	apiKey: string;
	logFile: string;
}

export interface StartedN8n {
	facts: N8nFacts;
	/** Seconds from nothing to a ready server with an owner and an API key. */
	startSeconds: number;
	stop(): Promise<void>;
}

function log(message: string): void {
	console.log(`[n8n] ${message}`);
}

/** Packs both built packages, installs them into a fresh user folder and starts n8n with an owner and API key. */
export async function startBenchN8n(): Promise<StartedN8n> {
	const started = Date.now();
	const scripts = await serverScripts();
	await scripts.ensureN8n();
	if (!existsSync(join(root, 'dist', 'nodes')))
		throw new Error('dist/ is missing: run `npm run build` first');
	const userFolder = mkdtempSync(join(tmpdir(), 'telco-iot-bench-n8n-'));
	const tarballs = await scripts.packPackages();
	await scripts.installPackages(userFolder, tarballs);
	rmSync(dirname(tarballs[0]), { recursive: true, force: true });
	// Benchmark 7 keeps more than 10,000 executions, n8n's default pruning threshold; and less logging.
	process.env.EXECUTIONS_DATA_PRUNE = 'false';
	process.env.N8N_LOG_LEVEL = 'warn';
	const logFile = join(userFolder, 'n8n.log');
	const server = scripts.startN8n({
		userFolder,
		port: await scripts.freePort(),
		brokerPort: await scripts.freePort(),
		encryptionKey: randomBytes(24).toString('hex'),
		output: logFile,
	});
	const stop = async () => {
		await server.stop();
		if (process.env.BENCH_KEEP === '1') log(`kept ${userFolder}`);
		else scripts.removeFolder(userFolder);
	};
	try {
		await scripts.waitForReady(server);
		const client = new BenchN8n({ url: server.url, apiKey: '', logFile });
		await client.setUp();
		const startSeconds = (Date.now() - started) / 1000;
		log(`ready at ${server.url} in ${startSeconds.toFixed(1)} s (log: ${logFile})`);
		return { facts: client.facts, startSeconds, stop };
	} catch (error) {
		if (existsSync(logFile))
			log(`log (last lines):\n${readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}`);
		await stop();
		throw error;
	}
}

/** The n8n that run.ts started (BENCH_N8N_FACTS), or one of this process's own. */
export async function connectBenchN8n(): Promise<{ n8n: BenchN8n; close(): Promise<void> }> {
	const factsFile = process.env.BENCH_N8N_FACTS;
	if (factsFile) {
		const facts = JSON.parse(readFileSync(factsFile, 'utf8')) as N8nFacts;
		return { n8n: new BenchN8n(facts), close: async () => {} };
	}
	const started = await startBenchN8n();
	return { n8n: new BenchN8n(started.facts), close: started.stop };
}

/** Writes the facts for the benchmark processes; returns the file. */
export function writeFacts(folder: string, facts: N8nFacts): string {
	const file = join(folder, 'n8n-facts.json');
	writeFileSync(file, JSON.stringify(facts));
	return file;
}

export interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}

export interface Workflow {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: { node: string; type: string; index: number }[][] }>;
}

export interface NodeRunData {
	startTime: number;
	executionTime: number;
	data?: { main: ({ json: Record<string, unknown> }[] | null)[] };
	error?: { message: string };
}

export interface Execution {
	id: string;
	status: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: {
		resultData: { runData: Record<string, NodeRunData[]>; error?: { message: string } };
	};
}

const unfinished = ['new', 'running', 'waiting'];
/** How long reads wait for an n8n that answers 503 ("Database is not ready!") or drops connections. */
const UNAVAILABLE_PATIENCE_MS = 180_000;

/** n8n's public API (`/api/v1`, API key) and internal REST API (`/rest`, owner cookie), as benchmarks need them. */
export class BenchN8n {
	private cookie?: string;

	constructor(readonly facts: N8nFacts) {}

	get url(): string {
		return this.facts.url;
	}

	private async call<T>(
		method: string,
		path: string,
		body: unknown,
		headers: Record<string, string>,
	): Promise<{ status: number; json: T; text: string; headers: Headers }> {
		const send = async () =>
			await fetch(`${this.url}${path}`, {
				method,
				headers: {
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
					...headers,
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		let response: Response;
		const deadline = Date.now() + UNAVAILABLE_PATIENCE_MS;
		for (;;) {
			try {
				response = await send();
				// Under a burst of executions n8n's SQLite falls behind and the API answers 503 for a while.
				if (response.status !== 503 || method !== 'GET' || Date.now() > deadline) break;
				await response.text();
			} catch (error) {
				// A busy n8n sometimes resets a kept-alive connection; reads are safe to repeat, webhook calls not.
				if (method !== 'GET' || Date.now() > deadline) throw error;
			}
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		const text = await response.text();
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: response.status, json: json as T, text, headers: response.headers };
	}

	async api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const answer = await this.call<T>(method, `/api/v1${path}`, body, {
			'x-n8n-api-key': this.facts.apiKey,
		});
		if (answer.status >= 300)
			throw new Error(`${method} /api/v1${path}: ${answer.status} ${answer.text}`);
		return answer.json;
	}

	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		if (!this.cookie) await this.login();
		const answer = await this.call<{ data: T }>(method, `/rest${path}`, body, {
			cookie: this.cookie ?? '',
		});
		if (answer.status >= 300)
			throw new Error(`${method} /rest${path}: ${answer.status} ${answer.text}`);
		return answer.json.data;
	}

	private async login(): Promise<void> {
		const answer = await this.call(
			'POST',
			'/rest/login',
			{
				emailOrLdapLoginId: owner.email,
				password: owner.password,
			},
			{},
		);
		if (answer.status !== 200) throw new Error(`login: ${answer.status} ${answer.text}`);
		this.cookie = answer.headers
			.getSetCookie()
			.map((cookie) => cookie.split(';')[0])
			.join('; ');
	}

	/** Once per fresh server: the owner and an API key with every scope. */
	async setUp(): Promise<void> {
		const setup = await this.call('POST', '/rest/owner/setup', owner, {});
		if (setup.status !== 200) throw new Error(`owner setup: ${setup.status} ${setup.text}`);
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const key = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', {
			label: 'bench',
			scopes,
			expiresAt: null,
		});
		this.facts.apiKey = key.rawApiKey;
	}

	async createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<{ id: string; name: string }> {
		const { id } = await this.api<{ id: string }>('POST', '/credentials', { name, type, data });
		return { id, name };
	}

	async deleteCredential(id: string): Promise<void> {
		await this.api('DELETE', `/credentials/${id}`).catch(() => undefined);
	}

	async createWorkflow(workflow: Workflow): Promise<string> {
		const { id } = await this.api<{ id: string }>('POST', '/workflows', {
			...workflow,
			settings: { executionOrder: 'v1' },
		});
		return id;
	}

	async activate(id: string): Promise<void> {
		await this.api('POST', `/workflows/${id}/activate`);
	}

	/** Deactivates (closing its trigger) and deletes a workflow; its executions go with it. */
	async removeWorkflow(id: string): Promise<void> {
		await this.api('POST', `/workflows/${id}/deactivate`).catch(() => undefined);
		// n8n refuses the delete while it is still closing the triggers ("still being unpublished").
		const deadline = Date.now() + UNAVAILABLE_PATIENCE_MS;
		for (;;) {
			try {
				await this.api('DELETE', `/workflows/${id}`);
				return;
			} catch (error) {
				if (Date.now() > deadline) {
					console.log(`[n8n] could not delete workflow ${id}: ${(error as Error).message}`);
					return;
				}
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		}
	}

	/** Calls a production webhook, retrying while n8n is still registering it after activation. */
	async webhook(path: string, body: unknown): Promise<number> {
		const deadline = Date.now() + 15_000;
		for (;;) {
			const answer = await this.call('POST', `/webhook/${path}`, body, {});
			if (answer.status !== 404 || Date.now() > deadline) return answer.status;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** Executions of a workflow, newest first, following the cursor; with their data if asked. */
	async executions(workflowId: string, includeData = false): Promise<Execution[]> {
		const all: Execution[] = [];
		let cursor: string | undefined;
		do {
			const page = await this.api<{ data: Execution[]; nextCursor?: string | null }>(
				'GET',
				`/executions?workflowId=${workflowId}&limit=250&includeData=${includeData}${cursor ? `&cursor=${cursor}` : ''}`,
			);
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}

	/** How many executions a workflow has, and how many are not finished yet (internal REST: it counts). */
	async executionCount(workflowId: string): Promise<{ total: number; unfinished: number }> {
		const count = async (filter: Record<string, unknown>) =>
			(
				await this.rest<{ count: number }>(
					'GET',
					`/executions?limit=1&filter=${encodeURIComponent(JSON.stringify({ workflowId, ...filter }))}`,
				)
			).count;
		return { total: await count({}), unfinished: await count({ status: unfinished }) };
	}

	/** The first execution of a workflow, once it has finished. */
	async finishedExecution(workflowId: string, timeoutMs: number): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const [latest] = (
				await this.api<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&limit=1`)
			).data;
			if (latest && !unfinished.includes(latest.status))
				return await this.api<Execution>('GET', `/executions/${latest.id}?includeData=true`);
			if (Date.now() > deadline)
				throw new Error(`workflow ${workflowId}: no finished execution after ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}

/** Milliseconds from an execution's start to its end, by n8n's own clock. */
export function executionMs(execution: Execution): number {
	return Date.parse(execution.stoppedAt ?? execution.startedAt) - Date.parse(execution.startedAt);
}

/** Output items of a node in an execution. */
export function nodeItems(execution: Execution, node: string): Record<string, unknown>[] {
	return (execution.data?.resultData.runData[node] ?? []).flatMap((run) =>
		(run.data?.main[0] ?? []).map((item) => item.json),
	);
}
