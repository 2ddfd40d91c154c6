import { createHmac } from 'node:crypto';

import type {
	ICredentialType,
	IDataObject,
	IHookFunctions,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	registerTestCredentialType,
	registerTestNodeType,
	startWebhookTrigger,
	stopAllTriggers,
} from '../harness/n8n';
import type { LocalServer } from './localServer';
import { startLocalServer } from './localServer';

const registryCredential: ICredentialType = {
	name: 'testRegistryApi',
	displayName: 'Test Registry API',
	properties: [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	],
	authenticate: {
		type: 'generic',
		properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' } },
	},
};

async function registry(
	context: IHookFunctions,
	method: 'GET' | 'POST' | 'DELETE',
	path: string,
	body?: IDataObject,
) {
	const { baseUrl } = await context.getCredentials('testRegistryApi');
	return (await context.helpers.httpRequestWithAuthentication.call(context, 'testRegistryApi', {
		method,
		url: `${String(baseUrl)}${path}`,
		body,
		json: true,
	})) as IDataObject & { hooks?: Array<{ id: string; url: string }> };
}

/**
 * A provider-events trigger: registers its URL with the provider, keeps the hook ID and signing
 * secret in static data, checks each event's HMAC over the raw body.
 */
const eventsTrigger: INodeType = {
	description: {
		displayName: 'Test Events Trigger',
		name: 'testEventsTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts on provider events',
		defaults: { name: 'Events' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'testRegistryApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'events' }],
		properties: [
			{ displayName: 'Event', name: 'event', type: 'string', default: 'device.updated' },
		],
	},
	webhookMethods: {
		default: {
			async checkExists(this: IHookFunctions) {
				const staticData = this.getWorkflowStaticData('node');
				const { hooks = [] } = await registry(this, 'GET', '/hooks');
				const url = this.getNodeWebhookUrl('default');
				return hooks.some((hook) => hook.id === staticData.hookId && hook.url === url);
			},
			async create(this: IHookFunctions) {
				const hook = await registry(this, 'POST', '/hooks', {
					url: this.getNodeWebhookUrl('default') as string,
					event: this.getNodeParameter('event') as string,
				});
				const staticData = this.getWorkflowStaticData('node');
				staticData.hookId = hook.id;
				staticData.secret = hook.secret;
				return true;
			},
			async delete(this: IHookFunctions) {
				const staticData = this.getWorkflowStaticData('node');
				await registry(this, 'DELETE', `/hooks/${String(staticData.hookId)}`);
				delete staticData.hookId;
				delete staticData.secret;
				return true;
			},
		},
	},
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const headers = this.getHeaderData();
		if (headers['x-crash']) throw new Error('The node crashed');
		if (headers['x-handshake']) {
			res.status(200).json({ challenge: headers['x-handshake'] });
			return { noWebhookResponse: true };
		}
		const staticData = this.getWorkflowStaticData('node');
		const expected = createHmac('sha256', String(staticData.secret))
			.update(req.rawBody)
			.digest('hex');
		if (headers['x-signature'] !== expected) {
			res.status(401).json({ error: 'bad signature' });
			return { noWebhookResponse: true };
		}
		staticData.received = ((staticData.received as number | undefined) ?? 0) + 1;
		const query = this.getQueryData() as IDataObject;
		return {
			workflowData: [
				this.helpers.returnJsonArray([
					{ body: this.getBodyData(), query, received: staticData.received },
				]),
			],
			...(query.ack ? { webhookResponse: { ack: query.ack } } : {}),
		};
	},
};

registerTestCredentialType(registryCredential);
registerTestNodeType('testEventsTrigger', eventsTrigger);

