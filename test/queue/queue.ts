/**
 * What the queue-mode tests add to the e2e client (test/e2e/n8n-client.ts, which drives this installation
 * unchanged): every execution of a workflow through all pages of the public API, which worker ran each one
 * (from the workers' logs: n8n's API does not say), which webhook process took each call (from the
 * balancer's log), and the tally of events against executions.
 */
import { readFileSync } from 'node:fs';

import { e2eFacts, type E2eFacts, type Execution, type N8n } from '../e2e/n8n-client';

export interface QueueFacts {
	mainLog: string;
	/** The main's own server (editor and API; production webhooks are switched off on it). */
	mainUrl: string;
	workers: { name: string; logFile: string; url: string }[];
	workerConcurrency: number;
	/** The `n8n webhook` processes behind the balancer. */
	webhooks: { name: string; logFile: string; url: string }[];
	/** The load balancer: n8n's public URL. */
	balancerUrl: string;
	redisPort: number;
	postgresPort: number;
}

export function queueFacts(): QueueFacts {
	const facts = e2eFacts() as E2eFacts & { queue?: QueueFacts };
	if (!facts.queue) throw new Error('No queue-mode n8n: run these tests with `npm run test:queue`');
	return facts.queue;
}

/** An execution as the list answers, with its times. */
export type ListedExecution = Execution & { startedAt: string; stoppedAt: string | null };

/** Every execution of a workflow, oldest first, through every page of `/api/v1/executions`. */
export async function allExecutions(
	n8n: N8n,
	workflowId: string,
	{ includeData = false } = {},
): Promise<ListedExecution[]> {
	const executions: ListedExecution[] = [];
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({
			workflowId,
			limit: '250',
			includeData: String(includeData),
		});
		if (cursor) query.set('cursor', cursor);
		const page = await n8n.api<{ data: ListedExecution[]; nextCursor?: string | null }>(
			'GET',
			`/executions?${query.toString()}`,
		);
		executions.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return executions.sort((a, b) => Number(a.id) - Number(b.id));
}

const finishedStates = ['success', 'error', 'crashed', 'canceled'];

/** Executions of a workflow in the given states, counted by the database (the editor's list). */
export async function countExecutions(
	n8n: N8n,
	workflowId: string,
	status: string[] = finishedStates,
): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status }));
	const answer = await n8n.rest<{ data: { count: number } }>(
		'GET',
		`/executions?limit=1&filter=${filter}`,
	);
	if (answer.status !== 200) throw new Error(`execution count: ${answer.status} ${answer.text}`);
	return answer.json.data.count;
}

/**
 * Every execution of a workflow, including those the public list leaves out: it hides executions the main
 * still counts as running (its ActiveExecutions), which in queue mode under load can outlast their end on
 * the worker by many seconds. Those are read one by one, by the IDs missing between the listed ones.
 */
export async function everyExecution(
	n8n: N8n,
	workflowId: string,
	{ includeData = false, expected = 0 } = {},
): Promise<{ executions: ListedExecution[]; hiddenFromList: number }> {
	const executions = await allExecutions(n8n, workflowId, { includeData });
	const listed = new Set(executions.map((execution) => Number(execution.id)));
	if (listed.size === 0) return { executions, hiddenFromList: 0 };
	let hiddenFromList = 0;
	const ids = [...listed];
	// Past the last listed ID too, as far as the events still missing could reach.
	const last = Math.max(...ids) + Math.max(0, expected - listed.size) * 4;
	for (let id = Math.min(...ids); id <= last; id++) {
		if (listed.has(id)) continue;
		const execution = await n8n
			.api<ListedExecution>('GET', `/executions/${id}?includeData=${String(includeData)}`)
			.catch(() => undefined);
		if (execution?.workflowId !== workflowId) continue;
		executions.push(execution);
		hiddenFromList++;
	}
	executions.sort((a, b) => Number(a.id) - Number(b.id));
	return { executions, hiddenFromList };
}

/**
 * The workflow's executions once at least `count` have finished (as the database counts them) and, for
 * `quietMs` after, no further one appeared: a duplicate run would show up in that time.
 */
