/**
 * Campaign → Dry Run: everything but the send. The checks, the numbers, the send window and the
 * campaign's record are looked at, and each recipient's item says what would happen ("would send",
 * "skipped", "deferred") with its segments and, for Hoiio, the estimated cost from Hoiio's SMS rate
 * (asked once per destination). The emulators record no send, n8n's record of the campaign is left
 * exactly as it was, and a real run afterwards is not affected.
 */
import type { INodeParameters } from 'n8n-workflow';

import { scgSeed, vumiGoSeed } from '../../sandbox';
import { processedDataStore } from '../harness/n8n';
import { useHologram } from '../hologram/useHologram';
import { sentParameters, useHoiio } from '../hoiio/useHoiio';
import { SCG_API, useScg } from '../syniverseScg/useScg';
import { CONVERSATION_API, VUMI_API, useVumiGo } from '../vumiGo/useVumiGo';
import { clockAt, realClock } from './campaign/clock';

const hoiio = useHoiio();
const scg = useScg();
const hologram = useHologram();
const vumi = useVumiGo();

beforeEach(() => processedDataStore().clear());
afterEach(realClock);

const LONDON_1 = '+447700900001';
const LONDON_2 = '+447700900002';
const NEW_YORK = '+12125550001';
const SINGAPORE = '+6581000001';
const everyone = [LONDON_1, LONDON_2, NEW_YORK, SINGAPORE];
const OFFICE_HOURS = { window: { start: '09:00', end: '20:00', days: 'Mon-Fri' } };

const bulk = (recipients: string[], campaign: INodeParameters) => ({
	resource: 'sms',
	operation: 'sendBulk',
	recipientSource: 'list',
	recipients: recipients.join(','),
	message: 'Store closes early today',
	campaign,
});

const hoiioCalls = () => hoiio.requests().map((request) => request.pathname.replace('/open/', ''));
const outgoingSms = () =>
	hoiio
		.state()
		.sms.filter((sms) => sms.bulk_txn_ref)
		.map((sms) => sms.dest);

