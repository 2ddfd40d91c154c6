import { hoiioSeed } from '../../../sandbox';
import { useHoiioSandbox, useReceiver } from './harness';

describe('Hoiio emulator: SMS', () => {
	const h = useHoiioSandbox();
	const receiver = useReceiver();

	it('sends an SMS: queued, debited, then delivered and notified with every number as a string', async () => {
		const sent = await h.post('/sms/send', {
			dest: '+6581112222',
			msg: 'Hoiio World',
			tag: 'order-7',
			notify_url: `${receiver.url}/hook?token=abc`,
		});
		expect(sent.data).toEqual({
			status: 'success_ok',
			txn_ref: expect.stringMatching(/^AA-S-\d+$/),
		});
		const txnRef = sent.data.txn_ref as string;

		const queued = await h.post('/sms/query_status', { txn_ref: txnRef });
		expect(queued.data).toEqual({
			status: 'success_ok',
			txn_ref: txnRef,
			tag: 'order-7',
			sms_status: 'queued',
			date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			src: '+6591234567',
			dest: '+6581112222',
			msg: 'Hoiio World',
			split_count: '1',
			currency: 'SGD',
			rate: '0.032',
			debit: '0.032',
		});
		expect((await h.post('/user/get_balance')).data.balance).toBe('99.968');
		expect(receiver.received).toHaveLength(0);

		await h.emulator.flushNotifications();
		expect((await h.post('/sms/query_status', { txn_ref: txnRef })).data.sms_status).toBe(
			'delivered',
		);
		expect(receiver.received).toHaveLength(1);
		const [notification] = receiver.received;
		expect(notification).toMatchObject({
			method: 'POST',
			path: '/hook',
			contentType: 'application/x-www-form-urlencoded',
		});
		// Parameters in the query string and in the form body; the pass-through token is kept.
		expect(notification.query).toMatchObject({
			token: 'abc',
			txn_ref: txnRef,
			sms_status: 'delivered',
		});
		expect(notification.body).toEqual({
			txn_ref: txnRef,
			tag: 'order-7',
			sms_status: 'delivered',
			date: queued.data.date,
			src: '+6591234567',
			dest: '+6581112222',
			msg: 'Hoiio World',
			split_count: '1',
			currency: 'SGD',
			rate: '0.032',
			debit: '0.032',
		});
		expect(h.emulator.deliveries).toEqual([
			expect.objectContaining({
				event: 'sms_status',
				url: `${receiver.url}/hook?token=abc`,
				status: 200,
			}),
		]);
	});

	it('notifies on its own after the configured delay', async () => {
		h.emulator.setNotifyDelay(1);
		await h.post('/sms/send', { dest: '+6581112222', msg: 'soon', notify_url: receiver.url });
		for (let tries = 0; tries < 100 && h.emulator.deliveries[0]?.status === undefined; tries++)
			await new Promise((resolve) => setTimeout(resolve, 10));
		expect(receiver.merged()).toEqual([expect.objectContaining({ sms_status: 'delivered' })]);
	});

	it('fails an SMS to an unreachable number and refunds it', async () => {
		const sent = await h.post('/sms/send', {
			dest: hoiioSeed.unreachable,
			msg: 'lost',
			notify_url: receiver.url,
		});
		await h.emulator.flushNotifications();
		const status = await h.post('/sms/query_status', { txn_ref: sent.data.txn_ref });
		expect(status.data).toMatchObject({ sms_status: 'failed', debit: '0.000' });
		expect(receiver.merged()[0]).toMatchObject({ sms_status: 'failed' });
		expect((await h.post('/user/get_balance')).data.balance).toBe('100.000');
	});

	it('counts parts: 161 plain characters make 2, unicode splits at 70', async () => {
		const plain = await h.post('/sms/get_rate', { dest: '+6581112222', msg: 'a'.repeat(161) });
		expect(plain.data).toEqual({
			status: 'success_ok',
			currency: 'SGD',
			rate: '0.032',
			split_count: '2',
			total_cost: '0.064',
			is_unicode: false,
		});
		const unicode = await h.post('/sms/get_rate', { dest: '+14155550123', msg: '你'.repeat(71) });
		expect(unicode.data).toMatchObject({ split_count: '2', total_cost: '0.040', is_unicode: true });
		const incoming = await h.post('/sms/get_rate', { incoming: hoiioSeed.usNumber });
		expect(incoming.data).toEqual({ status: 'success_ok', currency: 'SGD', rate: '0.010' });
	});

	it.each([
		['no dest', { msg: 'hi' }, 'error_dest_param_missing'],
		['a dest without +', { dest: '6581112222', msg: 'hi' }, 'error_dest_invalid'],
		['no msg', { dest: '+6581112222' }, 'error_msg_param_missing'],
		['a blank msg', { dest: '+6581112222', msg: '  ' }, 'error_msg_empty'],
		[
			'460 characters (over 3 parts)',
			{ dest: '+6581112222', msg: 'x'.repeat(460) },
			'error_msg_too_big',
		],
		[
			'a 2-letter sender',
			{ dest: '+6581112222', msg: 'hi', sender_name: 'AB' },
			'error_invalid_sender_name',
		],
		[
			'an ftp notify_url',
			{ dest: '+6581112222', msg: 'hi', notify_url: 'ftp://x' },
			'error_invalid_notify_url',
		],
	])('sms/send with %s answers the status', async (_label, params, status) => {
		const response = await h.post('/sms/send', params);
		expect(response.status).toBe(200);
		expect(response.data).toEqual({ status });
	});

	it('answers rate errors and unknown transactions', async () => {
		expect((await h.post('/sms/get_rate')).data.status).toBe('error_dest_incoming_both_missing');
		expect(
			(await h.post('/sms/get_rate', { dest: '+6581112222', incoming: hoiioSeed.usNumber })).data
				.status,
		).toBe('error_dest_incoming_both_present');
		expect((await h.post('/sms/query_status')).data.status).toBe('error_txn_ref_param_missing');
		expect((await h.post('/sms/query_status', { txn_ref: 'AA-S-1' })).data.status).toBe(
			'error_txn_ref_invalid',
		);
	});

	it('refuses to send without credit', async () => {
		h.emulator.setBalance(0.01);
		const response = await h.post('/sms/send', { dest: '+6581112222', msg: 'hi' });
		expect(response.data).toEqual({ status: 'error_insufficient_credit' });
		expect(h.emulator.state.sms).toHaveLength(hoiioSeed.seededSmsCount);
	});

	it('bulk-sends one transaction per recipient, each notified with the bulk_txn_ref', async () => {
		const response = await h.post('/sms/bulk_send', {
			dest: '+6581112222,+14155550123, +447700900123',
			msg: 'Sale today',
			notify_url: receiver.url,
		});
		expect(response.data).toEqual({
			status: 'success_ok',
			bulk_txn_ref: expect.stringMatching(/^AA-B-\d+$/),
		});
		const records = h.emulator.state.sms.filter(
			(sms) => sms.bulk_txn_ref === response.data.bulk_txn_ref,
		);
		expect(records.map((sms) => sms.dest)).toEqual([
			'+6581112222',
			'+14155550123',
			'+447700900123',
		]);
		expect(new Set(records.map((sms) => sms.txn_ref)).size).toBe(3);
		await h.emulator.flushNotifications();
		expect(receiver.merged()).toEqual(
			records.map((sms) =>
				expect.objectContaining({
					txn_ref: sms.txn_ref,
					bulk_txn_ref: response.data.bulk_txn_ref,
					sms_status: 'delivered',
				}),
			),
		);
		expect((await h.post('/user/get_balance')).data.balance).toBe('99.903');
	});

	it('bulk-sends up to 1000 recipients and refuses 1001', async () => {
		const numbers = (count: number) =>
			Array.from({ length: count }, (_, index) => `+6580${String(index).padStart(6, '0')}`);
		const ok = await h.post('/sms/bulk_send', { dest: numbers(1000).join(','), msg: 'hi' });
		expect(ok.data.status).toBe('success_ok');
		const tooMany = await h.post('/sms/bulk_send', { dest: numbers(1001).join(','), msg: 'hi' });
		expect(tooMany.data).toEqual({ status: 'error_dest_invalid' });
		const invalid = await h.post('/sms/bulk_send', { dest: '+6581112222,123', msg: 'hi' });
		expect(invalid.data).toEqual({ status: 'error_dest_invalid' });
	});

	it('accepts the newer recipients JSON with a template', async () => {
		const response = await h.post('/sms/bulk_send', {
			recipients: JSON.stringify([
				{ dest: '+6581112222', name: 'Nick' },
				{ dest: '+6590001111', name: 'Dave' },
			]),
			msg: 'Hello {{name}}',
		});
		expect(response.data.status).toBe('success_ok');
		expect(h.emulator.state.sms.slice(-2).map((sms) => sms.msg)).toEqual([
			'Hello Nick',
			'Hello Dave',
		]);
	});
});
