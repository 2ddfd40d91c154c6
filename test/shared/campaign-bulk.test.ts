/**
 * Campaign-grade bulk sends: Hoiio's bulk endpoint in chunks of 1,000 and SCG message requests in
 * chunks of Recipients per Request, a campaign that fails halfway and is run again, and the progress
 * a long send reports (console lines in a manual run, a summary hint, per-recipient items).
 */
import type { INodeParameters } from 'n8n-workflow';

import { scgSeed } from '../../sandbox';
import { processedDataStore } from '../harness/n8n';
import { sentParameters, useHoiio } from '../hoiio/useHoiio';
import { SCG_API, useScg } from '../syniverseScg/useScg';

const hoiio = useHoiio();
const scg = useScg();

beforeEach(() => processedDataStore().clear());

/** n distinct numbers with the given prefix (Singapore +658…, US +1415…). */
function numbers(count: number, prefix = '+658'): string[] {
	return Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(7, '0')}`);
}

const bulk = (recipients: string[], campaign: INodeParameters = {}) => ({
	resource: 'sms',
	operation: 'sendBulk',
	recipientSource: 'list',
	recipients: recipients.join(','),
	message: 'Store closes early today',
	campaign,
});

/** How many bulk SMS the Hoiio emulator holds per number. */
function hoiioCounts(): Map<string, number> {
	const counts = new Map<string, number>();
	for (const sms of hoiio.state().sms)
		if (sms.bulk_txn_ref) counts.set(sms.dest, (counts.get(sms.dest) ?? 0) + 1);
	return counts;
}

describe('Hoiio Send Bulk as a campaign', () => {
	test('a bulk campaign failing at its second chunk sends, when run again, only the 1,500 not reached', async () => {
		const recipients = numbers(2500);
		// The first chunk goes through, the second is refused.
		hoiio
			.emulator()
			.faults.inject({ type: 'latency', ms: 0, times: 1, match: { path: '/bulk_send' } });
		hoiio.emulator().faults.inject({
			type: 'status',
			status: 200,
			body: JSON.stringify({ status: 'error_insufficient_credit' }),
			times: 1,
			match: { path: '/bulk_send' },
		});

		const first = await hoiio.run(bulk(recipients, { campaignKey: 'closing' }));

		expect(first.error?.description).toContain(
			'Requests 1 to 1 of 3 (1000 recipients) were already sent',
		);
		expect(first.error?.description).toContain('They are recorded in campaign "closing"');
		expect(hoiioCounts().size).toBe(1000);

		hoiio.emulator().requests.length = 0;
		const second = await hoiio.run(bulk(recipients, { campaignKey: 'closing' }));

		expect(second.error).toBeUndefined();
		const sent = hoiio.requests().map((request) => String(sentParameters(request).dest).split(','));
		expect(sent.map((chunk) => chunk.length)).toEqual([1000, 500]);
		expect(sent.flat()).toEqual(recipients.slice(1000));
		// One item per recipient, in the order given: the first 1,000 skipped, the rest sent.
		expect(second.items).toHaveLength(2500);
		expect(second.items.map((item) => item.json.recipient)).toEqual(recipients);
		expect(second.items.slice(0, 1000).every((item) => item.json.skipped === true)).toBe(true);
		expect(second.items.slice(1000).every((item) => item.json.status === 'sent')).toBe(true);
		expect(second.items[1000].json).toMatchObject({ chunk: 1, chunks: 2, campaignKey: 'closing' });
		// The emulator holds exactly one SMS for each of the 2,500 numbers.
		const counts = hoiioCounts();
		expect(counts.size).toBe(2500);
		expect([...counts.values()].every((count) => count === 1)).toBe(true);
	});

	test('with Continue On Fail a refused chunk becomes failed items and the other chunks still go', async () => {
		const recipients = numbers(2500);
		hoiio
			.emulator()
			.faults.inject({ type: 'latency', ms: 0, times: 1, match: { path: '/bulk_send' } });
		hoiio.emulator().faults.inject({
			type: 'status',
			status: 200,
			body: JSON.stringify({ status: 'error_insufficient_credit' }),
			times: 1,
			match: { path: '/bulk_send' },
		});

		const first = await hoiio.run(bulk(recipients, { campaignKey: 'closing' }), {
			continueOnFail: true,
		});

		expect(first.items.map((item) => item.json.status)).toEqual([
			...Array<string>(1000).fill('sent'),
			...Array<string>(1000).fill('failed'),
			...Array<string>(500).fill('sent'),
		]);
		expect(first.items[1000].json).toMatchObject({
			recipient: recipients[1000],
			error: 'Hoiio: the account does not have enough credit: top it up in Hoiio',
			chunk: 2,
			chunks: 3,
		});
		expect(first.hints[0]).toMatchObject({
			message: 'Recipients: 1,500 sent, 0 skipped, 1,000 failed; 1,500 SMS segments',
			type: 'warning',
		});

		hoiio.emulator().requests.length = 0;
		await hoiio.run(bulk(recipients, { campaignKey: 'closing' }));

		expect(String(sentParameters(hoiio.lastRequest()).dest).split(',')).toEqual(
			recipients.slice(1000, 2000),
		);
		expect([...hoiioCounts().values()].every((count) => count === 1)).toBe(true);
		expect(hoiioCounts().size).toBe(2500);
	});

	test('Input Items mode: the recipients skipped are paired with the items they came from', async () => {
		const recipients = numbers(4);
		const run = async () =>
			await hoiio.run(
				{
					resource: 'sms',
					operation: 'sendBulk',
					recipientSource: 'items',
					recipient: '={{ $json.phone }}',
					message: 'Hi',
					campaign: { campaignKey: 'items' },
				},
				{ items: recipients.map((phone) => ({ phone })) },
			);
		await hoiio.run(bulk(recipients.slice(1, 3), { campaignKey: 'items' }), {
			items: [{}],
		});

		const { items } = await run();

		expect(sentParameters(hoiio.lastRequest()).dest).toBe(`${recipients[0]},${recipients[3]}`);
		expect(items.map((item) => [item.json.status, item.pairedItem])).toEqual([
			['sent', { item: 0 }],
			['skipped', { item: 1 }],
			['skipped', { item: 2 }],
			['sent', { item: 3 }],
		]);
	});
});

describe('Progress of long sends', () => {
	test('a 2,500-recipient bulk send reports each chunk in the console of a manual run and sums up in a hint', async () => {
		const { uiMessages, hints } = await hoiio.run(bulk(numbers(2500)));

		expect(uiMessages).toEqual([
			'1,000 of 2,500 recipients done: 1,000 sent, 0 skipped, 0 failed',
			'2,000 of 2,500 recipients done: 2,000 sent, 0 skipped, 0 failed',
			'2,500 of 2,500 recipients done: 2,500 sent, 0 skipped, 0 failed',
			'Finished: 2,500 sent, 0 skipped, 0 failed',
		]);
		expect(hints).toEqual([
			{
				message: 'Recipients: 2,500 sent, 0 skipped, 0 failed; 2,500 SMS segments',
				type: 'info',
				location: 'outputPane',
			},
		]);
	});

	test('120 single sends report every tenth of the way, counting skipped ones', async () => {
		const recipients = numbers(120);
		await hoiio.run(
			{
				resource: 'sms',
				operation: 'send',
				to: '={{ $json.phone }}',
				message: 'Hi',
				campaign: { campaignKey: 'tenths' },
			},
			{ items: recipients.slice(0, 60).map((phone) => ({ phone })) },
		);

		const { uiMessages, hints } = await hoiio.run(
			{
				resource: 'sms',
				operation: 'send',
				to: '={{ $json.phone }}',
				message: 'Hi',
				campaign: { campaignKey: 'tenths' },
				requestOptions: { concurrency: 1 },
			},
			{ items: recipients.map((phone) => ({ phone })) },
		);

		expect(uiMessages).toHaveLength(11);
		expect(uiMessages[0]).toBe('12 of 120 recipients done: 0 sent, 12 skipped, 0 failed');
		expect(uiMessages[9]).toBe('120 of 120 recipients done: 60 sent, 60 skipped, 0 failed');
		expect(uiMessages[10]).toBe('Finished: 60 sent, 60 skipped, 0 failed');
		expect(hints[0].message).toBe('Recipients: 60 sent, 60 skipped, 0 failed; 60 SMS segments');
	});

	test('a short send sends no progress lines', async () => {
		const { uiMessages, hints } = await hoiio.run(bulk(numbers(3)));

		expect(uiMessages).toEqual([]);
		expect(hints[0].message).toBe('Recipients: 3 sent, 0 skipped, 0 failed; 3 SMS segments');
	});
});

describe('Syniverse SCG message requests in chunks', () => {
	const create = (recipients: string[], extra: INodeParameters = {}) => ({
		resource: 'messageRequest',
		operation: 'create',
		sender: scgSeed.activeSenderId,
		messageType: 'SMS',
		recipients: recipients.join(','),
		message: 'Your order ships today',
		...extra,
	});
	const creates = () =>
		scg
			.requests()
			.filter(
				(request) =>
					request.method === 'POST' && request.pathname === `${SCG_API}/messaging/message_requests`,
			);
	/** Messages per destination address among the SCG emulator's messages. */
	const messageCounts = (addresses: string[]) => {
		const counts = new Map<string, number>();
		for (const message of scg.state().messages)
			if (addresses.includes(message.to_address))
				counts.set(message.to_address, (counts.get(message.to_address) ?? 0) + 1);
		return counts;
	};

	test('2,500 recipients go out as 3 message requests of at most 1,000, one item per request', async () => {
		const recipients = numbers(2500, '+1415');

		const { items, error } = await scg.run(create(recipients));

		expect(error).toBeUndefined();
		expect(creates().map((request) => (request.body as { to: string[] }).to.length)).toEqual([
			1000, 1000, 500,
		]);
		expect(creates().flatMap((request) => (request.body as { to: string[] }).to)).toEqual(
			recipients,
		);
		expect(
			items.map((item) => [item.json.recipientCount, item.json.chunk, item.json.chunks]),
		).toEqual([
			[1000, 1, 3],
			[1000, 2, 3],
			[500, 3, 3],
		]);
		const ids = scg
			.state()
			.messageRequests.slice(-3)
			.map((request) => request.id);
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(messageCounts(recipients).size).toBe(2500);
	});

	test('Recipients per Request sets the chunk size', async () => {
		const recipients = numbers(5, '+1415');

		const { items } = await scg.run(
			create(recipients, { additionalFields: { recipientsPerRequest: 2 } }),
		);

		expect(creates().map((request) => (request.body as { to: string[] }).to)).toEqual([
			recipients.slice(0, 2),
			recipients.slice(2, 4),
			recipients.slice(4),
		]);
		expect(items.map((item) => item.json.to)).toEqual([
			recipients.slice(0, 2),
			recipients.slice(2, 4),
			recipients.slice(4),
		]);
	});

	test('a campaign that fails at its second message request sends, when run again, only the rest', async () => {
		const recipients = numbers(6, '+1415');
		const parameters = create(recipients, {
			additionalFields: { recipientsPerRequest: 2 },
			campaign: { campaignKey: 'ships' },
		});
		const match = { method: 'POST', path: '/messaging/message_requests' };
		scg.emulator().faults.inject({ type: 'latency', ms: 0, times: 1, match });
		scg.emulator().faults.inject({ type: 'status', status: 400, times: 1, match });

		const first = await scg.run(parameters);

		expect(first.error?.description).toContain('Message requests 1 to 1 of 3 were already created');
		expect([...messageCounts(recipients).keys()]).toEqual(recipients.slice(0, 2));

		scg.emulator().requests.length = 0;
		const second = await scg.run(parameters);

		expect(second.error).toBeUndefined();
		expect(creates().map((request) => (request.body as { to: string[] }).to)).toEqual([
			recipients.slice(2, 4),
			recipients.slice(4),
		]);
		expect(second.items.map((item) => item.json.skipped ?? item.json.recipientCount)).toEqual([
			2,
			2,
			true,
			true,
		]);
		expect(second.items[2].json).toMatchObject({
			recipient: recipients[0],
			reason: 'already sent in campaign "ships"',
		});
		const counts = messageCounts(recipients);
		expect(counts.size).toBe(6);
		expect([...counts.values()].every((count) => count === 1)).toBe(true);
	});

	test('a campaign where everyone was reached sends nothing and says so per recipient', async () => {
		const recipients = numbers(2, '+1415');
		const parameters = create(recipients, { campaign: { campaignKey: 'done' } });
		await scg.run(parameters);
		scg.emulator().requests.length = 0;

		const { items } = await scg.run(parameters);

		expect(creates()).toHaveLength(0);
		expect(items.map((item) => [item.json.recipient, item.json.skipped])).toEqual([
			[recipients[0], true],
			[recipients[1], true],
		]);
	});
});
