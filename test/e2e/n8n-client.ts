/**
 * What an e2e test needs to drive the real n8n that test/e2e/global-setup.mjs started, and the sandbox
 * through its control endpoints. Provider tests stay short: build a workflow, call it, read the sandbox.
 * The suite runs on n8n 2.x and on the 1.x line (from 1.123.81); where the two differ, the `N8n` methods
 * below hide the difference or name it, so the specs never compare versions themselves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface E2eFacts {
	n8nUrl: string;
	/** The server's own answers (/rest/settings): its version (2.41.1, 1.123.81, ...) and execution mode. */
	n8nVersion: string;
	executionMode: 'regular' | 'queue';
	apiKey: string;
	owner: { email: string; password: string };
	/** Provider → emulator base URL (e.g. hologram → http://127.0.0.1:PORT/api/1). */
	sandbox: Record<string, string>;
	/** Credential type → the sandbox credential created in n8n. */
	credentials: Record<string, { id: string; name: string }>;
	logFile: string;
	/** How many n8n processes take production webhook calls: 1 unless several `n8n webhook` processes do. */
	webhookProcesses?: number;
}

export function e2eFacts(): E2eFacts {
	const file = process.env.TELCO_IOT_E2E_FACTS;
	if (!file)
		throw new Error('TELCO_IOT_E2E_FACTS is not set: run the e2e tests with `npm run test:e2e`');
	const facts = JSON.parse(readFileSync(file, 'utf8')) as E2eFacts;
	if (!facts.n8nVersion || !facts.executionMode)
		throw new Error(`${file} does not say which n8n runs (n8nVersion, executionMode)`);
	return facts;
}

export const packageName = 'n8n-nodes-telco-iot';
/** The MQTT companion package (self-hosted n8n only). */
export const mqttPackageName = 'n8n-nodes-telco-iot-mqtt';
/** `hologram` → `n8n-nodes-telco-iot.hologram`, the type name a user's n8n gives the node. */
export const nodeType = (name: string) => `${packageName}.${name}`;
/** `smartLivingTrigger` → `n8n-nodes-telco-iot-mqtt.smartLivingTrigger`, a node of the MQTT companion. */
export const mqttNodeType = (name: string) => `${mqttPackageName}.${name}`;

export interface HttpAnswer<T = unknown> {
	status: number;
	json: T;
	text: string;
}

