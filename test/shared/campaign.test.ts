/**
 * Campaigns on the one-recipient-per-item sends: a Campaign Key makes the node remember, in n8n's
 * processed data, every recipient a send reached, so running the campaign again sends only to the
 * others. Each run below is its own execution of the same node, as a user's re-run is.
 */
import type { INodeParameters } from 'n8n-workflow';

import { hologramSeed, vumiGoSeed } from '../../sandbox';
import { processedDataStore } from '../harness/n8n';
import { useHologram } from '../hologram/useHologram';
import { sentParameters, useHoiio } from '../hoiio/useHoiio';
import { useVumiGo } from '../vumiGo/useVumiGo';

const hoiio = useHoiio();
const vumi = useVumiGo();
const hologram = useHologram();

beforeEach(() => processedDataStore().clear());

const phones = [
	'+6581000001',
	'+6581000002',
	'+6581000003',
	'+6581000004',
	'+6581000005',
	'+6581000006',
];

const smsTo = (campaign: INodeParameters, requestOptions: INodeParameters = {}) => ({
	resource: 'sms',
	operation: 'send',
	to: '={{ $json.phone }}',
	message: 'Spring sale: 20% off this weekend',
	campaign,
	requestOptions,
});

/** How many SMS the emulator holds for each number (outgoing only). */
function smsCountByNumber(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const sms of hoiio.state().sms)
		if (sms.direction === 'outgoing' && phones.includes(sms.dest))
			counts[sms.dest] = (counts[sms.dest] ?? 0) + 1;
	return counts;
}

/** The first `sent` sends go through, every later one is refused by Hoiio (nothing is sent). */
function failAfter(sent: number) {
	hoiio
		.emulator()
		.faults.inject({ type: 'latency', ms: 0, times: sent, match: { path: '/sms/send' } });
	hoiio.emulator().faults.inject({
		type: 'status',
		status: 200,
		body: JSON.stringify({ status: 'error_insufficient_credit' }),
		match: { path: '/sms/send' },
	});
}

describe('Campaign: skip recipients already sent', () => {
	test('a campaign that failed halfway sends, when run again, only to the recipients not reached', async () => {
		const items = phones.map((phone) => ({ phone }));
		failAfter(3);

		const first = await hoiio.run(smsTo({ campaignKey: 'spring' }, { concurrency: 1 }), { items });

		expect(first.error?.message).toBe(
			'Hoiio: the account does not have enough credit: top it up in Hoiio',
		);
		expect(hoiio.requests()).toHaveLength(4);
		expect(smsCountByNumber()).toEqual({
			'+6581000001': 1,
			'+6581000002': 1,
			'+6581000003': 1,
		});
		// The refused send recorded nothing: only the three that went out are remembered.
		expect(await recordedCount()).toBe(3);

		hoiio.emulator().faults.clear();
		hoiio.emulator().requests.length = 0;
		const second = await hoiio.run(smsTo({ campaignKey: 'spring' }), { items });

		expect(second.error).toBeUndefined();
		expect(hoiio.requests().map((request) => sentParameters(request).dest)).toEqual(
			phones.slice(3),
		);
		expect(second.items.map((item) => [item.json.skipped ?? false, item.pairedItem])).toEqual(
			phones.map((_phone, index) => [index < 3, { item: index }]),
		);
		expect(second.items[0].json).toEqual({
			recipient: '+6581000001',
			status: 'skipped',
			skipped: true,
			reason: 'already sent in campaign "spring"',
			campaignKey: 'spring',
			encoding: 'GSM-7',
			characters: 33,
			segments: 1,
		});
		expect(second.items[3].json).toEqual({
			txn_ref: expect.stringMatching(/^AA-/),
			recipient: '+6581000004',
			status: 'sent',
			campaignKey: 'spring',
			encoding: 'GSM-7',
			characters: 33,
			segments: 1,
		});
		expect(smsCountByNumber()).toEqual(Object.fromEntries(phones.map((phone) => [phone, 1])));
		expect(second.hints).toEqual([
			{
				message: 'Recipients: 3 sent, 3 skipped, 0 failed; 3 SMS segments',
				type: 'info',
				location: 'outputPane',
			},
		]);
	});

	test('with Continue On Fail, failed recipients are error items, and the next run sends only to them', async () => {
		const items = phones.map((phone) => ({ phone }));
		hoiio.emulator().faults.inject({
			type: 'status',
			status: 200,
			body: JSON.stringify({ status: 'error_insufficient_credit' }),
			times: 2,
			match: { path: '/sms/send' },
		});

		const first = await hoiio.run(smsTo({ campaignKey: 'spring' }, { concurrency: 1 }), {
			items,
			continueOnFail: true,
		});

		expect(first.items.map((item) => (item.json.error ? 'failed' : 'sent'))).toEqual([
			'failed',
			'failed',
			'sent',
			'sent',
			'sent',
			'sent',
		]);
		expect(first.hints[0]).toEqual({
			message: 'Recipients: 4 sent, 0 skipped, 2 failed; 4 SMS segments',
			type: 'warning',
			location: 'outputPane',
		});

		const second = await hoiio.run(smsTo({ campaignKey: 'spring' }), { items });

		expect(second.items.map((item) => item.json.skipped === true)).toEqual([
			false,
			false,
			true,
			true,
			true,
			true,
		]);
		expect(smsCountByNumber()).toEqual(Object.fromEntries(phones.map((phone) => [phone, 1])));
	});

	test('two items of one run to the same recipient send one SMS, even side by side', async () => {
		const items = [phones[0], phones[1], phones[0], phones[1]].map((phone) => ({ phone }));

		const { items: output } = await hoiio.run(smsTo({ campaignKey: 'dup' }, { concurrency: 4 }), {
			items,
		});

		expect(smsCountByNumber()).toEqual({ '+6581000001': 1, '+6581000002': 1 });
		expect(output.filter((item) => item.json.skipped === true)).toHaveLength(2);
		expect(output.find((item) => item.json.skipped === true)?.json.reason).toBe(
			'already sent in campaign "dup" by another item of this run',
		);
	});

	test('campaigns are kept apart by their key', async () => {
		const items = phones.slice(0, 2).map((phone) => ({ phone }));
		await hoiio.run(smsTo({ campaignKey: 'spring' }), { items });

		const { items: output } = await hoiio.run(smsTo({ campaignKey: 'summer' }), { items });

		expect(output.every((item) => item.json.txn_ref !== undefined)).toBe(true);
		expect(smsCountByNumber()).toEqual({ '+6581000001': 2, '+6581000002': 2 });
	});

	test('with Skip Recipients Already Sent off, everyone is sent to again', async () => {
		const items = phones.slice(0, 2).map((phone) => ({ phone }));
		await hoiio.run(smsTo({ campaignKey: 'spring' }), { items });

		await hoiio.run(smsTo({ campaignKey: 'spring', skipAlreadySent: false }), { items });

		expect(smsCountByNumber()).toEqual({ '+6581000001': 2, '+6581000002': 2 });
	});

	test('without a Campaign Key nothing is remembered', async () => {
		const items = phones.slice(0, 2).map((phone) => ({ phone }));
		await hoiio.run(smsTo({}), { items });
		await hoiio.run(smsTo({}), { items });

		expect(smsCountByNumber()).toEqual({ '+6581000001': 2, '+6581000002': 2 });
		expect(processedDataStore().rowCount).toBe(0);
	});

	test('a recipient is the normalised number: "+65 8100 0001" and "+6581000001" are the same', async () => {
		await hoiio.run(smsTo({ campaignKey: 'spring' }), { items: [{ phone: '+65 8100 0001' }] });

		const { items } = await hoiio.run(smsTo({ campaignKey: 'spring' }), {
			items: [{ phone: '+6581000001' }],
		});

		expect(items[0].json).toMatchObject({ skipped: true, recipient: '+6581000001' });
		expect(smsCountByNumber()).toEqual({ '+6581000001': 1 });
	});
});

