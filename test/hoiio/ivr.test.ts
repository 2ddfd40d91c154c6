import { hoiioSeed } from '../../sandbox';
import { sentParameters, useHoiio } from './useHoiio';
import { useHoiioTriggers } from './useHoiioTrigger';

const hoiio = useHoiio();
const triggers = useHoiioTriggers(() => hoiio.credentials());

describe('Hoiio → IVR flow', () => {
	test('dial → gather (the trigger receives the digits) → transfer into a new conference room', async () => {
		const trigger = await triggers.start({ events: ['ivrResult'] });
		// Each step reports to the trigger, whose Production URL was copied into the step.
		const report = { notifyTrigger: trigger.url };

		const dial = await hoiio.run({
			resource: 'ivr',
			operation: 'dial',
			to: '+6591234567',
			additionalFields: { message: 'Hello from the clinic', ...report },
		});
		expect(hoiio.lastRequest().pathname).toBe('/open/ivr/start/dial');
		expect(sentParameters(hoiio.lastRequest())).toMatchObject({
			dest: '+6591234567',
			msg: 'Hello from the clinic',
		});
		const session = dial.items[0].json.session as string;
		expect(session).toEqual(expect.any(String));
		expect(dial.items[0].json.txn_ref).toEqual(expect.any(String));
		await hoiio.emulator().flushNotifications();

		hoiio.emulator().queueGatherDigits(session, '2');
		// The session comes from the previous step's output by default.
		const gather = await hoiio.run(
			{
				resource: 'ivr',
				operation: 'gather',
				additionalFields: {
					message: 'Press 2 for the nurse',
					maxDigits: 1,
					timeout: 10,
					...report,
				},
			},
			{ items: [dial.items[0].json] },
		);
		expect(hoiio.lastRequest().pathname).toBe('/open/ivr/middle/gather');
		expect(sentParameters(hoiio.lastRequest())).toMatchObject({
			session,
			msg: 'Press 2 for the nurse',
			max_digits: '1',
			timeout: '10',
		});
		expect(gather.items[0].json).toMatchObject({ success: true, session });
		await hoiio.emulator().flushNotifications();
		const runs = await trigger.waitForRuns(2);
		const gathered = runs
			.map((run) => run.items[0][0].json)
			.find((json) => json.ivr_block === 'gather');
		expect(gathered).toMatchObject({ event: 'ivrResult', session, digits: '2' });

		const transfer = await hoiio.run(
			{
				resource: 'ivr',
				operation: 'transfer',
				transferTo: 'room',
				additionalFields: { ...report },
			},
			{ items: [gathered!] },
		);
		expect(hoiio.lastRequest().pathname).toBe('/open/ivr/end/transfer');
		expect(sentParameters(hoiio.lastRequest())).toMatchObject({ session, dest: 'room:' });
		expect(transfer.items[0].json).toMatchObject({
			success: true,
			session,
			room: expect.any(String),
		});
	});

	test('an incoming call starts an IVR Answer run whose session the next step uses', async () => {
		const trigger = await triggers.start({
			events: ['ivrAnswer'],
			hoiioNumber: hoiioSeed.sgNumber,
		});

		hoiio.emulator().simulateIncomingCall({ from: '+6598765432', to: hoiioSeed.sgNumber });
		await hoiio.emulator().flushNotifications();
		const [run] = await trigger.waitForRuns(1);
		const answer = run.items[0][0].json;
		expect(answer).toMatchObject({ event: 'ivrAnswer', ivr_block: 'answer', from: '+6598765432' });

		const { items } = await hoiio.run(
			{ resource: 'ivr', operation: 'play', additionalFields: { message: 'Welcome' } },
			{ items: [answer] },
		);
		expect(sentParameters(hoiio.lastRequest())).toEqual({
			session: answer.session,
			msg: 'Welcome',
		});
		expect(items[0].json).toMatchObject({ success: true, session: answer.session });
	});
});

describe('Hoiio → IVR steps', () => {
	async function dialed(): Promise<string> {
		const { items } = await hoiio.run({
			resource: 'ivr',
			operation: 'dial',
			to: '+6591234567',
			additionalFields: {
				notifyUrl: 'http://127.0.0.1:9/ivr',
				callerId: 'private',
				maxDuration: 120,
			},
		});
		expect(sentParameters(hoiio.lastRequest())).toMatchObject({
			caller_id: 'private',
			max_duration: '120',
			notify_url: 'http://127.0.0.1:9/ivr',
		});
		await hoiio.emulator().flushNotifications();
		return items[0].json.session as string;
	}

	test.each([
		[
			'record',
			'/open/ivr/middle/record',
			{ message: 'Leave a message', maxDuration: 30 },
			{ msg: 'Leave a message', max_duration: '30' },
		],
		[
			'monitor',
			'/open/ivr/middle/monitor',
			{ message: 'This call is recorded' },
			{ msg: 'This call is recorded' },
		],
		[
			'hangup',
			'/open/ivr/end/hangup',
			{ message: 'Goodbye', tag: 'done' },
			{ msg: 'Goodbye', tag: 'done' },
		],
	])('%s posts the session and its fields', async (operation, path, additionalFields, wire) => {
		const session = await dialed();

		const { items, error } = await hoiio.run({
			resource: 'ivr',
			operation,
			session,
			additionalFields: { ...additionalFields, notifyUrl: 'http://127.0.0.1:9/ivr' },
		});

		expect(error).toBeUndefined();
		expect(hoiio.lastRequest().pathname).toBe(path);
		expect(sentParameters(hoiio.lastRequest())).toEqual({
			session,
			notify_url: 'http://127.0.0.1:9/ivr',
			...wire,
		});
		expect(items[0].json).toMatchObject({ success: true, session });
	});

	test('transfer to a number normalises it with the default country code', async () => {
		const session = await dialed();

		await hoiio.run(
			{
				resource: 'ivr',
				operation: 'transfer',
				session,
				transferTo: 'number',
				transferNumber: '6222 3334',
				additionalFields: { onFailure: 'continue', notifyUrl: 'http://127.0.0.1:9/ivr' },
			},
			{ defaultCountryCode: '65' },
		);

		expect(sentParameters(hoiio.lastRequest())).toMatchObject({
			session,
			dest: '+6562223334',
			on_failure: 'continue',
		});
	});

	test('transfer into a given room sends room:<id> unchanged', async () => {
		const session = await dialed();

		await hoiio.run(
			{
				resource: 'ivr',
				operation: 'transfer',
				session,
				transferTo: 'room',
				room: hoiioSeed.seededRoom,
			},
			{ defaultCountryCode: '1' },
		);

		expect(sentParameters(hoiio.lastRequest()).dest).toBe(`room:${hoiioSeed.seededRoom}`);
	});

	test('a step on an ended session becomes a readable error', async () => {
		const { error } = await hoiio.run({ resource: 'ivr', operation: 'play', session: 'S-404' });

		expect(error?.message).toMatch(/^Hoiio: /);
		expect(error?.description).toMatch(/error_(invalid_session|session_\w+)/);
	});
});