describe('startWebhookTrigger', () => {
	let provider: LocalServer;
	let hooks: Array<{ id: string; url: string; event: string; secret: string }> = [];
	let refuseRegistrations = false;

	beforeAll(async () => {
		provider = await startLocalServer((request) => {
			if (request.method === 'GET') return { body: { hooks } };
			if (request.method === 'POST') {
				if (refuseRegistrations) return { status: 500, body: { error: 'down' } };
				const hook = {
					id: `hook-${hooks.length + 1}`,
					secret: 's3cret',
					...(request.body as IDataObject),
				};
				hooks.push(hook as (typeof hooks)[number]);
				return { body: hook };
			}
			hooks = hooks.filter((hook) => !request.path.endsWith(`/${hook.id}`));
			return { status: 204 };
		});
	});
	afterAll(async () => await provider.close());
	beforeEach(() => {
		hooks = [];
		refuseRegistrations = false;
		provider.seen.length = 0;
	});
	afterEach(stopAllTriggers);

	const credentials = () => ({ testRegistryApi: { apiKey: 'reg-key', baseUrl: provider.url } });
	const start = async (staticData?: IDataObject) =>
		await startWebhookTrigger({
			node: 'testEventsTrigger',
			parameters: { event: 'link.activated' },
			credentials: credentials(),
			webhookId: 'a1b2c3',
			staticData,
		});
	const sign = (body: string) => createHmac('sha256', 's3cret').update(body).digest('hex');
	const post = async (url: string, body: string, headers: Record<string, string> = {}) => {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-signature': sign(body), ...headers },
			body,
		});
		return { status: response.status, body: (await response.text()) || undefined };
	};

	test('activation checks, then registers the production URL n8n would give the node', async () => {
		const trigger = await start();

		expect(trigger.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/a1b2c3\/events$/);
		expect(trigger.webhookMethodCalls).toEqual([
			{ method: 'checkExists', webhook: 'default', result: false },
			{ method: 'create', webhook: 'default', result: true },
		]);
		expect(provider.seen.map((request) => request.method)).toEqual(['GET', 'POST']);
		expect(provider.seen[1].headers['x-api-key']).toBe('reg-key');
		expect(provider.seen[1].body).toEqual({ url: trigger.url, event: 'link.activated' });
		expect(trigger.staticData['node:Node Under Test']).toEqual({
			hookId: 'hook-1',
			secret: 's3cret',
		});
	});

	test('a signed JSON event starts exactly one run and is answered "Workflow was started"', async () => {
		const trigger = await start();
		const body = JSON.stringify({ event: 'link.activated', sim: '8944' });

		const response = await post(`${trigger.url}?source=test`, body);

		expect(response).toEqual({ status: 200, body: '{"message":"Workflow was started"}' });
		expect(trigger.runs).toHaveLength(1);
		expect(trigger.runs[0].items).toEqual([
			[
				{
					json: {
						body: { event: 'link.activated', sim: '8944' },
						query: { source: 'test' },
						received: 1,
					},
				},
			],
		]);
		expect(trigger.runs[0].request.rawBody.toString()).toBe(body);
		expect(trigger.runs[0].request.response).toEqual({
			statusCode: 200,
			body: '{"message":"Workflow was started"}',
		});
	});

	test('static data persists across requests, as the server keeps it', async () => {
		const trigger = await start();

		await post(trigger.url, '{"n":1}');
		await post(trigger.url, '{"n":2}');

		await trigger.waitForRuns(2);
		expect(trigger.runs.map((run) => run.items[0][0].json.received)).toEqual([1, 2]);
		expect(trigger.staticData['node:Node Under Test']).toMatchObject({ received: 2 });
	});

	test('a badly signed event is refused by the node itself and starts no run', async () => {
		const trigger = await start();

		const response = await post(trigger.url, '{"n":1}', { 'x-signature': 'forged' });

		expect(response).toEqual({ status: 401, body: '{"error":"bad signature"}' });
		expect(trigger.runs).toEqual([]);
		expect(trigger.requests).toHaveLength(1);
	});

	test('form-urlencoded bodies are parsed, the raw bytes kept for the signature', async () => {
		const trigger = await start();
		const body = 'sim=8944&tag=a&tag=b';

		await post(`${trigger.url}?page=2`, body, {
			'content-type': 'application/x-www-form-urlencoded',
		});

		expect(trigger.runs[0].items[0][0].json).toMatchObject({
			body: { sim: '8944', tag: ['a', 'b'] },
			query: { page: '2' },
		});
		expect(trigger.runs[0].request.rawBody.toString()).toBe(body);
	});

	test('a webhookResponse returned with the data becomes the answer', async () => {
		const trigger = await start();

		const response = await post(`${trigger.url}?ack=42`, '{}');

		expect(response).toEqual({ status: 200, body: '{"ack":"42"}' });
		expect(trigger.runs).toHaveLength(1);
	});

	test('a node answering a handshake itself starts no run', async () => {
		const trigger = await start();

		const response = await post(trigger.url, '', { 'x-handshake': 'abc' });

		expect(response).toEqual({ status: 200, body: '{"challenge":"abc"}' });
		expect(trigger.runs).toEqual([]);
	});

	test('a node that throws is answered 500 and starts no run', async () => {
		const trigger = await start();

		const response = await post(trigger.url, '{}', { 'x-crash': '1' });

		expect(response.status).toBe(500);
		expect(trigger.errors.map((error) => error.message)).toEqual(['The node crashed']);
		expect(trigger.runs).toEqual([]);
	});

	test('unknown paths and other methods are not registered (404)', async () => {
		const trigger = await start();

		const wrongPath = await post(trigger.url.replace('/events', '/other'), '{}');
		const wrongMethod = await fetch(trigger.url);

		expect(wrongPath.status).toBe(404);
		expect(wrongMethod.status).toBe(404);
		expect(trigger.runs).toEqual([]);
	});

	test('deactivation deletes the registration and closes the endpoint', async () => {
		const trigger = await start();

		await trigger.deactivate();

		expect(trigger.webhookMethodCalls.at(-1)).toEqual({
			method: 'delete',
			webhook: 'default',
			result: true,
		});
		expect(provider.seen.at(-1)).toMatchObject({ method: 'DELETE', path: '/hooks/hook-1' });
		expect(hooks).toEqual([]);
		expect(trigger.staticData['node:Node Under Test']).toEqual({});
		await expect(fetch(trigger.url, { method: 'POST' })).rejects.toThrow();
	});

	test('after a restart the stored registration is found and not created again', async () => {
		const before = await start();
		const stored = JSON.parse(JSON.stringify(before.staticData)) as IDataObject;
		await before.shutdown();
		provider.seen.length = 0;

		const after = await startWebhookTrigger({
			node: 'testEventsTrigger',
			parameters: { event: 'link.activated' },
			credentials: credentials(),
			webhookId: 'a1b2c3',
			staticData: stored,
			port: Number(new URL(before.url).port),
			activation: 'init',
		});
		const response = await post(after.url, '{"n":1}');

		expect(after.url).toBe(before.url);
		expect(after.webhookMethodCalls).toEqual([
			{ method: 'checkExists', webhook: 'default', result: true },
		]);
		expect(provider.seen.map((request) => request.method)).toEqual(['GET']);
		expect(response.status).toBe(200);
		expect(after.runs).toHaveLength(1);
	});

	test('a failed registration fails the activation and cleans up with delete', async () => {
		refuseRegistrations = true;

		await expect(start()).rejects.toThrow();

		expect(provider.seen.map((request) => request.method)).toEqual(['GET', 'POST', 'DELETE']);
	});
});
