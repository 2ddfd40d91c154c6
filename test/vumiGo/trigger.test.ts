import { vumiGoSeed } from '../../sandbox';
import type { RunningWebhookTrigger } from '../harness/n8n';
import { loadPackage, startWebhookTrigger } from '../harness/n8n';
import { useVumiGo } from './useVumiGo';

const vumi = useVumiGo();
const conversation = vumiGoSeed.conversationKeys.sms;
let trigger: RunningWebhookTrigger | undefined;

afterEach(async () => {
	await trigger?.deactivate();
	trigger = undefined;
});

const PUSH_AUTH = { user: 'vumi', password: 'long-push-secret-1' };

async function activate(
	parameters: Record<string, unknown>,
	credentials: Record<string, Record<string, string>> = {},
	typeVersion = 2,
) {
	trigger = await startWebhookTrigger({
		node: 'vumiGoTrigger',
		typeVersion,
		parameters: parameters as never,
		credentials,
	});
	return trigger;
}

/** What the user does in the Go UI: paste the trigger's URL into both push URL settings. */
function pasteUrl(url: string) {
	vumi
		.emulator()
		.configureConversation(conversation, { push_message_url: url, push_event_url: url });
}

function withUser(url: string, user: string, password: string): string {
	const parsed = new URL(url);
	parsed.username = user;
	parsed.password = password;
	return parsed.toString();
}

