import { scgSeed } from '../../sandbox';
import type { RunningWebhookTrigger } from '../harness/n8n';
import { startWebhookTrigger } from '../harness/n8n';
import { ESS_API, useScg } from './useScg';

const scg = useScg();
let trigger: RunningWebhookTrigger | undefined;

afterEach(async () => {
	await trigger?.deactivate();
	trigger = undefined;
});

async function activate(events: string[]) {
	trigger = await startWebhookTrigger({
		node: 'syniverseScgTrigger',
		parameters: { events },
		credentials: scg.credentials(),
	});
	return trigger;
}

/** The trigger node's own static data (n8n keeps it under `node:<name>`). */
function registration(running: RunningWebhookTrigger): Record<string, unknown> {
	const key = Object.keys(running.staticData).find((name) => name.startsWith('node:'));
	return (key ? running.staticData[key] : {}) as Record<string, unknown>;
}

const inbound = { from: '+14085551212', to: '+15552223561', body: 'STOP' };

describe('Syniverse SCG Trigger', () => {
	test('activation creates a delivery configuration with Basic auth in its address and a subscription', async () => {
		const running = await activate(['mo_message_received']);

		const posts = scg.requests().filter((request) => request.method === 'POST');
		expect(posts.map((request) => request.pathname)).toEqual([
			`${ESS_API}/delivery-configurations`,
			`${ESS_API}/topics/SCG-Message/subscriptions`,
		]);
		const addr = new URL((posts[0].body as { addr: string }).addr);
		expect(posts[0].body).toMatchObject({
			'del-prtcl-cd': 'REST',
			'del-fmt-cd': 'JSON',
			'is-active': true,
		});
		expect(addr.username).toBe('n8n');
		expect(addr.password).toBe(registration(running).webhookSecret);
		expect(String(addr.password).length).toBeGreaterThanOrEqual(32);
		addr.username = '';
		addr.password = '';
		expect(addr.toString()).toBe(running.url);
		const [configuration] = scg.state().deliveryConfigurations;
		expect(posts[1].body).toMatchObject({ 'del-cfg-id': configuration.id });
		expect(registration(running)).toMatchObject({
			deliveryConfigurationId: configuration.id,
			subscriptionId: scg.state().subscriptions[0].id,
		});
	});

	test('an inbound message starts one run with a flat item and the raw event', async () => {
		const running = await activate(['mo_message_received']);

		const { eventIds } = scg.emulator().simulateInboundMessage(inbound);
		await scg.emulator().flush();
		const [run] = await running.waitForRuns(1);

		expect(run.items[0][0].json).toMatchObject({
			eventType: 'mo_message_received',
			eventId: eventIds[0],
			// The key a workflow claims the event by: the Event Manager's event ID, the same on every redelivery.
			eventKey: eventIds[0],
			from: inbound.from,
			to: inbound.to,
			body: 'STOP',
			event: expect.objectContaining({ topic: 'SCG-Message' }),
		});
		expect(run.request.response?.statusCode).toBe(200);
	});

	test('a redelivered event (same event_id, higher attempt) starts no second run', async () => {
		const running = await activate(['mo_message_received']);
		const { eventIds } = scg.emulator().simulateInboundMessage(inbound);
		await scg.emulator().flush();
		await running.waitForRuns(1);

		const redelivery = await scg.emulator().redeliverEvent(eventIds[0]);
		await scg.emulator().flush();

		expect(redelivery?.attempt).toBe(2);
		expect(redelivery?.status).toBe(200);
		expect(running.runs).toHaveLength(1);
	});

	test('events the user did not choose are acknowledged without a run', async () => {
		const running = await activate(['message_state_change']);

		scg.emulator().simulateInboundMessage(inbound);
		await scg.emulator().flush();

		expect(running.requests).toHaveLength(1);
		expect(running.requests[0].response?.statusCode).toBe(200);
		expect(running.runs).toHaveLength(0);
	});

	test('message state changes of a send arrive with state, message ID and reason', async () => {
		const running = await activate(['message_state_change']);
		await scg.run({
			resource: 'messageRequest',
			operation: 'create',
			sender: scgSeed.activeSenderId,
			recipients: '+14085551212',
			messageType: 'SMS',
			message: 'Hello',
		});
		await scg.emulator().flush();

		const runs = await running.waitForRuns(1);
		const states = runs.map((run) => run.items[0][0].json.state);
		expect(states).toContain('DELIVERED');
		expect(runs[0].items[0][0].json).toMatchObject({
			eventType: 'message_state_change',
			messageId: expect.any(String),
			to: '+14085551212',
		});
	});

	test('a call with a wrong secret is refused with 401 and starts nothing', async () => {
		const running = await activate(['mo_message_received']);
		const body = {
			topic: 'SCG-Message',
			attempt: 1,
			event_id: 'forged',
			event: { 'evt-tp': 'mo_message_received', 'fld-val-list': { message_body: 'x' } },
		};
		const forged = await fetch(running.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Basic ${Buffer.from('n8n:wrong-secret').toString('base64')}`,
			},
			body: JSON.stringify(body),
		});
		const anonymous = await fetch(running.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});

		expect(forged.status).toBe(401);
		expect(anonymous.status).toBe(401);
		expect(running.runs).toHaveLength(0);
	});

	test('deactivation deletes the subscription and the delivery configuration', async () => {
		const running = await activate(['mo_message_received']);
		await running.deactivate();
		trigger = undefined;

		expect(scg.state().subscriptions).toHaveLength(0);
		expect(scg.state().deliveryConfigurations).toHaveLength(0);
		expect(registration(running)).toEqual({});
	});

	test('a restart with a half-made registration recreates it and leaves foreign registrations alone', async () => {
		const first = await activate(['mo_message_received']);
		const staticData = JSON.parse(JSON.stringify(first.staticData));
		const made = registration(first);
		await first.shutdown();
		trigger = undefined;
		// Someone removed our subscription; another system has its own configuration.
		scg.state().subscriptions.length = 0;
		scg.state().deliveryConfigurations.push({
			...scg.state().deliveryConfigurations[0],
			id: 'ForeignConfiguration01',
		});

		trigger = await startWebhookTrigger({
			node: 'syniverseScgTrigger',
			parameters: { events: ['mo_message_received'] },
			credentials: scg.credentials(),
			staticData,
			activation: 'init',
		});

		const ids = scg.state().deliveryConfigurations.map((configuration) => configuration.id);
		expect(ids).toContain('ForeignConfiguration01');
		expect(ids).not.toContain(made.deliveryConfigurationId);
		expect(scg.state().subscriptions).toHaveLength(1);
		expect(scg.state().subscriptions[0]['del-cfg-id']).toBe(
			registration(trigger).deliveryConfigurationId,
		);
	});
});