export async function settledExecutions(
	n8n: N8n,
	workflowId: string,
	count: number,
	{ timeoutMs = 60_000, quietMs = 2000, includeData = true } = {},
): Promise<ListedExecution[]> {
	const deadline = Date.now() + timeoutMs;
	let seen = -1;
	let stableSince = Date.now();
	for (;;) {
		const total = await countExecutions(n8n, workflowId, [
			...finishedStates,
			'new',
			'running',
			'waiting',
		]);
		const finished = await countExecutions(n8n, workflowId);
		if (total !== seen) {
			seen = total;
			stableSince = Date.now();
		}
		if (finished === total && finished >= count && Date.now() - stableSince >= quietMs)
			return (await everyExecution(n8n, workflowId, { includeData, expected: total })).executions;
		if (Date.now() > deadline)
			throw new Error(
				`workflow ${workflowId}: ${total} executions (${finished} finished) after ${timeoutMs} ms, expected ${count}`,
			);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * Execution ID → the workers whose log says it started it ("Worker started execution 12 (job 12)"). One
 * name per execution is the rule; two would be a job run twice, none a job the main ran itself.
 */
export function workersByExecution(): Map<string, string[]> {
	const started = new Map<string, string[]>();
	for (const worker of queueFacts().workers) {
		const log = readFileSync(worker.logFile, 'utf8');
		for (const match of log.matchAll(/Worker started execution (\d+) \(job/g)) {
			started.set(match[1], [...(started.get(match[1]) ?? []), worker.name]);
		}
	}
	return started;
}

export interface Tally {
	/** What ran them: worker name → executions. */
	byWorker: Record<string, number>;
	/** Executions no worker's log mentions (the main ran them, or the log lost them). */
	notOnAWorker: string[];
	/** Executions more than one worker started. */
	startedTwice: string[];
}

/** Which worker ran each execution; waits a moment for the logs of the last ones to be written. */
export async function tallyWorkers(executions: { id: string }[]): Promise<Tally> {
	let tally: Tally = { byWorker: {}, notOnAWorker: [], startedTwice: [] };
	for (let attempt = 0; attempt < 10; attempt++) {
		const started = workersByExecution();
		tally = {
			byWorker: Object.fromEntries(queueFacts().workers.map((worker) => [worker.name, 0])),
			notOnAWorker: [],
			startedTwice: [],
		};
		for (const { id } of executions) {
			const workers = started.get(id) ?? [];
			if (workers.length === 0) tally.notOnAWorker.push(id);
			if (workers.length > 1) tally.startedTwice.push(id);
			for (const name of workers) tally.byWorker[name] += 1;
		}
		if (tally.notOnAWorker.length === 0) break;
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	return tally;
}

/**
 * Events against executions by a key each carries (an event ID, a transaction reference): `lost` were sent
 * and started no run, `duplicated` started more than one, `unexpected` ran but were never sent.
 */
export function matchEvents(sent: string[], ran: string[]) {
	const runs = new Map<string, number>();
	for (const key of ran) runs.set(key, (runs.get(key) ?? 0) + 1);
	const sentSet = new Set(sent);
	return {
		lost: sent.filter((key) => !runs.has(key)),
		duplicated: [...runs].filter(([, count]) => count > 1).map(([key]) => key),
		unexpected: [...runs.keys()].filter((key) => !sentSet.has(key)),
	};
}

/** One line per checked trigger in the CI log: the counts behind the assertions. */
export function report(label: string, figures: Record<string, unknown>): void {
	const text = Object.entries(figures)
		.map(
			([name, value]) =>
				`${name} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
		)
		.join(', ');
	process.stderr.write(`[queue] ${label}: ${text}\n`);
}

/** A call the balancer passed to a webhook process (scripts/services.mjs `startBalancer`). */
export interface BalancedCall {
	webhook: string;
	method: string;
	/** Path and query as sent. */
	url: string;
	status?: number;
	body?: string;
	error?: string;
}

/** The calls the balancer passed to the webhook processes since it started or was last cleared. */
export async function balancedCalls({ clear = false } = {}): Promise<BalancedCall[]> {
	const response = await fetch(`${queueFacts().balancerUrl}/__balancer/calls`, {
		method: clear ? 'DELETE' : 'GET',
	});
	if (!response.ok) throw new Error(`balancer calls: ${response.status}`);
	return ((await response.json()) as { calls: BalancedCall[] }).calls;
}

/**
 * Event key → the webhook processes that received a call carrying it. `keysOf` reads the keys a call
 * carries (one delivery, or a list of them); calls to other webhooks give none.
 */
export function webhookProcessesByEvent(
	calls: BalancedCall[],
	keysOf: (call: BalancedCall) => string[],
): Map<string, Set<string>> {
	const reached = new Map<string, Set<string>>();
	for (const call of calls)
		for (const key of keysOf(call)) {
			const processes = reached.get(key) ?? new Set<string>();
			processes.add(call.webhook);
			reached.set(key, processes);
		}
	return reached;
}

/** Calls each webhook process took. */
export function callsByWebhookProcess(calls: BalancedCall[]): Record<string, number> {
	const counts = Object.fromEntries(queueFacts().webhooks.map(({ name }) => [name, 0]));
	for (const call of calls) counts[call.webhook] = (counts[call.webhook] ?? 0) + 1;
	return counts;
}
