import { useVumiGoSandbox } from './harness';

const timestamp = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/;

describe('Vumi Go emulator: conversation HTTP API messages', () => {
	const h = useVumiGoSandbox();

	it('sends a text and answers the full Vumi message JSON', async () => {
		const response = await h.httpApi.put('/conv-sms-1/messages.json', {
			to_addr: '+27710000001',
			content: 'Your clinic visit is tomorrow',
		});
		expect(response.status).toBe(200);
		expect(response.data).toEqual({
			message_version: '20110921',
			message_type: 'user_message',
			timestamp: expect.stringMatching(timestamp),
			routing_metadata: { endpoint_name: 'default' },
			helper_metadata: {
				go: {
					conversation_type: 'http_api',
					conversation_key: 'conv-sms-1',
					user_account: 'sandbox-account',
				},
			},
			message_id: expect.stringMatching(/^[0-9a-f]{32}$/),
			to_addr: '+27710000001',
			from_addr: null,
			in_reply_to: null,
			provider: null,
			session_event: null,
			content: 'Your clinic visit is tomorrow',
			transport_name: 'sandbox_sms_transport',
			transport_type: 'sms',
			transport_metadata: {},
			group: null,
			to_addr_type: null,
			from_addr_type: null,
		});
		expect(h.emulator.state.outboundMessages).toEqual([
			{ ...response.data, conversation_key: 'conv-sms-1' },
		]);
		expect(
			h.emulator.state.events.map((event) => [event.event_type, event.user_message_id]),
		).toEqual([
			['ack', response.data.message_id],
			['delivery_report', response.data.message_id],
		]);
	});

	it('sends a voice message, keeping the speech URL and wait-for key', async () => {
		const response = await h.httpApi.put('/conv-sms-1/messages.json', {
			to_addr: '+27710000001',
			content: 'Press 1',
			session_event: 'new',
			helper_metadata: { voice: { speech_url: 'http://example.com/a.ogg', wait_for: '#' } },
		});
		expect(response.data.helper_metadata).toMatchObject({
			voice: { speech_url: 'http://example.com/a.ogg', wait_for: '#' },
			go: expect.any(Object),
		});
		expect(response.data.session_event).toBe('new');
	});

	it('refuses an opted-out recipient with the reason the SDK looks for', async () => {
		const response = await h.httpApi.put('/conv-sms-1/messages.json', {
			to_addr: '+27710000007',
			content: 'hi',
		});
		expect(response.status).toBe(400);
		expect(response.data).toEqual({
			success: false,
			reason: 'Recipient with msisdn +27710000007 has opted out',
		});
		expect(h.emulator.state.outboundMessages).toHaveLength(0);
	});

	it('checks opt-outs live: after deleting the opt-out the same send goes through', async () => {
		await h.api.delete('/optouts/msisdn/%2B27710000007');
		const response = await h.httpApi.put('/conv-sms-1/messages.json', {
			to_addr: '+27710000007',
			content: 'welcome back',
		});
		expect(response.status).toBe(200);
	});

	it.each([
		[{ content: 'x' }, "Invalid or missing value for payload key 'to_addr'"],
		[{ to_addr: 27710000001, content: 'x' }, "Invalid or missing value for payload key 'to_addr'"],
		[
			{ content: 5 },
			"Errors:\n* Invalid or missing value for payload key 'content'\n* Invalid or missing value for payload key 'to_addr'",
		],
		[{ to_addr: '+27710000001', content: 'x'.repeat(641) }, 'Payload content too long: 641 > 640'],
	])('refuses %j with 400', async (payload, reason) => {
		const response = await h.httpApi.put('/conv-sms-1/messages.json', payload);
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ success: false, reason });
	});

	it('refuses a body that is not JSON with "Invalid Message"', async () => {
		const response = await h.httpApi.put('/conv-sms-1/messages.json', '{nope', {
			headers: { 'content-type': 'application/json' },
		});
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ success: false, reason: 'Invalid Message' });
	});

	it('replies to an inbound message, addressed back to its sender, closing the session', async () => {
		const inbound = h.emulator.simulateInboundMessage('conv-sms-1', {
			from_addr: '+27710000005',
			content: 'HELP',
		});
		expect(inbound).toMatchObject({ to_addr: '27110001234', transport_type: 'sms' });
		const response = await h.httpApi.put('/conv-sms-1/messages.json', {
			in_reply_to: inbound.message_id,
			content: 'How can we help?',
			session_event: 'close',
		});
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			in_reply_to: inbound.message_id,
			to_addr: '+27710000005',
			from_addr: '27110001234',
			content: 'How can we help?',
			session_event: 'close',
		});
	});

	it('refuses a reply to a message of another conversation or an unknown one', async () => {
		const other = h.emulator.simulateInboundMessage('conv-ussd-1', { from_addr: '+27710000005' });
		for (const in_reply_to of [other.message_id, 'f'.repeat(32)]) {
			const response = await h.httpApi.put('/conv-sms-1/messages.json', {
				in_reply_to,
				content: 'x',
			});
			expect(response.status).toBe(400);
			expect(response.data).toEqual({ success: false, reason: 'Invalid in_reply_to value' });
		}
		const inbound = h.emulator.simulateInboundMessage('conv-sms-1', { from_addr: '+1' });
		const badSession = await h.httpApi.put('/conv-sms-1/messages.json', {
			in_reply_to: inbound.message_id,
			content: 'x',
			session_event: 'later',
		});
		expect(badSession.data.reason).toBe("Invalid or missing value for payload key 'session_event'");
	});

	it('answers 405 for a method the HTTP API does not serve', async () => {
		expect((await h.httpApi.post('/conv-sms-1/messages.json', {})).status).toBe(405);
	});
});
