import axios from 'axios';

import { hoiioSeed } from '../../sandbox';
import { sentParameters, useHoiio } from './useHoiio';
import { TRIGGER_NODE_NAME, useHoiioTriggers } from './useHoiioTrigger';

const hoiio = useHoiio();
const triggers = useHoiioTriggers(() => hoiio.credentials());

const numberState = (number: string) => {
	const found = hoiio.state().numbers.find((entry) => entry.number === number);
	if (!found) throw new Error(`No seeded number ${number}`);
	return found;
};

const post = async (url: string, form: Record<string, string>) =>
	await axios.post(url, new URLSearchParams(form).toString(), {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		validateStatus: () => true,
	});

describe('Hoiio Trigger → activation and deactivation', () => {
	test('points the number SMS forwarding at the webhook with a secret, and restores it on deactivation', async () => {
		numberState(hoiioSeed.usNumber).forward_sms_to = 'https://old.example.com/sms';
		numberState(hoiioSeed.usNumber).forward_to = 'https://old.example.com/calls';

		const trigger = await triggers.start({
			events: ['incomingSms'],
			hoiioNumber: hoiioSeed.usNumber,
		});

		const update = hoiio
			.requests()
			.find((request) => request.pathname === '/open/number/update_forwarding');
		const registered = String(sentParameters(update!).forward_to_sms);
		expect(registered.startsWith(`${trigger.url}?n8n_token=`)).toBe(true);
		expect(registered.length).toBeGreaterThan(`${trigger.url}?n8n_token=`.length + 20);
		expect(sentParameters(update!)).toMatchObject({
			number: hoiioSeed.usNumber,
			forward_to: 'https://old.example.com/calls',
		});
		expect(numberState(hoiioSeed.usNumber).forward_sms_to).toBe(registered);
		expect(trigger.webhookMethodCalls.map((call) => [call.method, call.result])).toEqual([
			['checkExists', false],
			['create', true],
		]);

		await triggers.stop(trigger);

		expect(numberState(hoiioSeed.usNumber).forward_sms_to).toBe('https://old.example.com/sms');
		expect(numberState(hoiioSeed.usNumber).forward_to).toBe('https://old.example.com/calls');
	});

	test('clears a forwarding that was empty before activation', async () => {
		const trigger = await triggers.start({
			events: ['incomingSms'],
			hoiioNumber: hoiioSeed.usNumber,
		});
		expect(numberState(hoiioSeed.usNumber).forward_sms_to).not.toBe('');

		await triggers.stop(trigger);

		expect(numberState(hoiioSeed.usNumber).forward_sms_to).toBe('');
	});

	test('incoming faxes switch the number to fax mode', async () => {
		const trigger = await triggers.start({
			events: ['incomingFax'],
			hoiioNumber: hoiioSeed.sgNumber,
		});

		expect(numberState(hoiioSeed.sgNumber).mode).toBe('fax');
		expect(numberState(hoiioSeed.sgNumber).forward_to.startsWith(trigger.url)).toBe(true);
		await triggers.stop(trigger);
		expect(numberState(hoiioSeed.sgNumber).mode).toBe('voice');
	});

	test('status events alone change no forwarding', async () => {
		await triggers.start({ events: ['smsStatus', 'callStatus'] });

		expect(hoiio.requests()).toHaveLength(0);
	});
});

