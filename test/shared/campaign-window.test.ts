/**
 * Send Window in real sends: each recipient is checked in their own time zone (from the number's
 * country code, or the item's Time Zone), one inside it is sent, one outside becomes a "deferred"
 * item with the next time the window opens and is neither sent nor remembered, so a later run sends
 * it. The clock is set per test (clock.ts); everything else runs for real.
 *
 * At 2026-03-04T14:00Z (a Wednesday) it is 22:00 in Singapore, 14:00 in London, 09:00 in New York,
 * 06:00 in Los Angeles and 01:00 on Thursday in Sydney.
 */
import type { INodeParameters } from 'n8n-workflow';

import { processedDataStore } from '../harness/n8n';
import { sentParameters, useHoiio } from '../hoiio/useHoiio';
import { SCG_API, useScg } from '../syniverseScg/useScg';
import { CONVERSATION_API, useVumiGo } from '../vumiGo/useVumiGo';
import { scgSeed } from '../../sandbox';
import { clockAt, realClock } from './campaign/clock';

const hoiio = useHoiio();
const scg = useScg();
const vumi = useVumiGo();

beforeEach(() => processedDataStore().clear());
afterEach(realClock);

const WEDNESDAY_1400_UTC = '2026-03-04T14:00:00Z';
const SINGAPORE = '+6581000001';
const LONDON = '+447700900001';
const NEW_YORK = '+12125550001';
const SYDNEY = '+61412345678';
const OFFICE_HOURS = {
	window: {
		start: '09:00',
		end: '20:00',
		days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
	},
};

const smsTo = (campaign: INodeParameters) => ({
	resource: 'sms',
	operation: 'send',
	to: '={{ $json.phone }}',
	message: 'Spring sale: 20% off this weekend',
	campaign,
});

/** The numbers the Hoiio emulator holds an outgoing SMS for, in order. */
const hoiioSentTo = () =>
	hoiio
		.state()
		.sms.filter((sms) => sms.direction === 'outgoing' && sms.date.startsWith('2026'))
		.map((sms) => sms.dest);

