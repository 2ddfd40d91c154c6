import { hoiioSeed } from '../../../sandbox';
import { useHoiioSandbox, useReceiver } from './harness';

describe('Hoiio emulator: voice', () => {
	const h = useHoiioSandbox();
	const receiver = useReceiver();

	it('calls back: ongoing without duration or debit, then answered, billed and notified', async () => {
		const response = await h.post('/voice/call', {
			dest1: '+6581112222',
			dest2: '+14155550123',
			tag: 'callback',
			notify_url: `${receiver.url}/calls?run=1`,
		});
		expect(response.data).toEqual({
			status: 'success_ok',
			txn_ref: expect.stringMatching(/^AA-C-/),
		});
		const txnRef = response.data.txn_ref as string;
		const ongoing = (await h.post('/voice/query_status', { txn_ref: txnRef })).data;
		expect(ongoing).toMatchObject({ call_status_dest1: 'ongoing', call_status_dest2: 'ongoing' });
		expect(ongoing).not.toHaveProperty('duration');
		expect(ongoing).not.toHaveProperty('debit');

		await h.emulator.flushNotifications();
		const expected = {
			txn_ref: txnRef,
			tag: 'callback',
			dest1: '+6581112222',
			dest2: '+14155550123',
			call_status_dest1: 'answered',
			call_status_dest2: 'answered',
			date: ongoing.date,
			duration: '1',
			currency: 'SGD',
			rate: '0.028',
			debit: '0.028',
		};
		expect((await h.post('/voice/query_status', { txn_ref: txnRef })).data).toEqual({
			status: 'success_ok',
			...expected,
		});
		expect(receiver.received[0].query).toMatchObject({ run: '1', ...expected });
		expect(receiver.received[0].body).toEqual(expected);
		expect((await h.post('/user/get_balance')).data.balance).toBe('99.972');
	});

	it('calls the account mobile when dest1 is left out', async () => {
		const response = await h.get('/voice/call', { dest2: '+6581112222' });
		const call = h.emulator.state.calls.find((entry) => entry.txn_ref === response.data.txn_ref);
		expect(call).toMatchObject({ dest1: hoiioSeed.mobile, dest2: '+6581112222' });
	});

	it('reports an unreachable dest2 as unanswered and bills nothing', async () => {
		const response = await h.post('/voice/call', {
			dest2: hoiioSeed.unreachable,
			notify_url: receiver.url,
		});
		await h.emulator.flushNotifications();
		expect(receiver.merged()[0]).toMatchObject({
			txn_ref: response.data.txn_ref,
			call_status_dest1: 'answered',
			call_status_dest2: 'unanswered',
			duration: '0',
			debit: '0.000',
		});
	});

	it.each([
		[{}, 'error_dest2_param_missing'],
		[{ dest2: 'abc' }, 'error_dest2_invalid'],
		[{ dest1: '12', dest2: '+6581112222' }, 'error_dest1_invalid'],
		[{ dest1: '+6581112222', dest2: '+6581112222' }, 'error_same_dest1_dest2'],
		[{ dest2: '+6581112222', caller_id: 'nobody' }, 'error_caller_id_invalid'],
		[{ dest2: '+6581112222', max_duration: '-5' }, 'error_invalid_max_duration'],
	])('voice/call %j answers %s', async (params, status) => {
		expect((await h.post('/voice/call', params)).data).toEqual({ status });
	});

	it('puts up to 8 numbers in a conference, returning txn_refs as one comma-separated string', async () => {
		const response = await h.post('/voice/conference', {
			dest: '+6581112222,+6590001111,+14155550123',
			notify_url: receiver.url,
		});
		expect(response.data).toEqual({
			status: 'success_ok',
			room: expect.stringMatching(/^R-\d+$/),
			txn_refs: expect.stringMatching(/^AA-C-\d+,AA-C-\d+,AA-C-\d+$/),
		});
		const [first, , third] = (response.data.txn_refs as string).split(',');

		const more = await h.post('/voice/conference', {
			dest: '+6531580009',
			room: response.data.room,
		});
		expect(more.data.room).toBe(response.data.room);
		expect(more.data.txn_refs).toMatch(/^AA-C-\d+$/);

		// Participants stay in the room until hung up, one by one.
		await h.emulator.flushNotifications();
		expect(receiver.received).toHaveLength(0);
		expect((await h.post('/voice/hangup', { txn_ref: first })).data).toEqual({
			status: 'success_ok',
		});
		await h.emulator.flushNotifications();
		expect(receiver.merged()).toEqual([
			expect.objectContaining({
				txn_ref: first,
				call_status_dest1: 'answered',
				room: response.data.room,
			}),
		]);
		expect((await h.post('/voice/query_status', { txn_ref: third })).data.call_status_dest1).toBe(
			'ongoing',
		);
	});

	it('refuses a ninth participant and a malformed room', async () => {
		const nine = Array.from({ length: 9 }, (_, index) => `+658111222${index}`).join(',');
		expect((await h.post('/voice/conference', { dest: nine })).data).toEqual({
			status: 'error_dest_invalid',
		});
		const eight = Array.from({ length: 8 }, (_, index) => `+658111222${index}`).join(',');
		const room = (await h.post('/voice/conference', { dest: eight, room: 'TEAM' })).data.room;
		expect(room).toBe('TEAM');
		expect((await h.post('/voice/conference', { dest: '+6590001111', room: 'TEAM' })).data).toEqual(
			{
				status: 'error_invalid_room',
			},
		);
		expect((await h.post('/voice/conference', { dest: '+6590001111', room: 'a b' })).data).toEqual({
			status: 'error_invalid_room',
		});
		expect((await h.post('/voice/conference')).data).toEqual({
			status: 'error_dest_param_missing',
		});
	});

	it('hangs up a call back before it ends on its own', async () => {
		const call = await h.post('/voice/call', { dest2: '+6581112222', notify_url: receiver.url });
		await h.post('/voice/hangup', { txn_ref: call.data.txn_ref });
		await h.emulator.flushNotifications();
		expect(receiver.merged()).toEqual([
			expect.objectContaining({ txn_ref: call.data.txn_ref, call_status_dest2: 'answered' }),
		]);
		expect((await h.post('/voice/hangup', { txn_ref: 'AA-C-1' })).data).toEqual({
			status: 'error_txn_ref_invalid',
		});
	});

	it('prices a call and tells the talk time the balance buys', async () => {
		const response = await h.post('/voice/get_rate', {
			dest1: '+6581112222',
			dest2: '+6590001111',
		});
		expect(response.data).toEqual({
			status: 'success_ok',
			currency: 'SGD',
			rate: '0.036',
			talktime: '2777',
		});
		expect((await h.post('/voice/get_rate', { dest2: '+6590001111' })).data).toEqual({
			status: 'error_dest1_param_missing',
		});
	});

	it('refuses a call without credit', async () => {
		h.emulator.setBalance(0);
		expect((await h.post('/voice/call', { dest2: '+6581112222' })).data).toEqual({
			status: 'error_insufficient_credit',
		});
	});
});
