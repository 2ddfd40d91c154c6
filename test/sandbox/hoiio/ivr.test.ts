import { hoiioSeed } from '../../../sandbox';
import { useHoiioSandbox, useReceiver } from './harness';

describe('Hoiio emulator: IVR', () => {
	const h = useHoiioSandbox();
	const receiver = useReceiver();

	it('runs dial → gather (digits reach the app) → transfer, one notification per block', async () => {
		const dial = await h.post('/ivr/start/dial', {
			dest: '+6581112222',
			msg: 'Hello from the sandbox',
			tag: 'survey',
			notify_url: `${receiver.url}/ivr?step=dial`,
		});
		expect(dial.data).toEqual({
			status: 'success_ok',
			txn_ref: expect.stringMatching(/^AA-I-\d+$/),
			session: expect.stringMatching(/^S-\d+$/),
		});
		const { session, txn_ref } = dial.data as { session: string; txn_ref: string };
		await h.emulator.flushNotifications();
		expect(receiver.received[0].query.step).toBe('dial');
		expect(receiver.merged()[0]).toEqual({
			step: 'dial',
			ivr_block: 'dial',
			call_state: 'ongoing',
			session,
			txn_ref,
			tag: 'survey',
			dial_status: 'answered',
			dest: '+6581112222',
		});

		h.emulator.queueGatherDigits(session, '42');
		const gather = await h.post('/ivr/middle/gather', {
			session,
			msg: 'Press your code',
			max_digits: '2',
			timeout: '30',
			attempts: '2',
			notify_url: `${receiver.url}/ivr?step=gather`,
		});
		expect(gather.data).toEqual({ status: 'success_ok' });
		await h.emulator.flushNotifications();
		expect(receiver.merged()[1]).toMatchObject({
			ivr_block: 'gather',
			call_state: 'ongoing',
			session,
			digits: '42',
		});

		const transfer = await h.post('/ivr/end/transfer', {
			session,
			dest: '+6590001111',
			notify_url: `${receiver.url}/ivr?step=transfer`,
		});
		expect(transfer.data).toEqual({ status: 'success_ok' });
		await h.emulator.flushNotifications();
		expect(receiver.merged()[2]).toEqual({
			step: 'transfer',
			ivr_block: 'transfer',
			call_state: 'ended',
			session,
			txn_ref,
			tag: 'survey',
			transfer_status: 'answered',
			dest: '+6590001111',
			date: expect.any(String),
			duration: '1',
			currency: 'SGD',
			rate: '0.018',
			debit: '0.018',
		});
		expect((await h.post('/ivr/middle/play', { session, msg: 'late' })).data).toEqual({
			status: 'error_session_ended',
		});
		expect(h.emulator.state.ivrSessions.at(-1)?.blocks.map((block) => block.block)).toEqual([
			'dial',
			'gather',
			'transfer',
		]);
	});

	it('ends the call at once on hangup, so blocks still queued never play', async () => {
		const { session } = (
			await h.post('/ivr/start/dial', { dest: '+6581112222', notify_url: receiver.url })
		).data as { session: string };
		await h.post('/ivr/middle/play', { session, msg: 'one', notify_url: receiver.url });
		await h.post('/ivr/middle/record', { session, max_duration: '30', notify_url: receiver.url });
		await h.post('/ivr/middle/monitor', { session, notify_url: receiver.url });
		await h.post('/ivr/end/hangup', { session, notify_url: receiver.url });
		await h.emulator.flushNotifications();
		expect(receiver.merged().map((entry) => [entry.ivr_block, entry.call_state])).toEqual([
			['hangup', 'ended'],
		]);
	});

	it('queues blocks sent before the dial is answered and plays them in order, with record URLs', async () => {
		const { session } = (
			await h.post('/ivr/start/dial', { dest: '+6581112222', notify_url: receiver.url })
		).data as { session: string };
		await h.post('/ivr/middle/play', { session, msg: 'one', notify_url: receiver.url });
		await h.post('/ivr/middle/record', { session, notify_url: receiver.url });
		await h.post('/ivr/middle/monitor', { session, notify_url: receiver.url });
		await h.emulator.flushNotifications();
		const events = receiver.merged();
		expect(events.map((entry) => entry.ivr_block)).toEqual(['dial', 'play', 'record', 'monitor']);
		expect(events[2].record_url).toMatch(/\/__sandbox\/hoiio\/recordings\/S-\d+-\d+\.mp3$/);
		const recording = await h.control.get(new URL(events[2].record_url).pathname);
		expect(recording.headers['content-type']).toBe('audio/mpeg');
	});

	it('hangs up after the block when the app gives no notify_url, as documented', async () => {
		const { session } = (await h.post('/ivr/start/dial', { dest: '+6581112222', msg: 'Bye' }))
			.data as { session: string };
		await h.emulator.flushNotifications();
		expect(h.emulator.state.ivrSessions.at(-1)).toMatchObject({ session, call_state: 'ended' });
		expect((await h.post('/ivr/middle/gather', { session })).data).toEqual({
			status: 'error_session_ended',
		});
	});

	it('transfers to a new conference room and answers with its id', async () => {
		const { session } = (
			await h.post('/ivr/start/dial', { dest: '+6581112222', notify_url: receiver.url })
		).data as { session: string };
		const transfer = await h.post('/ivr/end/transfer', {
			session,
			dest: 'room:',
			notify_url: receiver.url,
		});
		expect(transfer.data).toEqual({ status: 'success_ok', room: expect.stringMatching(/^R-\d+$/) });
		await h.emulator.flushNotifications();
		expect(receiver.merged()[1]).toMatchObject({
			ivr_block: 'transfer',
			transfer_status: 'answered',
			room: transfer.data.room,
		});
		expect(h.emulator.state.conferences.at(-1)?.room).toBe(transfer.data.room);
	});

	it('lets the app continue after a failed transfer with on_failure=continue', async () => {
		const { session } = (
			await h.post('/ivr/start/dial', { dest: '+6581112222', notify_url: receiver.url })
		).data as { session: string };
		await h.post('/ivr/end/transfer', {
			session,
			dest: hoiioSeed.unreachable,
			on_failure: 'continue',
			notify_url: receiver.url,
		});
		await h.emulator.flushNotifications();
		expect(receiver.merged()[1]).toMatchObject({
			transfer_status: 'unanswered',
			call_state: 'ongoing',
		});
		expect((await h.post('/ivr/end/hangup', { session })).data).toEqual({ status: 'success_ok' });
	});

	it.each([
		['/ivr/middle/play', {}, 'error_session_param_missing'],
		['/ivr/middle/play', { session: 'S-1', msg: 'x' }, 'error_invalid_session'],
		['/ivr/start/dial', {}, 'error_dest_param_missing'],
		['/ivr/start/dial', { dest: 'room:1' }, 'error_dest_invalid'],
		['/ivr/end/transfer', { session: 'S-1', dest: '+6581112222' }, 'error_invalid_session'],
	])('%s %j answers %s', async (path, params, status) => {
		expect((await h.post(path, params)).data).toEqual({ status });
	});

	it('validates block parameters on a live session', async () => {
		const { session } = (
			await h.post('/ivr/start/dial', { dest: '+6581112222', notify_url: receiver.url })
		).data as { session: string };
		const cases: [string, Record<string, string>, string][] = [
			['/ivr/middle/gather', { max_digits: '256' }, 'error_invalid_max_digits'],
			['/ivr/middle/gather', { timeout: 'soon' }, 'error_invalid_timeout'],
			['/ivr/middle/gather', { attempts: '0' }, 'error_invalid_attempts'],
			['/ivr/middle/record', { max_duration: 'x' }, 'error_invalid_max_duration'],
			[
				'/ivr/end/transfer',
				{ dest: '+6590001111', on_failure: 'retry' },
				'error_on_failure_invalid',
			],
			['/ivr/end/transfer', { dest: 'room:bad room' }, 'error_invalid_room'],
			['/ivr/middle/play', { msg: 'x', notify_url: 'not a url' }, 'error_invalid_notify_url'],
		];
		for (const [path, params, status] of cases)
			expect([path, (await h.post(path, { session, ...params })).data]).toEqual([path, { status }]);
	});

	it('answers an incoming call on a voice number with ivr_block=answer, then takes blocks', async () => {
		await h.post('/number/update_forwarding', {
			number: hoiioSeed.usNumber,
			forward_to: `${receiver.url}/incoming`,
		});
		const call = h.emulator.simulateIncomingCall({ from: '+14155550123', to: hoiioSeed.usNumber });
		await h.emulator.flushNotifications();
		expect(receiver.received[0].path).toBe('/incoming');
		expect(receiver.merged()[0]).toEqual({
			ivr_block: 'answer',
			call_state: 'ongoing',
			session: call.session,
			txn_ref: call.txn_ref,
			from: '+14155550123',
			to: hoiioSeed.usNumber,
			date: call.date,
		});
		const play = await h.post('/ivr/middle/play', { session: call.session, msg: 'Welcome' });
		expect(play.data).toEqual({ status: 'success_ok' });
	});
});
