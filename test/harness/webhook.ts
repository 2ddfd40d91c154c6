/**
 * Runs a webhook trigger node as n8n's server does for an active workflow, over real HTTP:
 * - activation registers each of the node's webhooks through its `webhookMethods` (`checkExists`,
 *   then `create` when it does not exist) in n8n-core's HookContext; deactivation runs `delete`;
 * - a local HTTP server stands in for n8n's `/webhook/` endpoint at the URL the node registers;
 * - each request is parsed as n8n's webhook server parses it, handed to the node's `webhook()` in
 *   n8n-core's WebhookContext, and answered as the server answers it;
 * - one Workflow lives through all of it, so the node's static data persists as the server keeps it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	IHttpRequestMethods,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WebhookSetupMethodNames,
	Workflow,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { CredentialFixtures, NodeUnderTest, PreAuthenticationCall } from './core';
import { Waiters, prepareNode } from './core';
import { trackRunning } from './running';

export interface StartWebhookTriggerOptions {
	/** The node's name in the package or a registered test node, without the package prefix. */
	node: string;
	/** The node's version in the workflow; 1 unless given. */
	typeVersion?: number;
	parameters: INodeParameters;
	credentials: CredentialFixtures;
	/** The node's webhook ID (the first path segment of its URL); a random UUID by default. */
	webhookId?: string;
	/** Static data the server stored for the workflow before this activation. */
	staticData?: IDataObject;
	/**
	 * Listen on this port, e.g. the one of an earlier activation after its `shutdown()`, so the
	 * webhook URL is the same, as after an n8n restart.
	 */
	port?: number;
	/** `init` when n8n starts up with the workflow already active; `activate` (default) otherwise. */
	activation?: 'activate' | 'init';
}

/** An incoming request as the node saw it (express-like). */
export interface WebhookRequest extends IncomingMessage {
	method: string;
	url: string;
	/** The URL path, without the query string. */
	path: string;
	query: Record<string, string | string[] | undefined>;
	params: Record<string, string>;
	/** The parsed body: JSON, form fields, XML-less text; `{}` when empty or not parsable. */
	body: unknown;
	/** The body exactly as received, for signature checks. */
	rawBody: Buffer;
	contentType?: string;
	encoding: BufferEncoding;
	get(name: string): string | undefined;
	header(name: string): string | undefined;
}

/** The response object handed to the node (express-like). */
export interface WebhookResponse extends ServerResponse {
	status(code: number): WebhookResponse;
	sendStatus(code: number): WebhookResponse;
	set(name: string, value: string): WebhookResponse;
	header(name: string, value: string): WebhookResponse;
	type(contentType: string): WebhookResponse;
	json(body: unknown): WebhookResponse;
	send(body?: unknown): WebhookResponse;
}

export interface RecordedWebhookRequest {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	query: WebhookRequest['query'];
	body: unknown;
	rawBody: Buffer;
	/** How the request was answered (filled once the answer is sent). */
	response?: { statusCode: number; body: string };
}

export interface WebhookRun {
	/** The `workflowData` the node returned: the trigger's output, one execution. */
	items: INodeExecutionData[][];
	request: RecordedWebhookRequest;
}

export interface WebhookMethodCall {
	method: WebhookSetupMethodNames;
	/** The webhook's name in the node description (`default`, `setup`). */
	webhook: string;
	result?: boolean;
	error?: Error;
}

export interface RunningWebhookTrigger {
	/** The production webhook URL, as `this.getNodeWebhookUrl('default')` gives it to the node. */
	url: string;
	/** The URLs of all the node's webhooks by name. */
	urls: Record<string, string>;
	/** One entry per execution the server would have started. */
	runs: WebhookRun[];
	/** Every request received, whether it started an execution or not. */
	requests: RecordedWebhookRequest[];
	/** `checkExists`, `create` and `delete` calls, in order. */
	webhookMethodCalls: WebhookMethodCall[];
	/** Errors thrown by the node's `webhook()` (the server answers those with a 500). */
	errors: Error[];
	/** The workflow's static data, kept across activation, requests and deactivation. */
	staticData: IDataObject;
	preAuthenticationCalls: PreAuthenticationCall[];
	waitForRuns(count: number, timeoutMs?: number): Promise<WebhookRun[]>;
	/** Runs the webhooks' `delete` and closes the endpoint. */
	deactivate(): Promise<void>;
	/** Closes the endpoint without `delete`, as when n8n shuts down: registrations stay. */
	shutdown(): Promise<void>;
}

