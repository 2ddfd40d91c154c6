import { usePushReceiver, useVumiGoSandbox } from './harness';

describe('Vumi Go emulator: control endpoints', () => {
	const h = useVumiGoSandbox();
	const hook = usePushReceiver();

	it('configures push URLs, injects an inbound message and flushes, over HTTP', async () => {
		const configured = await h.control.post('/__sandbox/vumiGo/conversations/conv-sms-1/config', {
			push_message_url: `${hook.url}/in`,
			push_event_url: `${hook.url}/events`,
		});
		expect(configured.status).toBe(200);
		expect(configured.data).toMatchObject({
			key: 'conv-sms-1',
			push_message_url: `${hook.url}/in`,
			push_event_url: `${hook.url}/events`,
		});
		const inbound = await h.control.post('/__sandbox/vumiGo/conversations/conv-sms-1/inbound', {
			from_addr: '+27710000005',
			content: 'hello',
		});
		expect(inbound.status).toBe(201);
		expect(inbound.data).toMatchObject({ from_addr: '+27710000005', content: 'hello' });
		const flushed = await h.control.post('/__sandbox/vumiGo/flush');
		expect(flushed.data.deliveries).toEqual([
			expect.objectContaining({ kind: 'message', outcome: 'delivered', url: `${hook.url}/in` }),
		]);
		expect(hook.received[0].body).toEqual(inbound.data);
		expect((await h.control.get('/__sandbox/vumiGo/deliveries')).data).toHaveLength(1);
		expect(h.emulator.requests).toHaveLength(0);
	});

	it('simulates an event for a sent message over HTTP', async () => {
		const sent = await h.httpApi.put('/conv-sms-1/messages.json', { to_addr: '+2', content: 'x' });
		const event = await h.control.post('/__sandbox/vumiGo/conversations/conv-sms-1/events', {
			user_message_id: sent.data.message_id,
			event_type: 'delivery_report',
			delivery_status: 'failed',
		});
		expect(event.status).toBe(201);
		expect(event.data).toMatchObject({ event_type: 'delivery_report', delivery_status: 'failed' });
		expect(h.emulator.state.events).toHaveLength(3);
	});

	it('answers 404 and 400 for bad control calls', async () => {
		expect((await h.control.post('/__sandbox/vumiGo/conversations/nope/inbound', {})).status).toBe(
			404,
		);
		const noSender = await h.control.post('/__sandbox/vumiGo/conversations/conv-sms-1/inbound', {});
		expect(noSender.status).toBe(400);
		expect(noSender.data).toEqual({ error: 'from_addr is required' });
		const badUrl = await h.control.post('/__sandbox/vumiGo/conversations/conv-sms-1/config', {
			push_event_url: 'ftp://x',
		});
		expect(badUrl.status).toBe(400);
		const unknownMessage = await h.control.post(
			'/__sandbox/vumiGo/conversations/conv-sms-1/events',
			{
				user_message_id: 'nope',
				event_type: 'ack',
			},
		);
		expect(unknownMessage.status).toBe(404);
		expect((await h.control.get('/__sandbox/vumiGo/whatever')).status).toBe(404);
	});

	it('keeps the shared control endpoints: state, reset and requests', async () => {
		await h.api.put('/optouts/msisdn/%2B1');
		expect((await h.control.get('/__sandbox/state')).data.optouts).toHaveLength(3);
		expect((await h.control.get('/__sandbox/requests')).data).toHaveLength(1);
		h.emulator.configureConversation('conv-sms-1', { push_message_url: `${hook.url}/in` });
		await h.control.post('/__sandbox/reset');
		expect(h.emulator.state.optouts).toHaveLength(2);
		expect(h.emulator.state.conversations[0].push_message_url).toBeNull();
		h.emulator.simulateInboundMessage('conv-sms-1', { from_addr: '+1' });
		await h.emulator.flushCallbacks();
		expect(hook.received).toHaveLength(0);
	});

	it('queues faults through the inherited fault queue', async () => {
		await h.control.post('/__sandbox/faults', {
			type: 'status',
			status: 503,
			times: 1,
			match: { path: '/contacts' },
		});
		const failed = await h.api.get('/contacts/');
		expect(failed.status).toBe(503);
		expect(failed.data).toEqual({ status_code: 503, reason: 'Service Unavailable' });
		expect((await h.api.get('/contacts/')).status).toBe(200);

		h.emulator.faults.inject({
			type: 'htmlError',
			status: 502,
			match: { method: 'PUT' },
			times: 1,
		});
		const gateway = await h.httpApi.put('/conv-sms-1/messages.json', {
			to_addr: '+2',
			content: 'x',
		});
		expect(gateway.status).toBe(502);
		expect(gateway.headers['content-type']).toBe('text/html');

		h.emulator.faults.inject({ type: 'malformedJson', times: 1, match: { path: '/api' } });
		const truncated = await h.api.post(
			'/api/',
			{ method: 'campaigns', params: [], id: 1 },
			{
				responseType: 'text',
				transformResponse: (body) => body,
			},
		);
		expect(() => JSON.parse(truncated.data)).toThrow();
	});
});