async function request<T>(
	url: string,
	method: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<HttpAnswer<T>> {
	const response = await fetch(url, {
		method,
		headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, json: json as T, text };
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export interface Workflow {
	name: string;
	active?: boolean;
	nodes: WorkflowNode[];
	connections: Record<string, { main: { node: string; type: string; index: number }[][] }>;
	settings?: Record<string, unknown>;
}

export interface Execution {
	id: string;
	status: 'success' | 'error' | 'running' | 'waiting' | 'canceled' | 'crashed' | 'new' | 'unknown';
	finished: boolean;
	workflowId: string;
	data?: {
		resultData: {
			runData: Record<
				string,
				{
					data?: { main: { json: Record<string, unknown> }[][] };
					error?: { message: string; description?: string };
				}[]
			>;
			error?: { message: string; description?: string; node?: { name: string } };
		};
	};
}

let uniqueCounter = 0;
/** A webhook path no other test uses, so activated workflows never collide. */
export function uniquePath(prefix: string): string {
	uniqueCounter += 1;
	return `${prefix}-${Date.now().toString(36)}-${uniqueCounter}`;
}

/**
 * Webhook (POST /webhook/<path>) → the given nodes in a chain → Respond to Webhook with every item it gets.
 * The usual shape of an e2e test: call the webhook, compare the answer with the sandbox.
 */
export function webhookWorkflow(
	name: string,
	path: string,
	chain: Omit<WorkflowNode, 'position'>[],
): Workflow {
	const nodes: WorkflowNode[] = [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: `e2e-${path}`,
			parameters: { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} },
		},
		...chain.map((node, index) => ({
			...node,
			position: [220 * (index + 1), 0] as [number, number],
		})),
		{
			name: 'Respond to Webhook',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [220 * (chain.length + 1), 0],
			parameters: { respondWith: 'allIncomingItems', options: {} },
		},
	];
	const connections: Workflow['connections'] = {};
	for (let index = 0; index < nodes.length - 1; index++)
		connections[nodes[index].name] = {
			main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
		};
	return { name, active: true, nodes, connections, settings: { executionOrder: 'v1' } };
}

export class N8n {
	readonly facts = e2eFacts();
	private cookie?: string;
	private readonly created: string[] = [];

	get url(): string {
		return this.facts.n8nUrl;
	}

	/**
	 * How many n8n processes take production webhook calls behind n8n's URL: 1 (n8n alone, or a queue-mode main),
	 * or the `n8n webhook` processes of a scaled set-up. A webhook trigger remembers the events it ran in its
	 * own process only.
	 */
	get webhookProcesses(): number {
		return this.facts.webhookProcesses ?? 1;
	}

	/** The major version of the n8n under test: 1 or 2. */
	get major(): number {
		return Number(this.facts.n8nVersion.split('.')[0]);
	}

	/**
	 * What a webhook answers when its workflow responds through "Respond to Webhook" and the run fails before
	 * reaching that node. In queue mode the main answers what the worker reported; otherwise n8n 2.x answers
	 * 500, while n8n 1.x settles the waiting answer as soon as the run ends, before its own error answer, so
	 * the caller gets an empty 200 and only the saved execution shows the failure.
	 */
	get failedRunAnswer(): { status: number; text: string } {
		if (this.facts.executionMode === 'queue')
			return { status: 500, text: JSON.stringify({ message: 'Workflow execution failed' }) };
		return this.major < 2
			? { status: 200, text: '' }
			: { status: 500, text: JSON.stringify({ message: 'Error in workflow' }) };
	}

	/** The public API (`/api/v1`, API key); throws on anything but 2xx. */
	async api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const answer = await request<T>(`${this.url}/api/v1${path}`, method, body, {
			'x-n8n-api-key': this.facts.apiKey,
		});
		if (answer.status >= 300)
			throw new Error(`${method} /api/v1${path}: ${answer.status} ${answer.text}`);
		return answer.json;
	}

	/** n8n's internal REST API (`/rest`, what the editor uses), logged in as the owner; returns the raw answer. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>> {
		if (!this.cookie) {
			const login = await fetch(`${this.url}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					emailOrLdapLoginId: this.facts.owner.email,
					password: this.facts.owner.password,
				}),
			});
			if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
			this.cookie = login.headers
				.getSetCookie()
				.map((cookie) => cookie.split(';')[0])
				.join('; ');
		}
		return await request<T>(`${this.url}/rest${path}`, method, body, { cookie: this.cookie });
	}

	/**
	 * Whether the node panel's search results show a community node's description under its name: n8n 2.x
	 * does; n8n 1.x shows the name alone (with a package badge) and the description once the entry is opened.
	 */
	get panelShowsCommunityNodeDescriptions(): boolean {
		return this.major >= 2;
	}

	/**
	 * Whether n8n hands the HTTP status of a failed credential-test request to the credential's `responseCode`
	 * rules. n8n 2.x does; n8n 1.x's error for the failed request loses the HTTP answer it wraps, so 1.x shows
	 * its own text instead (`httpStatusCredentialTestMessage`).
	 */
	get credentialTestReadsHttpStatus(): boolean {
		return this.major >= 2;
	}

	/**
	 * What n8n 1.x shows for a credential test whose request failed with this HTTP status, whatever the
	 * credential's rules say (n8n's NodeApiError texts).
	 */
	httpStatusCredentialTestMessage(status: 401 | 404): string {
		return status === 401
			? 'Authorization failed - please check your credentials'
			: 'The resource you are requesting could not be found';
	}

	/**
	 * What n8n shows for a credential test whose request got no answer (connection refused): n8n words it
	 * itself, out of reach of the credential's rules. n8n 2.x shows the error's code, n8n 1.x a sentence.
	 */
	get connectionRefusedCredentialTestMessage(): string {
		return this.major >= 2
			? 'ECONNREFUSED'
			: 'The service refused the connection - perhaps it is offline';
	}

	/**
	 * Creates a credential; returns n8n's answer (id, name, ...). On n8n 2.x through the public API. n8n 1.x's
	 * public API derives a JSON schema from the credential's fields that wrongly requires the fields of every
	 * option at once, so there it is saved as 1.x's editor saves it, through the internal REST API (global-setup
	 * saves the sandbox credentials the same way: scripts/examples.mjs `upsertCredential`).
	 */
	async createCredential(credential: {
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<{ id: string; name: string }> {
		if (this.major >= 2)
			return await this.api<{ id: string; name: string }>('POST', '/credentials', credential);
		const answer = await this.rest<{ data: { id: string; name: string } }>(
			'POST',
			'/credentials',
			credential,
		);
		if (answer.status !== 200)
			throw new Error(`POST /rest/credentials: ${answer.status} ${answer.text}`);
		return answer.json.data;
	}

	/** The sandbox credential of a type, as a node's `credentials` entry. */
	credential(type: string): Record<string, { id: string; name: string }> {
		const credential = this.facts.credentials[type];
		if (!credential)
			throw new Error(
				`No sandbox credential of type ${type} (is examples/credentials/${type}.json there?)`,
			);
		return { [type]: credential };
	}

	/** Creates the workflow with every node bound to the sandbox credential of its type; activates it if `active`. */
	async createWorkflow(workflow: Workflow): Promise<string> {
		const nodes = workflow.nodes.map((node) =>
			node.credentials
				? {
						...node,
						credentials: Object.fromEntries(
							Object.keys(node.credentials).map((type) => [type, this.credential(type)[type]]),
						),
					}
				: node,
		);
		const { id } = await this.api<{ id: string }>('POST', '/workflows', {
			name: workflow.name,
			nodes,
			connections: workflow.connections,
			settings: workflow.settings ?? { executionOrder: 'v1' },
		});
		this.created.push(id);
		if (workflow.active) await this.activate(id);
		return id;
	}

	/**
	 * Imports `examples/<file>` as `npm start` does (scripts/examples.mjs), bound to the sandbox credentials,
	 * with "${n8n.url}" in its values replaced by this n8n's URL and "${dataTable.<name>}" by the IDs in
	 * `dataTables`. `change` may adjust the workflow first (its Send Window, whether it is active).
	 */
	async importExample(
		file: string,
		options: { dataTables?: Record<string, string>; change?: (workflow: Workflow) => void } = {},
	): Promise<{ id: string; workflow: Workflow }> {
		const text = readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8')
			.replaceAll('${n8n.url}', this.url)
			.replace(/\$\{dataTable\.(\w+)\}/g, (placeholder, name: string) => {
				const id = options.dataTables?.[name];
				if (!id) throw new Error(`${file} uses the Data Table ${name}: pass its ID`);
				return id;
			});
		const workflow = JSON.parse(text) as Workflow;
		options.change?.(workflow);
		return { id: await this.createWorkflow(workflow), workflow };
	}

	/** Saves a changed workflow (the public API's PUT: name, nodes, connections, settings). */
	async updateWorkflow(id: string, workflow: Workflow): Promise<void> {
		await this.api('PUT', `/workflows/${id}`, {
			name: workflow.name,
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: workflow.settings ?? { executionOrder: 'v1' },
		});
	}

	/** The internal REST API's answer, or an error naming the call (Data Tables have no public API on 1.x). */
	private async restData<T>(method: string, path: string, body?: unknown): Promise<T> {
		const answer = await this.rest<{ data: T }>(method, path, body);
		if (answer.status >= 300)
			throw new Error(`${method} /rest${path}: ${answer.status} ${answer.text}`);
		return answer.json.data;
	}

	private async dataTablesPath(): Promise<string> {
		const project = await this.restData<{ id: string }>('GET', '/projects/personal');
		return `/projects/${project.id}/data-tables`;
	}

	/**
	 * Creates an n8n Data Table in the owner's personal project, through the internal REST API that n8n 1.x
	 * and 2.x share (scripts/examples.mjs makes the examples' tables the same way); returns its ID.
	 */
	async createDataTable(
		name: string,
		columns: { name: string; type: string }[],
		rows: Record<string, unknown>[] = [],
	): Promise<string> {
		const base = await this.dataTablesPath();
		const { id } = await this.restData<{ id: string }>('POST', base, { name, columns });
		for (let start = 0; start < rows.length; start += 500)
			await this.restData('POST', `${base}/${id}/insert`, {
				data: rows.slice(start, start + 500),
				returnType: 'count',
			});
		return id;
	}

	/**
	 * Rows of a Data Table, all of them or those matching every `where` entry (column = value), in pages
	 * (n8n 1.x gives 50 at a time).
	 */
	async dataTableRows<T = Record<string, unknown>>(
		id: string,
		where: Record<string, string | number | boolean | null> = {},
	): Promise<T[]> {
		const base = await this.dataTablesPath();
		const filters = Object.entries(where).map(([columnName, value]) => ({
			columnName,
			condition: 'eq',
			value,
		}));
		const filter = encodeURIComponent(JSON.stringify({ type: 'and', filters }));
		const rows: T[] = [];
		for (;;) {
			const page = await this.restData<{ count: number; data: T[] }>(
				'GET',
				`${base}/${id}/rows?skip=${rows.length}&take=250${filters.length > 0 ? `&filter=${filter}` : ''}`,
			);
			rows.push(...page.data);
			if (page.data.length === 0 || rows.length >= page.count) return rows;
		}
	}

	/** How many rows of a Data Table match every `where` entry (column = value). */
	async dataTableCount(
		id: string,
		where: Record<string, string | number | boolean | null>,
	): Promise<number> {
		const base = await this.dataTablesPath();
		const filters = Object.entries(where).map(([columnName, value]) => ({
			columnName,
			condition: 'eq',
			value,
		}));
		const filter = encodeURIComponent(JSON.stringify({ type: 'and', filters }));
		const page = await this.restData<{ count: number }>(
			'GET',
			`${base}/${id}/rows?take=1&filter=${filter}`,
		);
		return page.count;
	}

	/** Deletes a Data Table (call in afterAll for the tables a test made). */
	async deleteDataTable(id: string): Promise<void> {
		await this.rest('DELETE', `${await this.dataTablesPath()}/${id}`);
	}

	/**
	 * Why activating the workflow failed, as the editor shows it. n8n 1.x activates while the call waits and
	 * refuses it with the trigger's error; n8n 2.x publishes in the background and the error shows in the
	 * publication status once it has settled.
	 */
	async activationFailure(workflow: Workflow): Promise<string> {
		const id = await this.createWorkflow({ ...workflow, active: false });
		if (this.major < 2) {
			const answer = await request<{ message?: string }>(
				`${this.url}/api/v1/workflows/${id}/activate`,
				'POST',
				undefined,
				{ 'x-n8n-api-key': this.facts.apiKey },
			);
			if (answer.status < 300) throw new Error(`workflow ${id} was activated`);
			return answer.json?.message ?? answer.text;
		}
		await this.activate(id);
		type Status = {
			status: string;
			triggers: Array<{ status: string; errorMessage: string | null }>;
		};
		const deadline = Date.now() + 60_000;
		for (;;) {
			const answer = await this.rest<{ data: Status }>(
				'GET',
				`/workflows/${id}/publication-status`,
			);
			const status = answer.json?.data;
			if (status?.status === 'failed')
				return status.triggers.map((trigger) => trigger.errorMessage ?? '').join('\n');
			if (status && !['in_progress', 'not_published'].includes(status.status))
				throw new Error(`workflow ${id} was published: ${answer.text}`);
			if (Date.now() > deadline)
				throw new Error(`publication of ${id} did not settle: ${answer.text}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/**
	 * Activates a workflow. A webhook path freed by a workflow deactivated a moment ago can still count as
	 * taken (409 conflict) while n8n finishes removing it, so that answer is retried for a few seconds.
	 */
	async activate(workflowId: string): Promise<void> {
		const deadline = Date.now() + 15_000;
		for (;;) {
			const answer = await request(
				`${this.url}/api/v1/workflows/${workflowId}/activate`,
				'POST',
				undefined,
				{
					'x-n8n-api-key': this.facts.apiKey,
				},
			);
			if (answer.status < 300) return;
			if (answer.status !== 409 || Date.now() > deadline)
				throw new Error(`activate ${workflowId}: ${answer.status} ${answer.text}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** Deactivates and deletes the workflows this client created (call in afterEach), freeing their webhooks. */
	async cleanUp(): Promise<void> {
		for (const id of this.created.splice(0)) {
			await this.api('POST', `/workflows/${id}/deactivate`).catch(() => undefined);
			await this.api('DELETE', `/workflows/${id}`).catch(() => undefined);
		}
	}

	/**
	 * Calls a production webhook: `/webhook/<path>`. n8n registers an activated workflow's webhooks a moment
	 * after the activate call returns, so a "not registered" 404 is retried for a few seconds.
	 */
	async webhook<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>> {
		const deadline = Date.now() + 15_000;
		for (;;) {
			const answer = await request<T>(`${this.url}/webhook/${path}`, method, body);
			const notYetRegistered = answer.status === 404 && answer.text.includes('is not registered');
			if (!notYetRegistered || Date.now() > deadline) return answer;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/**
	 * Runs a workflow from one of its trigger nodes, as the editor's "Execute workflow" does, and waits for it.
	 * n8n 2.x runs the saved workflow; n8n 1.x runs the workflow its editor sends along, so there the saved one
	 * is read and sent.
	 */
	async runManually(
		workflowId: string,
		triggerName: string,
		timeoutMs = 30_000,
	): Promise<Execution> {
		const run: Record<string, unknown> = { triggerToStartFrom: { name: triggerName } };
		if (this.major < 2) {
			const saved = await this.rest<{ data: Record<string, unknown> }>(
				'GET',
				`/workflows/${workflowId}`,
			);
			if (saved.status !== 200)
				throw new Error(`workflow ${workflowId}: ${saved.status} ${saved.text}`);
			run.workflowData = saved.json.data;
		}
		const answer = await this.rest<{ data: { executionId: string } }>(
			'POST',
			`/workflows/${workflowId}/run`,
			run,
		);
		if (answer.status !== 200 || !answer.json?.data?.executionId)
			throw new Error(`run ${workflowId}: ${answer.status} ${answer.text}`);
		return await this.waitForExecution(answer.json.data.executionId, timeoutMs);
	}

	/** An execution with its data, once it has finished (success or error). */
	async waitForExecution(executionId: string, timeoutMs = 30_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.api<Execution>(
				'GET',
				`/executions/${executionId}?includeData=true`,
			).catch(() => undefined);
			if (execution && !['running', 'new', 'waiting'].includes(execution.status)) return execution;
			if (Date.now() > deadline)
				throw new Error(`execution ${executionId} did not finish in ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** The latest finished execution of a workflow (webhook runs are saved a moment after they answer). */
	async lastExecution(workflowId: string, timeoutMs = 30_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.api<{ data: { id: string; status: string }[] }>(
				'GET',
				`/executions?workflowId=${workflowId}&limit=1`,
			);
			const [latest] = list.data;
			if (latest)
				return await this.waitForExecution(latest.id, Math.max(deadline - Date.now(), 1000));
			if (Date.now() > deadline)
				throw new Error(`workflow ${workflowId} has no execution after ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/**
	 * Waits until a workflow has at least `count` executions, all finished, and returns every one with its
	 * data, oldest first (trigger workflows: one execution per event that started a run).
	 */
	async executions(workflowId: string, count: number, timeoutMs = 30_000): Promise<Execution[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.api<{ data: Execution[] }>(
				'GET',
				`/executions?workflowId=${workflowId}&limit=250&includeData=true`,
			);
			const finished = list.data.every(
				(execution) => !['running', 'new', 'waiting'].includes(execution.status),
			);
			if (list.data.length >= count && finished)
				return [...list.data].sort((a, b) => Number(a.id) - Number(b.id));
			if (Date.now() > deadline)
				throw new Error(
					`workflow ${workflowId} has ${list.data.length} executions (${finished ? 'finished' : 'some running'}) after ${timeoutMs} ms, expected ${count}`,
				);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}

/** Output items of a node in an execution. */
export function nodeOutput(execution: Execution, nodeName: string): Record<string, unknown>[] {
	const runs = execution.data?.resultData.runData[nodeName] ?? [];
	return runs.flatMap((run) => (run.data?.main[0] ?? []).map((item) => item.json));
}

/** A provider emulator's control endpoints (`/__sandbox/...` on its own port). */
export class SandboxControl {
	readonly baseUrl: string;
	private readonly origin: string;

	constructor(readonly provider: string) {
		const url = e2eFacts().sandbox[provider];
		if (!url) throw new Error(`The ${provider} sandbox is not running`);
		this.baseUrl = url;
		this.origin = new URL(url).origin;
	}

	private async control<T>(method: string, action: string, body?: unknown): Promise<T> {
		const answer = await request<T>(`${this.origin}/__sandbox/${action}`, method, body);
		if (answer.status >= 300)
			throw new Error(`${method} /__sandbox/${action}: ${answer.status} ${answer.text}`);
		return answer.json;
	}

	state<T = unknown>(): Promise<T> {
		return this.control<T>('GET', 'state');
	}

	/** Requests the emulator received (control calls are not recorded). */
	requests<T = { method: string; pathname: string; body: unknown }[]>(): Promise<T> {
		return this.control<T>('GET', 'requests');
	}

	/** Back to the seed: state, recorded requests and faults. */
	async reset(): Promise<void> {
		await this.control('POST', 'reset');
	}

	async injectFault(fault: Record<string, unknown>): Promise<void> {
		await this.control('POST', 'faults', fault);
	}

	/**
	 * SmartLiving: resolves once the emulator's MQTT broker holds a subscription (an activation call returns
	 * before the trigger has subscribed), so a test can publish live. A retained state published while the
	 * trigger subscribes reaches it twice on aedes (forwarded live, and again as the retained message), which
	 * QoS 1 allows but a count of runs does not.
	 */
	async untilMqttSubscribed(timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const { subscriptions } = await this.control<{ subscriptions: unknown[] }>(
				'GET',
				`${this.provider}/mqtt`,
			);
			if (subscriptions.length > 0) return;
			if (Date.now() > deadline)
				throw new Error(
					`No MQTT subscription on the ${this.provider} broker after ${timeoutMs} ms`,
				);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
}
