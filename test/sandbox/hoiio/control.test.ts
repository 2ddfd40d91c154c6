import { hoiioSeed } from '../../../sandbox';
import { onePagePdf, useHoiioSandbox, useReceiver } from './harness';

describe('Hoiio emulator: inbound simulation, controls and faults', () => {
	const h = useHoiioSandbox();
	const receiver = useReceiver();

	beforeEach(async () => {
		await h.post('/number/update_forwarding', {
			number: hoiioSeed.usNumber,
			forward_to: `${receiver.url}/voice`,
			forward_to_sms: `${receiver.url}/sms?secret=s3`,
		});
	});

	it('delivers an incoming SMS to the number forward_to_sms URL, split into ≤152-character parts', async () => {
		const msg = `${'a'.repeat(152)}${'b'.repeat(152)}ccc`;
		const response = await h.control.post('/__sandbox/hoiio/incoming-sms', {
			from: '+14155550123',
			to: hoiioSeed.usNumber,
			msg,
		});
		expect(response.status).toBe(201);
		expect(response.data.txn_refs).toHaveLength(3);
		await h.control.post('/__sandbox/hoiio/flush');
		expect(receiver.received.map((entry) => [entry.path, entry.query.secret])).toEqual([
			['/sms', 's3'],
			['/sms', 's3'],
			['/sms', 's3'],
		]);
		expect(receiver.merged().map((entry) => entry.msg)).toEqual([
			'a'.repeat(152),
			'b'.repeat(152),
			'ccc',
		]);
		expect(receiver.merged()[0]).toEqual({
			secret: 's3',
			txn_ref: response.data.txn_refs[0],
			msg: 'a'.repeat(152),
			from: '+14155550123',
			to: hoiioSeed.usNumber,
			date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			currency: 'SGD',
			debit: '0.010',
		});
		// The received SMS are in the history with status "received".
		const status = await h.post('/sms/query_status', { txn_ref: response.data.txn_refs[2] });
		expect(status.data).toMatchObject({ sms_status: 'received', src: '+14155550123', msg: 'ccc' });
	});

	it('delivers an incoming fax to a fax-mode number, with a fax_url serving the PDF', async () => {
		await h.post('/number/update_forwarding', {
			number: hoiioSeed.sgFaxNumber,
			forward_to: `${receiver.url}/fax`,
		});
		const response = await h.control.post('/__sandbox/hoiio/incoming-fax', {
			from: '+6562223333',
			to: hoiioSeed.sgFaxNumber,
			file: onePagePdf.toString('base64'),
		});
		expect(response.data).toEqual({ txn_ref: expect.stringMatching(/^AA-FI-/), fax_pages: '1' });
		await h.emulator.flushNotifications();
		const notification = receiver.merged()[0];
		expect(notification).toMatchObject({
			txn_ref: response.data.txn_ref,
			fax_status: 'answered',
			from: '+6562223333',
			to: hoiioSeed.sgFaxNumber,
			fax_pages: '1',
			debit: '0.010',
		});
		const pdf = await h.control.get(new URL(notification.fax_url).pathname, {
			responseType: 'arraybuffer',
		});
		expect(Buffer.from(pdf.data).equals(onePagePdf)).toBe(true);
		const refused = await h.control.post('/__sandbox/hoiio/incoming-fax', {
			from: '+6562223333',
			to: hoiioSeed.usNumber,
		});
		expect(refused.status).toBe(400);
		expect(refused.data.error).toMatch(/voice mode/);
	});

	it('starts an incoming call over HTTP and queues gather digits for it', async () => {
		const call = await h.control.post('/__sandbox/hoiio/incoming-call', {
			from: '+14155550123',
			to: hoiioSeed.usNumber,
		});
		expect(call.data).toMatchObject({
			session: expect.stringMatching(/^S-/),
			call_state: 'ongoing',
		});
		await h.control.post('/__sandbox/hoiio/gather-digits', {
			session: call.data.session,
			digits: '7',
		});
		await h.post('/ivr/middle/gather', { session: call.data.session, notify_url: receiver.url });
		await h.emulator.flushNotifications();
		expect(receiver.merged().map((entry) => [entry.ivr_block, entry.digits])).toEqual([
			['answer', undefined],
			['gather', '7'],
		]);
	});

	it('refuses simulations on numbers that are not subscribed', async () => {
		const response = await h.control.post('/__sandbox/hoiio/incoming-sms', {
			from: '+14155550123',
			to: '+19999999999',
			msg: 'hi',
		});
		expect(response.status).toBe(400);
		expect(response.data.error).toMatch(/not a subscribed Hoiio number/);
		expect(() =>
			h.emulator.simulateIncomingCall({ from: '+1', to: hoiioSeed.sgFaxNumber }),
		).toThrow(/fax mode/);
	});

	it('sets the balance over HTTP, making chargeable calls fail for credit', async () => {
		const set = await h.control.post('/__sandbox/hoiio/balance', { balance: 0 });
		expect(set.data).toEqual({ points: 0, bonus: 0 });
		expect((await h.post('/sms/send', { dest: '+6581112222', msg: 'hi' })).data).toEqual({
			status: 'error_insufficient_credit',
		});
		expect((await h.post('/user/get_balance')).data.balance).toBe('0.000');
	});

	it('forces error_rate_limit_exceeded for the next N calls', async () => {
		await h.control.post('/__sandbox/hoiio/rate-limit', { times: 2 });
		expect((await h.post('/user/get_balance')).data).toEqual({
			status: 'error_rate_limit_exceeded',
		});
		expect((await h.post('/user/get_info')).data).toEqual({ status: 'error_rate_limit_exceeded' });
		expect((await h.post('/user/get_balance')).data.status).toBe('success_ok');
	});

	it('records failed deliveries without disturbing the API', async () => {
		receiver.respondWith(500);
		await h.post('/sms/send', {
			dest: '+6581112222',
			msg: 'a',
			notify_url: `${receiver.url}/down`,
		});
		await h.post('/sms/send', {
			dest: '+6581112222',
			msg: 'b',
			notify_url: 'http://127.0.0.1:1/closed',
		});
		await h.emulator.flushNotifications();
		const deliveries = (await h.control.get('/__sandbox/hoiio/deliveries')).data;
		expect(deliveries).toEqual([
			expect.objectContaining({ event: 'sms_status', status: 500 }),
			expect.objectContaining({
				event: 'sms_status',
				error: expect.stringMatching(/ECONNREFUSED/),
			}),
		]);
	});

	it('switches notifications between manual and timed over HTTP', async () => {
		expect((await h.control.post('/__sandbox/hoiio/notify-delay', { ms: 'manual' })).data).toEqual({
			notifyDelayMs: 'manual',
		});
		expect((await h.control.post('/__sandbox/hoiio/notify-delay', { ms: 0 })).data).toEqual({
			notifyDelayMs: 0,
		});
		expect((await h.control.post('/__sandbox/hoiio/notify-delay', { ms: -1 })).status).toBe(400);
		expect((await h.control.get('/__sandbox/hoiio/nothing')).status).toBe(404);
	});

	it('marks a number unreachable', async () => {
		await h.control.post('/__sandbox/hoiio/unreachable', { number: '+6581112222' });
		const sent = await h.post('/sms/send', { dest: '+6581112222', msg: 'x' });
		await h.emulator.flushNotifications();
		expect(
			(await h.post('/sms/query_status', { txn_ref: sent.data.txn_ref })).data.sms_status,
		).toBe('failed');
	});

	it('takes faults from the inherited queue, answering with a Hoiio-shaped body', async () => {
		h.emulator.faults.inject({
			type: 'status',
			status: 503,
			times: 1,
			match: { path: '/sms/send' },
		});
		const failed = await h.post('/sms/send', { dest: '+6581112222', msg: 'x' });
		expect(failed.status).toBe(503);
		expect(failed.data).toEqual({ status: 'error_service_not_available' });
		expect((await h.post('/sms/send', { dest: '+6581112222', msg: 'x' })).data.status).toBe(
			'success_ok',
		);

		await h.control.post('/__sandbox/faults', { type: 'malformedJson', times: 1 });
		const malformed = await h.post('/user/get_balance');
		expect(typeof malformed.data).toBe('string');
		expect(() => JSON.parse(malformed.data as string)).toThrow();
	});

	it('resets over HTTP: seed restored, queued outcomes dropped', async () => {
		await h.post('/sms/send', { dest: '+6581112222', msg: 'x', notify_url: receiver.url });
		expect((await h.control.post('/__sandbox/reset')).data).toEqual({ reset: true });
		await h.emulator.flushNotifications();
		expect(receiver.received).toHaveLength(0);
		expect(h.emulator.state.sms).toHaveLength(hoiioSeed.seededSmsCount);
	});
});
