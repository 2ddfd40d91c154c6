import axios from 'axios';

import { scgSeed, type EssEvent } from '../../../sandbox';
import { startWebhook, subscribe, useScgSandbox, type Webhook } from './harness';

describe('Syniverse SCG emulator: Event Manager and event delivery', () => {
	const h = useScgSandbox();
	let webhook: Webhook;
	const withCredentials = () => webhook.url.replace('http://', 'http://n8n:s3cret@');
	const bodies = () => webhook.calls.map((call) => call.body as EssEvent);
	const eventsOf = (type: string) => bodies().filter((body) => body.event['evt-tp'] === type);

	beforeEach(async () => {
		webhook = await startWebhook();
	});
	afterEach(() => webhook.close());

	it('creates, lists, gets and deletes delivery configurations and subscriptions, never showing the password', async () => {
		const { configurationId, subscriptionId } = await subscribe(h, withCredentials());
		const configuration = await h.api.get(`/ess/v1/delivery-configurations/${configurationId}`);
		expect(configuration.data).toMatchObject({
			id: configurationId,
			'del-cfg-nm': 'n8n',
			'del-prtcl-cd': 'REST',
			'del-fmt-cd': 'JSON',
			'is-active': true,
			addr: webhook.url.replace('http://', 'http://n8n:*****@'),
		});
		expect(JSON.stringify(h.emulator.state)).not.toContain('s3cret');
		expect((await h.api.get('/ess/v1/delivery-configurations')).data).toMatchObject({ total: 1 });
		const subscriptions = await h.api.get('/ess/v1/topics/SCG-Message/subscriptions');
		expect(subscriptions.data.list).toEqual([
			expect.objectContaining({ id: subscriptionId, 'del-cfg-id': configurationId }),
		]);
		expect((await h.api.get('/ess/v1/topics/Other/subscriptions')).status).toBe(404);
		expect(
			(await h.api.delete(`/ess/v1/topics/SCG-Message/subscriptions/${subscriptionId}`)).status,
		).toBe(204);
		expect((await h.api.delete(`/ess/v1/delivery-configurations/${configurationId}`)).status).toBe(
			204,
		);
		expect(h.emulator.state.subscriptions).toEqual([]);
		expect(h.emulator.state.deliveryConfigurations).toEqual([]);
	});

	it('refuses a subscription to an unknown delivery configuration and a configuration without addr', async () => {
		const subscription = await h.api.post('/ess/v1/topics/SCG-Message/subscriptions', {
			'del-cfg-id': 'Nope',
		});
		expect(subscription.status).toBe(400);
		expect(subscription.data.error.description).toBe('Unknown delivery configuration Nope');
		const configuration = await h.api.post('/ess/v1/delivery-configurations', {
			'del-cfg-nm': 'x',
		});
		expect(configuration.status).toBe(400);
		expect((await h.anonymous.get('/ess/v1/delivery-configurations')).status).toBe(401);
	});

	it('POSTs request and message state changes to addr with Basic auth, as Event Manager deliveries', async () => {
		await subscribe(h, withCredentials());
		const { id } = (
			await h.scg.post('/messaging/message_requests', {
				from: scgSeed.activeSenderId,
				to: ['+14085551212'],
				body: 'Hello',
				external_id: 'order-7',
			})
		).data;
		await h.emulator.flush();

		expect(webhook.calls.every((call) => call.method === 'POST' && call.url === '/events')).toBe(
			true,
		);
		expect(webhook.calls[0].headers.authorization).toBe(
			`Basic ${Buffer.from('n8n:s3cret').toString('base64')}`,
		);
		expect(webhook.calls[0].headers['content-type']).toBe('application/json');
		const requestChanges = eventsOf('message_request_state_change').map((body) => [
			body.event['fld-val-list'].previous_state,
			body.event['fld-val-list'].new_state,
		]);
		expect(requestChanges).toEqual([
			['PENDING', 'TRANSMITTING'],
			['TRANSMITTING', 'COMPLETED'],
		]);
		const messageChanges = eventsOf('message_state_change');
		expect(messageChanges.map((body) => body.event['fld-val-list'].new_state).sort()).toEqual([
			'DELIVERED',
			'SENT',
		]);
		const delivered = messageChanges.find(
			(body) => body.event['fld-val-list'].new_state === 'DELIVERED',
		);
		expect(delivered).toEqual({
			topic: 'SCG-Message',
			attempt: 1,
			event_id: expect.any(String),
			event: {
				'evt-tp': 'message_state_change',
				timestamp: expect.any(String),
				'fld-val-list': expect.objectContaining({
					previous_state: 'SENT',
					new_state: 'DELIVERED',
					message_request_id: id,
					message_id: h.emulator.state.messages.at(-1)?.id,
					to_address: '+14085551212',
					from_address: '+15552223561',
					sender_id_id: scgSeed.activeSenderId,
					external_message_request_id: 'order-7',
					reason_code: '200',
					reason_description: 'SUCCESS',
					message_body: 'Hello',
					has_attachment: false,
				}),
			},
		});
		expect(h.emulator.state.deliveries).toHaveLength(4);
		expect(h.emulator.state.deliveries.every((delivery) => delivery.status === 200)).toBe(true);
	});

	it('delivers only the event types the subscription names', async () => {
		await subscribe(h, webhook.url, { 'evt-tp-list': ['message_request_state_change'] });
		await h.scg.post('/messaging/message_requests', {
			from: scgSeed.activeSenderId,
			to: ['+14085551212', '+14085551213'],
			body: 'x',
		});
		await h.emulator.flush();
		expect(bodies().map((body) => body.event['evt-tp'])).toEqual([
			'message_request_state_change',
			'message_request_state_change',
		]);
		expect(webhook.calls[0].headers.authorization).toBeUndefined();
	});

	it('retries a non-2xx answer with a rising attempt, up to 3 attempts, same event_id', async () => {
		await subscribe(h, webhook.url);
		webhook.answers.push(500, 503, 500);
		h.emulator.simulateInboundMessage({ from: '+14155550101', to: '+15552223561', body: 'STOP' });
		await h.emulator.flush();
		expect(bodies().map((body) => body.attempt)).toEqual([1, 2, 3]);
		expect(new Set(bodies().map((body) => body.event_id)).size).toBe(1);
		expect(h.emulator.state.deliveries.map((delivery) => delivery.status)).toEqual([500, 503, 500]);

		webhook.answers.push(502);
		h.emulator.simulateInboundMessage({ from: '+14155550101', to: '+15552223561', body: 'again' });
		await h.emulator.flush();
		expect(
			bodies()
				.slice(3)
				.map((body) => body.attempt),
		).toEqual([1, 2]);
	});

	it('records a webhook that cannot be reached, without failing the API call', async () => {
		await subscribe(h, 'http://127.0.0.1:1/events');
		const response = await h.scg.post('/messaging/message_requests', {
			from: scgSeed.activeSenderId,
			to: ['+14085551212'],
			body: 'x',
		});
		expect(response.status).toBe(200);
		await h.emulator.flush();
		expect(h.emulator.state.deliveries[0]).toMatchObject({ attempt: 1, error: expect.any(String) });
		expect(h.emulator.state.deliveries[0].status).toBeUndefined();
	});

	it('redelivers an event on purpose with the same event_id and the next attempt', async () => {
		await subscribe(h, webhook.url);
		const { eventIds } = h.emulator.simulateInboundMessage({
			from: '+14155550101',
			to: '+15552223561',
			body: 'Hi',
		});
		await h.emulator.flush();
		const again = await h.emulator.redeliverEvent(eventIds[0]);
		expect(again).toMatchObject({ attempt: 2, status: 200, event_id: eventIds[0] });
		expect(bodies().map((body) => [body.event_id, body.attempt])).toEqual([
			[eventIds[0], 1],
			[eventIds[0], 2],
		]);
	});

	it('simulates an inbound (MO) message through the control endpoint and stores it', async () => {
		await subscribe(h, webhook.url);
		const control = axios.create({ baseURL: h.emulator.url, validateStatus: () => true });
		const inbound = await control.post('/__sandbox/syniverseScg/inbound', {
			from: '+14155550102',
			to: '+15552223561',
			body: 'Running late',
		});
		expect(inbound.status).toBe(201);
		expect((await control.post('/__sandbox/syniverseScg/flush')).data).toEqual({
			steps: 0,
			deliveries: 1,
		});
		expect(bodies()[0].event).toMatchObject({
			'evt-tp': 'mo_message_received',
			'fld-val-list': {
				message_id: inbound.data.id,
				from_address: '+14155550102',
				to_address: '+15552223561',
				message_body: 'Running late',
				sender_id_id: scgSeed.activeSenderId,
			},
		});
		const stored = await h.scg.get(`/messaging/messages/${inbound.data.id}`);
		expect(stored.data).toMatchObject({
			direction: 'MO',
			state: 'RECEIVED',
			contact_id: scgSeed.contactIds[1],
		});
		const redelivered = await control.post(
			`/__sandbox/syniverseScg/events/${inbound.data.event_ids[0]}/redeliver`,
		);
		expect(redelivered.data).toMatchObject({ attempt: 2, status: 200 });
		expect((await control.post('/__sandbox/syniverseScg/inbound', { from: 'x' })).status).toBe(400);
		// Control calls are not recorded: only the two registration calls and the GET are.
		expect(h.emulator.requests.map((request) => request.method)).toEqual(['POST', 'POST', 'GET']);
	});

	it('sends nothing to an inactive delivery configuration', async () => {
		const { configurationId } = await subscribe(h, webhook.url);
		await h.api.post(`/ess/v1/delivery-configurations/${configurationId}`, { 'is-active': false });
		h.emulator.simulateInboundMessage({ from: '+14155550101', to: '+15552223561', body: 'x' });
		await h.emulator.flush();
		expect(webhook.calls).toHaveLength(0);
	});
});