describe('Vumi Go Trigger', () => {
	test('an inbound message pushed by Vumi Go starts one run with the message and its ISO time', async () => {
		const running = await activate({ events: ['message'] });
		pasteUrl(running.url);

		const message = vumi.emulator().simulateInboundMessage(conversation, {
			from_addr: '+27821234567',
			content: 'HELP',
		});
		const [run] = await running.waitForRuns(1);

		expect(run.items[0]).toHaveLength(1);
		expect(run.items[0][0].json).toMatchObject({
			event: 'message',
			message_id: message.message_id,
			from_addr: '+27821234567',
			content: 'HELP',
			eventKey: `message:${message.message_id}`,
		});
		expect(String(run.items[0][0].json.time)).toMatch(
			/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
		);
		await vumi.emulator().flushCallbacks();
		expect(vumi.state().deliveries.map((delivery) => delivery.outcome)).toEqual(['delivered']);
	});

	test('events of a sent message start runs only for the chosen event types', async () => {
		const running = await activate({ events: ['delivery_report'] });
		pasteUrl(running.url);

		const { items } = await vumi.run({
			resource: 'message',
			operation: 'sendText',
			toAddress: '+27821234567',
			content: 'Hi',
		});
		const [run] = await running.waitForRuns(1);
		await vumi.emulator().flushCallbacks();

		expect(run.items[0][0].json).toMatchObject({
			event: 'delivery_report',
			message_type: 'event',
			user_message_id: items[0].json.message_id,
			delivery_status: 'delivered',
			eventKey: `event:${String(run.items[0][0].json.event_id)}`,
		});
		expect(run.items[0][0].json.event_id).toEqual(expect.any(String));
		// The ack was acknowledged too, but started no run.
		expect(running.requests.length).toBeGreaterThanOrEqual(2);
		expect(running.runs).toHaveLength(1);
	});

	test('a nack is delivered with its reason', async () => {
		const running = await activate({ events: ['nack'] });
		pasteUrl(running.url);
		const { items } = await vumi.run({
			resource: 'message',
			operation: 'sendText',
			toAddress: '+27821234567',
			content: 'Hi',
		});

		vumi.emulator().simulateEvent(conversation, {
			user_message_id: String(items[0].json.message_id),
			event_type: 'nack',
			nack_reason: 'Unroutable',
		});
		const [run] = await running.waitForRuns(1);

		expect(run.items[0][0].json).toMatchObject({ event: 'nack', nack_reason: 'Unroutable' });
	});

	test('with Basic Auth, pushes from a URL with the credential’s user and password are accepted', async () => {
		const running = await activate(
			{ events: ['message'], authentication: 'basicAuth' },
			{ vumiGoPushAuthApi: PUSH_AUTH },
		);
		pasteUrl(withUser(running.url, 'vumi', 'long-push-secret-1'));

		vumi
			.emulator()
			.simulateInboundMessage(conversation, { from_addr: '+27821234567', content: 'Hi' });
		const runs = await running.waitForRuns(1);

		expect(runs).toHaveLength(1);
		expect(running.requests[0].headers.authorization).toMatch(/^Basic /);
	});

	test('with Basic Auth, a push with a wrong password, or none, is refused with 401 and starts nothing', async () => {
		const running = await activate(
			{ events: ['message'], authentication: 'basicAuth' },
			{ vumiGoPushAuthApi: PUSH_AUTH },
		);
		pasteUrl(withUser(running.url, 'vumi', 'guessed'));

		vumi
			.emulator()
			.simulateInboundMessage(conversation, { from_addr: '+27821234567', content: 'Hi' });
		await vumi.emulator().flushCallbacks();
		const unauthenticated = await fetch(running.url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{}',
		});

		expect(running.requests.map((request) => request.response?.statusCode)).toEqual([401, 401]);
		expect(unauthenticated.status).toBe(401);
		expect(running.runs).toHaveLength(0);
		expect(vumi.state().deliveries[0].outcome).toBe('dropped');
	});

	test('a workflow saved with version 1 (user and password as node parameters) stays guarded by them', async () => {
		const running = await activate(
			{ events: ['message'], checkBasicAuth: true, user: 'vumi', password: 'long-push-secret-1' },
			{},
			1,
		);
		pasteUrl(withUser(running.url, 'vumi', 'guessed'));
		vumi
			.emulator()
			.simulateInboundMessage(conversation, { from_addr: '+27821234567', content: 'Hi' });
		await vumi.emulator().flushCallbacks();
		pasteUrl(withUser(running.url, 'vumi', 'long-push-secret-1'));
		vumi
			.emulator()
			.simulateInboundMessage(conversation, { from_addr: '+27821234567', content: 'Hi again' });
		const runs = await running.waitForRuns(1);

		expect(running.requests.map((request) => request.response?.statusCode)).toEqual([401, 200]);
		expect(runs[0].items[0][0].json).toMatchObject({ content: 'Hi again' });
	});

	test('the user and password live in a Vumi Go Push Auth credential, which the trigger asks for only with Basic Auth (the account credential only to record opt-outs)', async () => {
		const nodeType = (await loadPackage()).nodeType('vumiGoTrigger');
		const property = (name: string) =>
			nodeType.description.properties.find((candidate) => candidate.name === name);

		expect(nodeType.description).toMatchObject({ version: [1, 2], defaultVersion: 2 });
		// Only workflows saved with version 1 still show (and keep) the user and password.
		for (const name of ['checkBasicAuth', 'user', 'password'])
			expect(property(name)?.displayOptions?.show?.['@version']).toEqual([1]);
		expect(property('authentication')?.displayOptions?.show?.['@version']).toEqual([
			{ _cnd: { gte: 2 } },
		]);
		expect(nodeType.description.credentials).toEqual([
			expect.objectContaining({
				name: 'vumiGoPushAuthApi',
				required: true,
				displayOptions: { show: { authentication: ['basicAuth'] } },
			}),
			{ name: 'vumiGoApi', required: false },
		]);
		const test = nodeType.methods?.credentialTest?.pushAuthCanBeWrittenIntoUrl;
		const check = async (data: Record<string, string>) =>
			await test!.call({} as never, { id: '1', name: 'push', type: 'vumiGoPushAuthApi', data });
		expect(await check(PUSH_AUTH)).toMatchObject({ status: 'OK' });
		expect(await check({ user: 'vumi', password: 'short' })).toEqual({
			status: 'Error',
			message: 'Use a password of at least 16 characters: anyone can try guessing it',
		});
		expect(await check({ user: 'a:b', password: 'long-push-secret-1' })).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('":"'),
		});
	});

	test('a body that is not a Vumi message or event is refused with 400 and starts nothing', async () => {
		const running = await activate({ events: ['message', 'ack', 'nack', 'delivery_report'] });

		const response = await fetch(running.url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ message_type: 'user_message', content: 'no id' }),
		});

		expect(response.status).toBe(400);
		expect(await response.text()).toMatch(/message_id/);
		expect(running.runs).toHaveLength(0);
	});

	test('the same message pushed twice starts one run', async () => {
		const running = await activate({ events: ['message'] });
		const message = {
			message_version: '20110921',
			message_type: 'user_message',
			timestamp: '2014-10-28 16:19:37.485612',
			message_id: 'abc123',
			to_addr: '27110001234',
			from_addr: '+27821234567',
			content: 'Hi',
			helper_metadata: {},
			routing_metadata: {},
		};
		for (let attempt = 0; attempt < 2; attempt++)
			await fetch(running.url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(message),
			});

		expect(running.requests).toHaveLength(2);
		expect(running.runs).toHaveLength(1);
		expect(running.runs[0].items[0][0].json.time).toBe('2014-10-28T16:19:37.485Z');
	});
});