/** Activates a webhook trigger node behind a real local endpoint. Call `deactivate()` when done. */
export async function startWebhookTrigger(
	options: StartWebhookTriggerOptions,
): Promise<RunningWebhookTrigger> {
	const runs: WebhookRun[] = [];
	const requests: RecordedWebhookRequest[] = [];
	const errors: Error[] = [];
	const webhookMethodCalls: WebhookMethodCall[] = [];
	const waiters = new Waiters();

	let handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_req, res) => {
		res.writeHead(503).end();
	};
	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			errors.push(error as Error);
			if (!res.headersSent) res.writeHead(500);
			res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const closeServer = async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	const { port } = server.address() as AddressInfo;

	let prepared: NodeUnderTest;
	try {
		prepared = await prepareNode({ ...options, active: true }, `http://127.0.0.1:${port}`);
	} catch (error) {
		await closeServer();
		throw error;
	}
	const { node, nodeType, workflow, additionalData, credentialsHelper } = prepared;
	if (typeof nodeType.webhook !== 'function') {
		await closeServer();
		throw new Error(`Node ${options.node} has no webhook() method`);
	}
	const webhooks = nodeWebhooks(workflow, node, additionalData);

	const runWebhookMethod = async (
		method: WebhookSetupMethodNames,
		webhookData: IWebhookData,
		mode: 'trigger' | 'internal',
		activation: 'activate' | 'init' | 'update',
	): Promise<boolean | undefined> => {
		const webhookFn = nodeType.webhookMethods?.[webhookData.webhookDescription.name]?.[method];
		if (webhookFn === undefined) return undefined;
		const call: WebhookMethodCall = { method, webhook: webhookData.webhookDescription.name };
		webhookMethodCalls.push(call);
		const context = new HookContext(workflow, node, additionalData, mode, activation, webhookData);
		try {
			call.result = await webhookFn.call(context);
			return call.result;
		} catch (error) {
			call.error = error as Error;
			throw error;
		}
	};
	const deleteWebhooks = async () => {
		const failures: unknown[] = [];
		for (const webhookData of webhooks) {
			// The server deletes with mode `internal` and activation `update` on deactivation.
			await runWebhookMethod('delete', webhookData, 'internal', 'update').catch((error) =>
				failures.push(error),
			);
		}
		return failures;
	};

	// Activation as the server's ActiveWorkflowManager: register what does not exist yet; when
	// that fails, remove what was registered and fail the activation.
	const activation = options.activation ?? 'activate';
	try {
		for (const webhookData of webhooks) {
			const exists = await runWebhookMethod('checkExists', webhookData, 'trigger', activation);
			if (!exists) await runWebhookMethod('create', webhookData, 'trigger', activation);
		}
	} catch (error) {
		await deleteWebhooks();
		await closeServer();
		throw error;
	}

	handle = async (incoming, res) => {
		const response = asResponse(res);
		const url = new URL(incoming.url ?? '/', `http://127.0.0.1:${port}`);
		const rawBody = await readBody(incoming);
		const req = asRequest(incoming, url, rawBody);
		const record: RecordedWebhookRequest = {
			method: req.method,
			path: req.path,
			headers: req.headers,
			query: req.query,
			body: req.body,
			rawBody,
		};
		requests.push(record);
		recordResponse(response, record, waiters);

		const webhookPath = decodeURIComponent(url.pathname)
			.replace(/^\/webhook\//, '')
			.replace(/\/$/, '');
		const match = url.pathname.startsWith('/webhook/')
			? findWebhook(webhooks, req.method, webhookPath)
			: undefined;
		if (!match) {
			sendData(response, 404, {
				code: 404,
				message: `The requested webhook "${req.method} ${webhookPath}" is not registered.`,
			});
			return;
		}
		req.params = match.params;
		if (req.bodyError) {
			sendData(response, 422, { code: 422, message: 'Failed to parse request body' });
			return;
		}
		record.body = req.body;

		const requestData = {
			...additionalData,
			httpRequest: req,
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(
			workflow,
			node,
			requestData,
			'webhook',
			match.webhookData,
			[],
			null,
		);
		const description = match.webhookData.webhookDescription;
		const evaluate = (value: unknown, fallback: unknown) =>
			value === undefined
				? fallback
				: workflow.expression.getSimpleParameterValue(
						node,
						value as string,
						'webhook',
						{},
						undefined,
						fallback as string,
					);
		const responseCode = Number(evaluate(description.responseCode, 200));

		let result: IWebhookResponseData;
		try {
			result = (await nodeType.webhook!.call(context)) as IWebhookResponseData;
		} catch (error) {
			errors.push(error as Error);
			waiters.notify();
			if (!response.headersSent) {
				sendData(response, 500, {
					code: 0,
					message: 'Workflow Webhook Error: Workflow could not be started!',
				});
			}
			return;
		}

		// Nothing to run: the node answered the request (e.g. a handshake, or a refused event).
		if (result.workflowData === undefined) {
			if (result.noWebhookResponse !== true && !response.headersSent) {
				sendData(
					response,
					responseCode,
					result.webhookResponse !== undefined
						? result.webhookResponse
						: { message: 'Webhook call received' },
				);
			}
			return;
		}

		runs.push({ items: result.workflowData, request: record });
		waiters.notify();
		if (result.noWebhookResponse === true || response.headersSent) return;

		const responseMode = String(evaluate(description.responseMode, 'onReceived'));
		if (responseMode === 'lastNode') {
			// In a one-node workflow the trigger is the last node.
			const responseData = String(evaluate(description.responseData, 'firstEntryJson'));
			const jsons = result.workflowData[0]?.map((item) => item.json) ?? [];
			if (responseData === 'noData') sendData(response, responseCode, undefined);
			else if (responseData === 'allEntries') sendData(response, responseCode, jsons);
			else sendData(response, responseCode, jsons[0]);
			return;
		}
		if (responseMode === 'responseNode') {
			// No Respond to Webhook node in a one-node workflow: the server answers empty.
			sendData(response, responseCode, undefined);
			return;
		}
		const responseData =
			description.responseData === undefined
				? undefined
				: evaluate(description.responseData, undefined);
		let body: unknown = { message: 'Workflow was started' };
		if (responseData === 'noData') body = undefined;
		else if (typeof responseData === 'string' && responseData !== '') body = responseData;
		else if (result.webhookResponse !== undefined) body = result.webhookResponse;
		sendData(response, responseCode, body);
	};

	let deactivated: Promise<void> | undefined;
	const deactivate = async () => {
		deactivated ??= (async () => {
			untrack();
			const failures = await deleteWebhooks();
			await closeServer();
			if (failures.length > 0) throw failures[0];
		})();
		await deactivated;
	};
	const untrack = trackRunning(deactivate);
	const shutdown = async () => {
		deactivated ??= (async () => {
			untrack();
			await closeServer();
		})();
		await deactivated;
	};

	const urls: Record<string, string> = {};
	for (const webhookData of webhooks) {
		const name = webhookData.webhookDescription.name;
		const context = new HookContext(workflow, node, additionalData, 'trigger', 'activate');
		urls[name] ??= context.getNodeWebhookUrl(name) ?? '';
	}

	return {
		url: urls.default ?? Object.values(urls)[0],
		urls,
		runs,
		requests,
		webhookMethodCalls,
		errors,
		staticData: workflow.staticData,
		preAuthenticationCalls: credentialsHelper.preAuthenticationCalls,
		waitForRuns: async (count, timeoutMs = 5000) => {
			await waiters.until(
				() => runs.length >= count,
				timeoutMs,
				() =>
					`${runs.length} of ${count} runs (errors: ${errors.map((e) => e.message).join('; ')})`,
			);
			return runs;
		},
		deactivate,
		shutdown,
	};
}

/**
 * The webhooks of a node as the server's WebhookService lists them: one per webhook description
 * and HTTP method, the path resolved from the node's parameters and prefixed by its webhook ID.
 */
function nodeWebhooks(
	workflow: Workflow,
	node: INode,
	additionalData: IWorkflowExecuteAdditionalData,
): IWebhookData[] {
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const webhooks: IWebhookData[] = [];
	for (const description of nodeType.description.webhooks ?? []) {
		const value = (expression: unknown, fallback: unknown) =>
			workflow.expression.getSimpleParameterValue(
				node,
				expression as string,
				'internal',
				{},
				undefined,
				fallback as string,
			);
		const rawPath = value(description.path, undefined);
		if (rawPath === undefined || rawPath === null) continue;
		const nodePath = String(rawPath).replace(/^\//, '').replace(/\/$/, '');
		const path = NodeHelpers.getNodeWebhookPath(
			workflow.id,
			node,
			nodePath,
			value(description.isFullPath, false) as boolean,
			value(description.restartWebhook, false) as boolean,
		);
		for (const httpMethod of String(value(description.httpMethod, 'GET')).split(',')) {
			if (!httpMethod.trim()) continue;
			webhooks.push({
				httpMethod: httpMethod.trim() as IHttpRequestMethods,
				node: node.name,
				path,
				webhookDescription: description,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: additionalData,
				webhookId: path.startsWith(':') || path.includes('/:') ? node.webhookId : undefined,
			});
		}
	}
	return webhooks;
}

/** The registered webhook for a method and path; `:name` segments match anything. */
function findWebhook(
	webhooks: IWebhookData[],
	method: string,
	path: string,
): { webhookData: IWebhookData; params: Record<string, string> } | undefined {
	const segments = path.split('/');
	for (const webhookData of webhooks) {
		if (webhookData.httpMethod !== method) continue;
		const expected = webhookData.path.split('/');
		if (expected.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const matches = expected.every((segment, index) => {
			if (segment.startsWith(':')) {
				params[segment.slice(1)] = segments[index];
				return true;
			}
			return segment === segments[index];
		});
		if (matches) return { webhookData, params };
	}
	return undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/**
 * Parses the request as n8n's webhook server does (n8n `middlewares/body-parser.ts` parseBody): the raw
 * body kept on `rawBody`, JSON, form-urlencoded and plain text decoded with the declared charset and
 * parsed by content type, `{}` when there is nothing to parse. Any failure, an unknown charset
 * included, becomes `bodyError`, which the server answers 422 "Failed to parse request body".
 */
function asRequest(
	incoming: IncomingMessage,
	url: URL,
	rawBody: Buffer,
): WebhookRequest & { bodyError?: Error } {
	const [type, ...parameters] = (incoming.headers['content-type'] ?? '').split(';');
	const contentType = type.trim().toLowerCase() || undefined;
	const charset = parameters
		.map((parameter) => parameter.trim().split('='))
		.find(([key]) => key.toLowerCase() === 'charset')?.[1]
		?.trim()
		.replace(/^"(.*)"$/, '$1');
	const encoding = (charset?.toLowerCase() ?? 'utf-8') as BufferEncoding;

	let body: unknown = {};
	let bodyError: Error | undefined;
	if (rawBody.length > 0) {
		// Decoding is inside the try, as in the server's parseBody: a charset Node does not know
		// ("Unknown encoding") is a body that cannot be parsed, answered 422, not a server error.
		try {
			if (contentType === 'application/json') body = JSON.parse(rawBody.toString(encoding));
			else if (contentType === 'application/x-www-form-urlencoded')
				body = {
					...parseQueryString(rawBody.toString(encoding), undefined, undefined, { maxKeys: 1000 }),
				};
			else if (contentType === 'text/plain') body = rawBody.toString(encoding);
		} catch (error) {
			bodyError = error as Error;
		}
	}
	const header = (name: string) => {
		const value = incoming.headers[name.toLowerCase()];
		return Array.isArray(value) ? value.join(', ') : value;
	};
	return Object.assign(incoming, {
		method: incoming.method ?? 'GET',
		url: incoming.url ?? '/',
		path: url.pathname,
		query: { ...parseQueryString(url.search.replace(/^\?/, '')) },
		params: {},
		body,
		rawBody,
		contentType,
		encoding,
		bodyError,
		get: header,
		header,
	});
}

/** Gives a plain ServerResponse the express methods nodes use. */
function asResponse(res: ServerResponse): WebhookResponse {
	const response = res as WebhookResponse;
	response.status = (code) => {
		response.statusCode = code;
		return response;
	};
	response.sendStatus = (code) => {
		response.statusCode = code;
		response.end();
		return response;
	};
	response.set = response.header = (name, value) => {
		response.setHeader(name, value);
		return response;
	};
	response.type = (contentType) => response.set('content-type', contentType);
	response.json = (body) => {
		if (!response.hasHeader('content-type'))
			response.setHeader('content-type', 'application/json; charset=utf-8');
		response.end(JSON.stringify(body));
		return response;
	};
	response.send = (body) => {
		if (body === undefined || body === null) response.end();
		else if (Buffer.isBuffer(body)) response.end(body);
		else if (typeof body === 'object') response.json(body);
		else {
			if (!response.hasHeader('content-type'))
				response.setHeader('content-type', 'text/html; charset=utf-8');
			response.end(String(body));
		}
		return response;
	};
	return response;
}

/** Answers as the server's responder does: objects as JSON, strings as text, nothing as empty. */
function sendData(response: WebhookResponse, statusCode: number, data: unknown): void {
	response.status(statusCode).send(data);
}

/** Keeps what the client received on the request's record. */
function recordResponse(
	response: WebhookResponse,
	record: RecordedWebhookRequest,
	waiters: Waiters,
): void {
	const chunks: Buffer[] = [];
	const write = response.write.bind(response) as (...args: unknown[]) => boolean;
	const end = response.end.bind(response) as (...args: unknown[]) => WebhookResponse;
	const keep = (chunk: unknown) => {
		if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) chunks.push(Buffer.from(chunk));
	};
	response.write = ((chunk: unknown, ...rest: unknown[]) => {
		keep(chunk);
		return write(chunk, ...rest);
	}) as WebhookResponse['write'];
	response.end = ((chunk?: unknown, ...rest: unknown[]) => {
		if (typeof chunk !== 'function') keep(chunk);
		record.response = {
			statusCode: response.statusCode,
			body: Buffer.concat(chunks).toString(),
		};
		waiters.notify();
		return end(chunk, ...rest);
	}) as WebhookResponse['end'];
}