describe('Hoiio Trigger → incoming events', () => {
	test('an incoming SMS starts one run with numbers as numbers and the date in ISO 8601', async () => {
		const trigger = await triggers.start({
			events: ['incomingSms'],
			hoiioNumber: hoiioSeed.usNumber,
		});

		hoiio
			.emulator()
			.simulateIncomingSms({ from: '+6598765432', to: hoiioSeed.usNumber, msg: 'STOP' });
		await hoiio.emulator().flushNotifications();
		const [run] = await trigger.waitForRuns(1);

		const json = run.items[0][0].json;
		expect(json).toMatchObject({
			event: 'incomingSms',
			from: '+6598765432',
			to: hoiioSeed.usNumber,
			msg: 'STOP',
			txn_ref: expect.any(String),
		});
		expect(typeof json.debit).toBe('number');
		expect(json.date).toMatch(/\+08:00$/);
		expect(json.n8n_token).toBeUndefined();
	});

	test('an incoming fax starts a run with the fax link', async () => {
		const trigger = await triggers.start({
			events: ['incomingFax'],
			hoiioNumber: hoiioSeed.sgFaxNumber,
		});

		hoiio
			.emulator()
			.simulateIncomingFax({ from: '+6562223333', to: hoiioSeed.sgFaxNumber, pages: 2 });
		await hoiio.emulator().flushNotifications();
		const [run] = await trigger.waitForRuns(1);

		expect(run.items[0][0].json).toMatchObject({
			event: 'incomingFax',
			from: '+6562223333',
			fax_status: 'answered',
			fax_url: expect.any(String),
		});
	});

	test('an SMS delivery report reaches the trigger named in "Report to Hoiio Trigger"', async () => {
		const trigger = await triggers.start({ events: ['smsStatus'] });

		const { items, error } = await hoiio.run(
			{
				resource: 'sms',
				operation: 'send',
				to: '+6591234567',
				message: 'Hello',
				additionalFields: { notifyTrigger: TRIGGER_NODE_NAME },
			},
			{ staticData: trigger.staticData },
		);
		expect(error).toBeUndefined();
		expect(String(sentParameters(hoiio.lastRequest()).notify_url)).toMatch(
			new RegExp(`^${trigger.url}\\?n8n_token=`),
		);
		await hoiio.emulator().flushNotifications();
		const [run] = await trigger.waitForRuns(1);

		expect(run.items[0][0].json).toMatchObject({
			event: 'smsStatus',
			txn_ref: items[0].json.txn_ref,
			sms_status: 'delivered',
			dest: '+6591234567',
		});
		expect(typeof run.items[0][0].json.debit).toBe('number');
	});

	test('"Report to Hoiio Trigger" without an active trigger is an input error', async () => {
		const { error } = await hoiio.run({
			resource: 'sms',
			operation: 'send',
			to: '+6591234567',
			message: 'Hello',
			additionalFields: { notifyTrigger: 'Hoiio Trigger' },
		});

		expect(error?.message).toContain(
			'Item 0: "Report to Hoiio Trigger" names no active Hoiio Trigger',
		);
		expect(hoiio.requests()).toHaveLength(0);
	});
});

describe('Hoiio Trigger → request checks', () => {
	const delivery = {
		txn_ref: 'AA-S-1',
		sms_status: 'delivered',
		dest: '+6591234567',
		debit: '0.032',
	};

	test('a call without the secret, or with a wrong one, gets 401 and starts no run', async () => {
		const trigger = await triggers.start({ events: ['smsStatus'] });

		const missing = await post(trigger.url, delivery);
		const wrong = await post(`${trigger.url}?n8n_token=guess`, delivery);

		expect([missing.status, wrong.status]).toEqual([401, 401]);
		expect(trigger.runs).toHaveLength(0);
	});

	test('parameters from the query string and the form body are merged', async () => {
		const trigger = await triggers.start({ events: ['smsStatus'] });
		// An active trigger publishes its URL, secret included, in the workflow's global static data.
		const global = trigger.staticData.global as { hoiioTriggerUrls: Record<string, string> };
		const url = global.hoiioTriggerUrls[TRIGGER_NODE_NAME];

		const answer = await post(`${url}&txn_ref=AA-S-7&sms_status=failed`, {
			dest: '+6591234567',
			rate: '0.032',
		});

		expect(answer.status).toBe(200);
		expect(trigger.runs[0].items[0][0].json).toEqual({
			event: 'smsStatus',
			txn_ref: 'AA-S-7',
			sms_status: 'failed',
			dest: '+6591234567',
			rate: 0.032,
		});
	});

	test('a call that is no Hoiio notification gets 400; an event not chosen starts no run', async () => {
		const trigger = await triggers.start({
			events: ['incomingSms'],
			hoiioNumber: hoiioSeed.usNumber,
		});
		const url = numberState(hoiioSeed.usNumber).forward_sms_to;

		const malformed = await post(url, { hello: 'world' });
		const notChosen = await post(url, delivery);

		expect(malformed.status).toBe(400);
		expect(notChosen.status).toBe(200);
		expect(trigger.runs).toHaveLength(0);
	});
});
