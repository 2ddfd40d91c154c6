import axios from 'axios';
import { createHmac } from 'node:crypto';

import { hoiioSeed } from '../../sandbox';
import { loadPackage } from '../harness/n8n';
import { sentParameters, useHoiio } from './useHoiio';
import { useHoiioTriggers } from './useHoiioTrigger';

const hoiio = useHoiio();
const triggers = useHoiioTriggers(() => hoiio.credentials());

const numberState = (number: string) => {
	const found = hoiio.state().numbers.find((entry) => entry.number === number);
	if (!found) throw new Error(`No seeded number ${number}`);
	return found;
};

/**
 * The signature "Report to Hoiio Trigger" adds to a trigger's URL: the HMAC-SHA256, in hex, of
 * `hoiio-report:` and the URL without its query, keyed by the Hoiio access token.
 */
const signatureFor = (url: string, accessToken = hoiio.emulator().accessToken) =>
	createHmac('sha256', accessToken).update(`hoiio-report:${url}`).digest('hex');

/** The trigger's URL as the Hoiio node puts it in a notify URL. */
const reportUrl = (trigger: { url: string }, accessToken?: string) =>
	`${trigger.url}?n8n_signature=${signatureFor(trigger.url, accessToken)}`;

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

	test('takes the number picked From List, and warns in a notice that a test run takes over its forwarding', async () => {
		const trigger = await triggers.start({
			events: ['incomingSms'],
			hoiioNumber: { __rl: true, mode: 'list', value: hoiioSeed.usNumber },
		});
		expect(numberState(hoiioSeed.usNumber).forward_sms_to.startsWith(trigger.url)).toBe(true);
		await triggers.stop(trigger);

		const { description } = (await loadPackage()).nodeType('hoiioTrigger');
		const notice = description.properties.find((property) => property.name === 'forwardingNotice');
		expect(notice).toMatchObject({
			type: 'notice',
			displayOptions: { show: { events: ['incomingSms', 'incomingFax', 'ivrAnswer'] } },
		});
		expect(notice?.displayName).toMatch(/^Listening for a test event takes over this number/);
	});

	test('takes a number typed By Number with spaces and dashes as the E.164 number Hoiio knows', async () => {
		const trigger = await triggers.start({
			events: ['incomingSms'],
			hoiioNumber: { __rl: true, mode: 'id', value: ' +1 201-555-0101 ' },
		});

		const update = hoiio
			.requests()
			.find((request) => request.pathname === '/open/number/update_forwarding');
		expect(sentParameters(update!).number).toBe(hoiioSeed.usNumber);
		expect(numberState(hoiioSeed.usNumber).forward_sms_to.startsWith(trigger.url)).toBe(true);
		await triggers.stop(trigger);
		expect(numberState(hoiioSeed.usNumber).forward_sms_to).toBe('');
	});

	test('refuses a number By Number that is no phone number, naming the field', async () => {
		await expect(
			triggers.start({
				events: ['incomingSms'],
				hoiioNumber: { __rl: true, mode: 'id', value: '+65 3158 000x' },
			}),
		).rejects.toThrow(/^Hoiio Number "\+65 3158 000x" contains characters that are not digits/);
		expect(
			hoiio.requests().some((request) => request.pathname === '/open/number/update_forwarding'),
		).toBe(false);
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

	test('an SMS delivery report reaches the trigger whose URL is in "Report to Hoiio Trigger", with nothing else shared', async () => {
		const trigger = await triggers.start({ events: ['smsStatus'] });

		// The node runs in a workflow of its own, as a queue-mode worker would: no static data, no
		// trigger node, only the Production URL copied from the trigger's panel.
		const { items, error } = await hoiio.run({
			resource: 'sms',
			operation: 'send',
			to: '+6591234567',
			message: 'Hello',
			additionalFields: { notifyTrigger: trigger.url },
		});
		expect(error).toBeUndefined();
		expect(sentParameters(hoiio.lastRequest())).toEqual({
			dest: '+6591234567',
			msg: 'Hello',
			notify_url: `${trigger.url}?n8n_signature=${signatureFor(trigger.url)}`,
		});
		await hoiio.emulator().flushNotifications();
		const [run] = await trigger.waitForRuns(1);

		expect(run.request.query.n8n_signature).toBe(signatureFor(trigger.url));
		expect(run.items[0][0].json).toMatchObject({
			event: 'smsStatus',
			txn_ref: items[0].json.txn_ref,
			sms_status: 'delivered',
			dest: '+6591234567',
		});
		expect(typeof run.items[0][0].json.debit).toBe('number');
		expect(run.items[0][0].json.n8n_signature).toBeUndefined();
	});

	test('"Report to Hoiio Trigger" that is no Production URL of a trigger is an input error, and nothing is sent', async () => {
		const send = async (notifyTrigger: string) =>
			await hoiio.run({
				resource: 'sms',
				operation: 'send',
				to: '+6591234567',
				message: 'Hello',
				additionalFields: { notifyTrigger },
			});

		// What the field took before: a trigger's name; the Test URL; some other address.
		const name = await send('Delivery Reports');
		const testUrl = await send('http://127.0.0.1:5678/webhook-test/2e9a6c4b/webhook');
		const elsewhere = await send('https://example.com/hoiio-reports');

		expect(name.error?.message).toBe(
			'Item 0: "Report to Hoiio Trigger" must be the Production URL of a Hoiio Trigger (http or https): copy it from Webhook URLs in the trigger’s panel',
		);
		expect(testUrl.error?.message).toBe(
			'Item 0: "Report to Hoiio Trigger" is the trigger’s Test URL: copy its Production URL (Webhook URLs → Production URL) instead',
		);
		expect(elsewhere.error?.message).toBe(
			'Item 0: "Report to Hoiio Trigger" is not the Production URL of a Hoiio Trigger (that URL ends in /webhook): copy it from the trigger’s panel, or use Notify URL for another address',
		);
		expect(hoiio.requests()).toHaveLength(0);
	});

	test('"Report to Hoiio Trigger" and a Notify URL together are an input error', async () => {
		const trigger = await triggers.start({ events: ['smsStatus'] });

		const { error } = await hoiio.run({
			resource: 'sms',
			operation: 'send',
			to: '+6591234567',
			message: 'Hello',
			additionalFields: {
				notifyUrl: 'https://example.com/hoiio-reports',
				notifyTrigger: trigger.url,
			},
		});

		expect(error?.message).toBe(
			'Item 0: "Report to Hoiio Trigger" and "Notify URL" are both set: Hoiio reports to one address, so keep one of them',
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

	test('a report whose signature is missing, forged or for another URL gets 401 and starts no run', async () => {
		const trigger = await triggers.start({ events: ['smsStatus'] });
		const signature = signatureFor(trigger.url);
		const anotherTrigger = `${new URL(trigger.url).origin}/webhook/another-trigger/webhook`;
		const withSignature = (value: string) => `${trigger.url}?n8n_signature=${value}`;

		const answers = await Promise.all(
			[
				withSignature(''),
				reportUrl(trigger, 'another-access-token'),
				withSignature(signatureFor(anotherTrigger)),
				withSignature(signature.toUpperCase()),
				withSignature(signature.slice(0, 62)),
				// Twice, the right one among them: ambiguous.
				`${withSignature(signature)}&n8n_signature=guess`,
			].map(async (url) => await post(url, delivery)),
		);
		const right = await post(reportUrl(trigger), delivery);

		expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 401]);
		expect(answers[0].data).toEqual({ message: 'Authorization failed' });
		expect(right.status).toBe(200);
		expect(trigger.runs).toHaveLength(1);
	});

	test('parameters from the query string and the form body are merged', async () => {
		const trigger = await triggers.start({ events: ['smsStatus'] });
		const url = reportUrl(trigger);

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
			eventKey: 'smsStatus:AA-S-7:failed',
			// A report names its recipient; one of a send outside a campaign has no campaign key.
			recipient: '+6591234567',
			campaignKey: null,
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

describe('Hoiio Trigger → redelivered notifications', () => {
	test('a notification delivered again starts no second run, wherever its parameters travel', async () => {
		const trigger = await triggers.start({ events: ['smsStatus'] });
		const report = {
			txn_ref: 'AA-S-9',
			sms_status: 'delivered',
			dest: '+6591234567',
			debit: '0.032',
		};

		const first = await post(reportUrl(trigger), report);
		const again = await post(reportUrl(trigger), report);
		// The same parameters in the query string instead of the form body, in another order.
		const query = new URLSearchParams(Object.entries(report).reverse()).toString();
		const moved = await post(`${reportUrl(trigger)}&${query}`, {});

		expect([first.status, again.status, moved.status]).toEqual([200, 200, 200]);
		expect(trigger.runs).toHaveLength(1);
		expect(trigger.runs[0].items[0][0].json).toMatchObject({ txn_ref: 'AA-S-9' });
	});

	test('two different notifications of one transaction are two runs, each once', async () => {
		const trigger = await triggers.start({ events: ['ivrResult'] });
		// One IVR call reports each step under the call's transaction reference.
		const gather = { session: 'S-1', txn_ref: 'AA-I-1', ivr_block: 'gather', digits: '2' };
		const record = { session: 'S-1', txn_ref: 'AA-I-1', ivr_block: 'record', record_url: 'x' };

		for (const notification of [gather, record, gather, record])
			expect((await post(reportUrl(trigger), notification)).status).toBe(200);

		expect(trigger.runs.map((run) => run.items[0][0].json.ivr_block)).toEqual(['gather', 'record']);
		expect(trigger.runs.map((run) => run.items[0][0].json.eventKey)).toEqual([
			'ivrResult:AA-I-1:S-1:gather::::2::',
			'ivrResult:AA-I-1:S-1:record:::::x:',
		]);
	});

	test('the event key is the kind, the txn_ref and the reported status: a resend has the same one, a later status not', async () => {
		const trigger = await triggers.start({ events: ['smsStatus'] });
		const queued = { txn_ref: 'AA-S-11', sms_status: 'queued', dest: '+6591234567' };
		const delivered = { ...queued, sms_status: 'delivered', debit: '0.032' };

		await post(reportUrl(trigger), queued);
		await post(reportUrl(trigger), delivered);
		// Sent again with a date it lacked before: not the same notification, the same event.
		await post(reportUrl(trigger), { ...delivered, date: '2026-01-02 03:04:05' });

		expect(trigger.runs.map((run) => run.items[0][0].json.eventKey)).toEqual([
			'smsStatus:AA-S-11:queued',
			'smsStatus:AA-S-11:delivered',
			'smsStatus:AA-S-11:delivered',
		]);
	});
});