describe('Dry Run', () => {
	test('Hoiio Send Bulk: each recipient says what would happen, with the cost; nothing is sent or recorded, and the real run after it sends', async () => {
		// 14:00 in London, 09:00 in New York, 22:00 in Singapore; London 2 was sent to before.
		clockAt('2026-03-04T14:00:00Z');
		await hoiio.run(bulk([LONDON_2], { campaignKey: 'closing' }));
		const recordBefore = processedDataStore().snapshot();
		const smsBefore = hoiio.state().sms.length;
		hoiio.emulator().requests.length = 0;

		const dryRun = await hoiio.run(
			bulk(everyone, { campaignKey: 'closing', sendWindow: OFFICE_HOURS, dryRun: true }),
		);

		expect(dryRun.error).toBeUndefined();
		// Only the rates were asked, once per destination country; no send.
		expect(hoiioCalls()).toEqual(['sms/get_rate', 'sms/get_rate']);
		expect(hoiio.requests().map((request) => sentParameters(request).dest)).toEqual([
			LONDON_1,
			NEW_YORK,
		]);
		expect(hoiio.state().sms).toHaveLength(smsBefore);
		expect(processedDataStore().snapshot()).toBe(recordBefore);
		const preview = { encoding: 'GSM-7', characters: 24, segments: 1, campaignKey: 'closing' };
		expect(dryRun.items.map((item) => item.json)).toEqual([
			{
				recipient: LONDON_1,
				status: 'would send',
				estimatedCost: 0.045,
				currency: 'SGD',
				...preview,
			},
			{
				recipient: LONDON_2,
				status: 'skipped',
				skipped: true,
				reason: 'already sent in campaign "closing"',
				...preview,
			},
			{
				recipient: NEW_YORK,
				status: 'would send',
				estimatedCost: 0.02,
				currency: 'SGD',
				...preview,
			},
			expect.objectContaining({
				recipient: SINGAPORE,
				status: 'deferred',
				opensAt: '2026-03-05T09:00:00+08:00',
			}),
		]);
		expect(dryRun.hints).toEqual([
			{
				message:
					'Dry run: 2 would send, 1 skipped, 1 deferred; 2 SMS segments; estimated cost SGD 0.065',
				type: 'info',
				location: 'outputPane',
			},
		]);

		const real = await hoiio.run(
			bulk(everyone, { campaignKey: 'closing', sendWindow: OFFICE_HOURS }),
		);

		expect(real.items.map((item) => item.json.status)).toEqual([
			'sent',
			'skipped',
			'sent',
			'deferred',
		]);
		expect(outgoingSms()).toEqual([LONDON_2, LONDON_1, NEW_YORK]);
	});

	test('a dry run of a campaign the node never sent writes nothing to n8n’s record, and the first real run sends to everyone', async () => {
		const dryRun = await hoiio.run(bulk(everyone, { campaignKey: 'launch', dryRun: true }));

		expect(dryRun.items.every((item) => item.json.status === 'would send')).toBe(true);
		expect(processedDataStore().rowCount).toBe(0);

		const real = await hoiio.run(bulk(everyone, { campaignKey: 'launch' }));

		expect(real.items.every((item) => item.json.status === 'sent')).toBe(true);
		expect(outgoingSms()).toEqual(everyone);
	});

	test('one-recipient sends ask the rate once per destination and price a two-segment text twice', async () => {
		const { items, hints } = await hoiio.run(
			{
				resource: 'sms',
				operation: 'send',
				to: '={{ $json.phone }}',
				message: 'x'.repeat(200),
				campaign: { dryRun: true },
			},
			{ items: [{ phone: '+6581000001' }, { phone: '+6581000002' }, { phone: '+6581000003' }] },
		);

		expect(hoiioCalls()).toEqual(['sms/get_rate']);
		expect(
			items.map((item) => [item.json.status, item.json.segments, item.json.estimatedCost]),
		).toEqual([
			['would send', 2, 0.064],
			['would send', 2, 0.064],
			['would send', 2, 0.064],
		]);
		expect(hints[0].message).toBe(
			'Dry run: 3 would send; 6 SMS segments; estimated cost SGD 0.192',
		);
	});

	test('Syniverse SCG: no message request is created; each number says it would be sent', async () => {
		const { items } = await scg.run({
			resource: 'messageRequest',
			operation: 'create',
			sender: scgSeed.activeSenderId,
			messageType: 'SMS',
			recipients: `${LONDON_1},${NEW_YORK}`,
			message: 'Your order ships today',
			campaign: { campaignKey: 'ships', dryRun: true },
		});

		expect(
			scg.requests().filter((r) => r.pathname === `${SCG_API}/messaging/message_requests`),
		).toHaveLength(0);
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({ recipient: LONDON_1, status: 'would send', segments: 1 }),
			expect.objectContaining({ recipient: NEW_YORK, status: 'would send', segments: 1 }),
		]);
	});

	test('Vumi Go Send Text: the opt-out list is asked about each recipient; an opted-out one is skipped, nothing is sent', async () => {
		const [optedOut] = vumiGoSeed.optedOutMsisdns;
		const reachable = '+27710000001';

		const { items } = await vumi.run(
			{
				resource: 'message',
				operation: 'sendText',
				toAddress: '={{ $json.to }}',
				content: 'The clinic opens at 08:00 on Saturday',
				campaign: { campaignKey: 'clinic', dryRun: true },
			},
			{ items: [{ to: reachable }, { to: optedOut }] },
		);

		expect(vumi.requests().map((request) => `${request.method} ${request.pathname}`)).toEqual([
			`GET ${VUMI_API}/optouts/msisdn/${encodeURIComponent(reachable)}`,
			`GET ${VUMI_API}/optouts/msisdn/${encodeURIComponent(optedOut)}`,
		]);
		expect(
			vumi.requests().filter((request) => request.pathname === `${CONVERSATION_API}/messages.json`),
		).toHaveLength(0);
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({ recipient: reachable, status: 'would send', segments: 1 }),
			expect.objectContaining({
				recipient: optedOut,
				status: 'skipped',
				reason: "opted out: the provider's opt-out list has it",
			}),
		]);
	});

	test('Hologram SMS to a device: the device is not messaged; the item says it would be, with the segments', async () => {
		const { items, hints } = await hologram.run({
			resource: 'sms',
			operation: 'send',
			deviceId: 3002,
			encoding: 'text',
			message: 'Reboot now',
			campaign: { dryRun: true },
		});

		expect(hologram.requests()).toHaveLength(0);
		expect(items[0].json).toEqual({
			recipient: '3002',
			status: 'would send',
			encoding: 'GSM-7',
			characters: 10,
			segments: 1,
		});
		expect(hints[0].message).toBe('Dry run: 1 would send; 1 SMS segment');
	});
});