describe('Campaign on the other send operations', () => {
	test('Vumi Go: an opted-out recipient skipped by the provider is not recorded as sent', async () => {
		const [optedOut] = vumiGoSeed.optedOutMsisdns;
		const parameters = {
			resource: 'message',
			operation: 'sendText',
			toAddress: '={{ $json.to }}',
			content: 'Hello',
			additionalFields: { optedOut: 'skip' },
			campaign: { campaignKey: 'clinic' },
		};
		const items = [{ to: '+27821234567' }, { to: optedOut }];
		await vumi.run(parameters, { items });
		// The recipient opts back in before the campaign runs again.
		vumi.emulator().state.optouts = [];

		const { items: output } = await vumi.run(parameters, { items });

		expect(output[0].json).toMatchObject({
			skipped: true,
			reason: 'already sent in campaign "clinic"',
		});
		expect(output[1].json.message_id).toBeDefined();
		expect(vumi.state().outboundMessages.map((message) => message.to_addr)).toEqual([
			'+27821234567',
			optedOut,
		]);
	});

	test('Hologram: a message to a list of devices goes only to the devices not reached yet', async () => {
		const [first, second, third] = hologramSeed.deviceIds;
		const send = (deviceIds: string) => ({
			resource: 'deviceMessage',
			operation: 'send',
			deviceIds,
			protocol: 'TCP',
			port: 4010,
			encoding: 'text',
			message: 'firmware 2.1 available',
			campaign: { campaignKey: 'fw-2.1' },
		});
		await hologram.run(send(`${first},${second}`));

		const { items } = await hologram.run(send(`${first},${second},${third}`));

		expect(hologram.lastRequest().body).toMatchObject({ deviceids: [third] });
		expect(items.map((item) => item.json.deviceid ?? item.json.recipient)).toEqual([
			third,
			String(first),
			String(second),
		]);
		expect(items.slice(1).every((item) => item.json.skipped === true)).toBe(true);
		expect(
			hologram
				.state()
				.cloudMessages.map((message) => message.deviceid)
				.sort(),
		).toEqual([first, second, third].sort());
	});
});

async function recordedCount(): Promise<number> {
	return await processedDataStore().getProcessedDataCount(
		'node',
		{ node: { id: 'node-under-test' } as never, workflow: { id: 'test-workflow', active: false } },
		{ mode: 'entries' },
	);
}