describe('Send Window on one-recipient sends (Hoiio → SMS → Send)', () => {
	test('each recipient is checked in their own zone: inside is sent, outside is deferred until the window opens', async () => {
		clockAt(WEDNESDAY_1400_UTC);

		const { items, hints, error } = await hoiio.run(
			smsTo({ campaignKey: 'spring', sendWindow: OFFICE_HOURS }),
			{ items: [{ phone: SINGAPORE }, { phone: LONDON }, { phone: NEW_YORK }] },
		);

		expect(error).toBeUndefined();
		expect(hoiioSentTo()).toEqual([LONDON, NEW_YORK]);
		expect(items.map((item) => [item.json.recipient, item.json.status])).toEqual([
			[SINGAPORE, 'deferred'],
			[LONDON, 'sent'],
			[NEW_YORK, 'sent'],
		]);
		expect(items[0].json).toEqual({
			recipient: SINGAPORE,
			status: 'deferred',
			opensAt: '2026-03-05T09:00:00+08:00',
			timeZone: 'Asia/Singapore',
			reason:
				'outside the send window (09:00–20:00, Mon–Fri) in Asia/Singapore; it opens at 2026-03-05T09:00:00+08:00',
			campaignKey: 'spring',
			encoding: 'GSM-7',
			characters: 33,
			segments: 1,
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(hints[0].message).toBe(
			'Recipients: 2 sent, 0 skipped, 0 failed, 1 deferred; 2 SMS segments',
		);
	});

	test('the next run, once the window has opened in Singapore, sends only the one deferred before', async () => {
		const items = [{ phone: SINGAPORE }, { phone: LONDON }, { phone: NEW_YORK }];
		clockAt(WEDNESDAY_1400_UTC);
		await hoiio.run(smsTo({ campaignKey: 'spring', sendWindow: OFFICE_HOURS }), { items });

		// Thursday 01:30 UTC: 09:30 in Singapore; London and New York are outside, but already sent.
		clockAt('2026-03-05T01:30:00Z');
		const second = await hoiio.run(smsTo({ campaignKey: 'spring', sendWindow: OFFICE_HOURS }), {
			items,
		});

		expect(hoiioSentTo()).toEqual([LONDON, NEW_YORK, SINGAPORE]);
		expect(second.items.map((item) => [item.json.recipient, item.json.status])).toEqual([
			[SINGAPORE, 'sent'],
			[LONDON, 'skipped'],
			[NEW_YORK, 'skipped'],
		]);
		expect(second.items[1].json.reason).toBe('already sent in campaign "spring"');
	});

	test('a window across midnight belongs to the day it opens, in each zone', async () => {
		clockAt(WEDNESDAY_1400_UTC);
		const overnight = { window: { start: '22:00', end: '06:00', days: 'Mon-Sun' } };

		const { items } = await hoiio.run(smsTo({ sendWindow: overnight }), {
			items: [{ phone: SINGAPORE }, { phone: SYDNEY }, { phone: LONDON }],
		});

		// 22:00 Wednesday in Singapore and 01:00 Thursday in Sydney are inside; 14:00 in London is not.
		expect(hoiioSentTo()).toEqual([SINGAPORE, SYDNEY]);
		expect(items[2].json).toMatchObject({
			recipient: LONDON,
			status: 'deferred',
			opensAt: '2026-03-04T22:00:00+00:00',
			timeZone: 'Europe/London',
		});
	});

	test("a country with several zones uses its default zone, and the item's Time Zone when it gives one", async () => {
		clockAt(WEDNESDAY_1400_UTC);
		const tenToEight = { window: { start: '10:00', end: '20:00', days: 'Mon-Fri' } };
		// Three Los Angeles numbers (area code 310): the +1 default is New York, where it is 09:00.
		const items = [
			{ phone: '+13105550001', timeZone: '' },
			{ phone: '+13105550002', timeZone: 'America/Los_Angeles' },
			{ phone: '+13105550003', timeZone: 'Europe/London' },
		];

		const { items: output } = await hoiio.run(
			smsTo({ sendWindow: tenToEight, timeZone: '={{ $json.timeZone }}' }),
			{ items },
		);

		expect(hoiioSentTo()).toEqual(['+13105550003']);
		expect(output[0].json).toMatchObject({
			status: 'deferred',
			timeZone: 'America/New_York',
			opensAt: '2026-03-04T10:00:00-05:00',
			reason:
				'outside the send window (10:00–20:00, Mon–Fri) in America/New_York (the default for +1 numbers); it opens at 2026-03-04T10:00:00-05:00',
		});
		expect(output[1].json).toMatchObject({
			status: 'deferred',
			timeZone: 'America/Los_Angeles',
			opensAt: '2026-03-04T10:00:00-08:00',
		});
		expect(output[2].json).toMatchObject({ recipient: '+13105550003', status: 'sent' });
	});

	test('an item Time Zone that is no zone is an error naming the item and the field, and nothing is sent', async () => {
		clockAt(WEDNESDAY_1400_UTC);

		const { error } = await hoiio.run(
			smsTo({ sendWindow: OFFICE_HOURS, timeZone: '={{ $json.timeZone }}' }),
			{
				items: [
					{ phone: LONDON, timeZone: 'Europe/London' },
					{ phone: NEW_YORK, timeZone: 'Mars/Olympus' },
				],
			},
		);

		expect(error?.message).toBe(
			'Item 1: "Time Zone" "Mars/Olympus" is not a time zone: use an IANA name such as Europe/Berlin or America/New_York',
		);
		expect(hoiioSentTo()).not.toContain(NEW_YORK);
	});

	test('a number whose country has no known zone is skipped with the reason, and not remembered', async () => {
		clockAt(WEDNESDAY_1400_UTC);

		const { items } = await hoiio.run(smsTo({ campaignKey: 'spring', sendWindow: OFFICE_HOURS }), {
			items: [{ phone: '+8823456789' }],
		});

		expect(hoiioSentTo()).toEqual([]);
		expect(items[0].json).toMatchObject({
			recipient: '+8823456789',
			status: 'skipped',
			reason:
				'the time zone of +8823456789 is not known from its country code: give the item a time zone',
		});
		expect(processedDataStore().rowCount).toBe(0);
	});

	test('a Send Window that is not one is an error naming the item and the field', async () => {
		const { error } = await hoiio.run(
			smsTo({ sendWindow: { window: { start: '9 am', end: '20:00', days: ['monday'] } } }),
			{ items: [{ phone: LONDON }] },
		);

		expect(error?.message).toBe('Item 0: "Send Window" start "9 am" is not a time (HH:mm)');
		expect(hoiioSentTo()).toEqual([]);
	});
});

describe('Send Window on bulk sends: only the recipients inside it are sent', () => {
	test('Hoiio Send Bulk from input items, three zones, each item with its Time Zone: one request with the recipients inside', async () => {
		clockAt(WEDNESDAY_1400_UTC);
		const people = [
			{ phone: '+6581000001', timeZone: 'Asia/Singapore' },
			{ phone: '+447700900001', timeZone: 'Europe/London' },
			{ phone: '+13105550001', timeZone: 'America/Los_Angeles' },
			{ phone: '+6581000002', timeZone: 'Asia/Singapore' },
			{ phone: '+447700900002', timeZone: 'Europe/London' },
			{ phone: '+12125550002', timeZone: 'America/New_York' },
		];

		const { items, error } = await hoiio.run(
			{
				resource: 'sms',
				operation: 'sendBulk',
				recipientSource: 'items',
				recipient: '={{ $json.phone }}',
				message: 'Store closes early today',
				campaign: {
					campaignKey: 'closing',
					sendWindow: OFFICE_HOURS,
					timeZone: '={{ $json.timeZone }}',
				},
			},
			{ items: people },
		);

		expect(error).toBeUndefined();
		const bulkRequests = hoiio.requests().filter((r) => r.pathname.endsWith('/sms/bulk_send'));
		expect(bulkRequests.map((request) => sentParameters(request).dest)).toEqual([
			'+447700900001,+447700900002,+12125550002',
		]);
		expect(items.map((item) => [item.json.recipient, item.json.status, item.pairedItem])).toEqual([
			['+6581000001', 'deferred', { item: 0 }],
			['+447700900001', 'sent', { item: 1 }],
			['+13105550001', 'deferred', { item: 2 }],
			['+6581000002', 'deferred', { item: 3 }],
			['+447700900002', 'sent', { item: 4 }],
			['+12125550002', 'sent', { item: 5 }],
		]);
		expect(items[2].json.opensAt).toBe('2026-03-04T09:00:00-08:00');
	});

	test('Syniverse SCG message requests carry only the numbers inside the window', async () => {
		clockAt(WEDNESDAY_1400_UTC);

		const { items, error } = await scg.run({
			resource: 'messageRequest',
			operation: 'create',
			sender: scgSeed.activeSenderId,
			messageType: 'SMS',
			recipients: [SINGAPORE, LONDON, NEW_YORK].join(','),
			message: 'Your order ships today',
			campaign: { sendWindow: OFFICE_HOURS },
		});

		expect(error).toBeUndefined();
		const created = scg
			.requests()
			.filter((r) => r.method === 'POST' && r.pathname === `${SCG_API}/messaging/message_requests`);
		expect(created.map((request) => (request.body as { to: string[] }).to)).toEqual([
			[LONDON, NEW_YORK],
		]);
		expect(items.map((item) => item.json.status)).toEqual(['sent', 'deferred']);
		expect(items[0].json).toMatchObject({ to: [LONDON, NEW_YORK], recipientCount: 2 });
		expect(items[1].json).toMatchObject({
			recipient: SINGAPORE,
			opensAt: '2026-03-05T09:00:00+08:00',
		});
	});

	test('Syniverse SCG refuses contacts and groups with a Send Window: their numbers are only known inside SCG', async () => {
		const { error } = await scg.run({
			resource: 'messageRequest',
			operation: 'create',
			sender: scgSeed.activeSenderId,
			messageType: 'SMS',
			recipients: `${LONDON}, group:${scgSeed.groupId}`,
			message: 'Hi',
			campaign: { sendWindow: OFFICE_HOURS },
		});

		expect(error?.message).toMatch(
			new RegExp(
				`^Item 0: "Recipients" has group:${scgSeed.groupId}: SCG expands contacts and groups itself`,
			),
		);
		expect(scg.requests().filter((r) => r.method === 'POST')).toHaveLength(0);
	});
});

describe('Send Window on Vumi Go sends', () => {
	test('Send Text places a number written with spaces in its zone: Johannesburg at 16:00 is sent, Singapore at 22:00 waits', async () => {
		clockAt(WEDNESDAY_1400_UTC);

		const { items } = await vumi.run(
			{
				resource: 'message',
				operation: 'sendText',
				toAddress: '={{ $json.phone }}',
				content: 'Your clinic visit is tomorrow',
				campaign: { sendWindow: OFFICE_HOURS },
			},
			{ items: [{ phone: '+27 82 123 4567' }, { phone: '+65 8100 0001' }] },
		);

		const sends = vumi.requests().filter((r) => r.pathname === `${CONVERSATION_API}/messages.json`);
		expect(sends.map((request) => (request.body as { to_addr: string }).to_addr)).toEqual([
			'+27821234567',
		]);
		expect(items.map((item) => [item.json.status, item.json.opensAt])).toEqual([
			['sent', undefined],
			['deferred', '2026-03-05T09:00:00+08:00'],
		]);
		expect(items[0].json).toMatchObject({ encoding: 'GSM-7', characters: 29, segments: 1 });
	});
});
