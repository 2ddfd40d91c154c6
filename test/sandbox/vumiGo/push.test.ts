import { VumiGoEmulator } from '../../../sandbox';
import { usePushReceiver, useVumiGoSandbox } from './harness';

describe('Vumi Go emulator: pushes to the conversation URLs', () => {
	const h = useVumiGoSandbox();
	const hook = usePushReceiver();

	function configure(overrides: Record<string, unknown> = {}) {
		const url = new URL(hook.url);
		h.emulator.configureConversation('conv-sms-1', {
			push_message_url: `http://n8n:s3cret@${url.host}/webhook/messages`,
			push_event_url: `${hook.url}/webhook/events`,
			...overrides,
		});
	}

	it('POSTs the ack then the delivery report of a sent message to push_event_url', async () => {
		configure();
		const sent = await h.httpApi.put('/conv-sms-1/messages.json', {
			to_addr: '+27710000001',
			content: 'hi',
		});
		await h.emulator.flushCallbacks();
		expect(hook.received.map((push) => [push.method, push.path])).toEqual([
			['POST', '/webhook/events'],
			['POST', '/webhook/events'],
		]);
		const [ack, report] = hook.received.map((push) => push.body as Record<string, unknown>);
		expect(ack).toEqual({
			message_type: 'event',
			message_version: '20110921',
			event_id: expect.stringMatching(/^[0-9a-f]{32}$/),
			event_type: 'ack',
			user_message_id: sent.data.message_id,
			sent_message_id: expect.any(String),
			timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/),
			transport_name: 'sandbox_sms_transport',
			transport_metadata: {},
			helper_metadata: {},
			routing_metadata: {},
		});
		expect(report).toMatchObject({
			event_type: 'delivery_report',
			delivery_status: 'delivered',
			user_message_id: sent.data.message_id,
		});
		expect(report).not.toHaveProperty('sent_message_id');
		expect(hook.received[0].headers['content-type']).toBe('application/json; charset=utf-8');
		expect(hook.received[0].headers.authorization).toBeUndefined();
		expect(h.emulator.state.deliveries.map((delivery) => delivery.outcome)).toEqual([
			'delivered',
			'delivered',
		]);
	});

	it('POSTs a simulated inbound message to push_message_url with the URL credentials as Basic auth', async () => {
		configure();
		const inbound = h.emulator.simulateInboundMessage('conv-sms-1', {
			from_addr: '+27710000005',
			content: 'STOP',
			session_event: 'new',
		});
		await h.emulator.flushCallbacks();
		expect(hook.received).toHaveLength(1);
		expect(hook.received[0].path).toBe('/webhook/messages');
		expect(hook.received[0].headers.authorization).toBe(
			`Basic ${Buffer.from('n8n:s3cret').toString('base64')}`,
		);
		expect(hook.received[0].body).toEqual(inbound);
		expect(inbound).toMatchObject({
			message_type: 'user_message',
			from_addr: '+27710000005',
			to_addr: '27110001234',
			content: 'STOP',
			session_event: 'new',
			transport_type: 'sms',
		});
		const [delivery] = h.emulator.state.deliveries;
		expect(delivery).toMatchObject({
			kind: 'message',
			outcome: 'delivered',
			status: 200,
			attempts: 1,
		});
		expect(delivery.url).toBe(`${hook.url}/webhook/messages`);
		expect(h.emulator.state.conversations[0].push_message_url).toBe(
			`http://***@${new URL(hook.url).host}/webhook/messages`,
		);
	});

	it('retries after a 5xx and succeeds', async () => {
		configure();
		hook.statuses.push(503, 500);
		h.emulator.simulateInboundMessage('conv-sms-1', { from_addr: '+1', content: 'x' });
		await h.emulator.flushCallbacks();
		expect(hook.received).toHaveLength(3);
		expect(h.emulator.state.deliveries[0]).toMatchObject({
			outcome: 'delivered',
			attempts: 3,
			status: 200,
		});
	});

	it('drops a push the endpoint refuses with a 4xx, without retrying', async () => {
		configure();
		hook.statuses.push(404);
		h.emulator.simulateInboundMessage('conv-sms-1', { from_addr: '+1', content: 'x' });
		await h.emulator.flushCallbacks();
		expect(hook.received).toHaveLength(1);
		expect(h.emulator.state.deliveries[0]).toMatchObject({ outcome: 'dropped', status: 404 });
	});

	it('gives up after the last attempt when the endpoint stays down, recording the error', async () => {
		h.emulator.configureConversation('conv-sms-1', { push_message_url: 'http://127.0.0.1:9/x' });
		h.emulator.simulateInboundMessage('conv-sms-1', { from_addr: '+1', content: 'x' });
		await h.emulator.flushCallbacks();
		expect(h.emulator.state.deliveries[0]).toMatchObject({
			outcome: 'failed',
			attempts: 3,
			error: expect.any(String),
		});
	});

	it('pushes nothing when the URL is unset or the conversation ignores events', async () => {
		h.emulator.simulateInboundMessage('conv-sms-1', { from_addr: '+1', content: 'x' });
		configure({ ignore_events: true });
		await h.httpApi.put('/conv-sms-1/messages.json', { to_addr: '+27710000001', content: 'hi' });
		await h.emulator.flushCallbacks();
		expect(hook.received).toHaveLength(0);
		expect(h.emulator.state.events).toHaveLength(2);
	});

	it('pushes a simulated nack for a sent message', async () => {
		configure();
		const sent = await h.httpApi.put('/conv-sms-1/messages.json', { to_addr: '+2', content: 'x' });
		await h.emulator.flushCallbacks();
		hook.received.length = 0;
		h.emulator.simulateEvent('conv-sms-1', {
			user_message_id: sent.data.message_id,
			event_type: 'nack',
			nack_reason: 'Carrier rejected',
		});
		await h.emulator.flushCallbacks();
		expect(hook.received[0].body).toMatchObject({
			event_type: 'nack',
			nack_reason: 'Carrier rejected',
			user_message_id: sent.data.message_id,
		});
	});

	it('delivers by itself after a short delay, without flushing', async () => {
		configure();
		h.emulator.simulateInboundMessage('conv-sms-1', { from_addr: '+1', content: 'x' });
		for (let waited = 0; hook.received.length === 0 && waited < 2000; waited += 10)
			await new Promise((resolve) => setTimeout(resolve, 10));
		expect(hook.received).toHaveLength(1);
	});
});

describe('Vumi Go emulator: events after a send', () => {
	const h = useVumiGoSandbox({ autoEvents: 'ack' });

	it('can stop at the ack, leaving delivery reports to the test', async () => {
		await h.httpApi.put('/conv-sms-1/messages.json', { to_addr: '+2', content: 'x' });
		expect(h.emulator.state.events.map((event) => event.event_type)).toEqual(['ack']);
		expect(h.emulator).toBeInstanceOf(VumiGoEmulator);
	});
});
