/**
 * What campaigns need from the triggers: a delivery report names the campaign and the recipient of
 * the send it reports on (Hoiio: from the report URL's parameter; SCG: from the message request's
 * external ID), and an inbound message whose whole text is an opt-out or opt-in keyword says so.
 * Vumi Go hands nothing of a send back but its message ID (see the Vumi Go Trigger's notice); its
 * trigger can put whoever texts STOP on Vumi Go's own opt-out list.
 */
import { hoiioSeed, scgSeed, vumiGoSeed } from '../../sandbox';
import type { RunningWebhookTrigger } from '../harness/n8n';
import { processedDataStore, startWebhookTrigger } from '../harness/n8n';
import { sentParameters, useHoiio } from '../hoiio/useHoiio';
import { useHoiioTriggers } from '../hoiio/useHoiioTrigger';
import { SCG_API, useScg } from '../syniverseScg/useScg';
import { VUMI_API, useVumiGo } from '../vumiGo/useVumiGo';

const hoiio = useHoiio();
const hoiioTriggers = useHoiioTriggers(() => hoiio.credentials());
const scg = useScg();
const vumi = useVumiGo();

let running: RunningWebhookTrigger | undefined;
beforeEach(() => processedDataStore().clear());
afterEach(async () => {
	await running?.deactivate();
	running = undefined;
});

const oddlyWritten = [
	['  stop ', { optOut: true, optIn: false }],
	['Stop!', { optOut: true, optIn: false }],
	['unSubscribe', { optOut: true, optIn: false }],
	['START', { optOut: false, optIn: true }],
	['please stop texting me', { optOut: false, optIn: false }],
] as const;

describe('Delivery reports tied back to the campaign', () => {
	test('Hoiio: a bulk send of a campaign reports each number with its campaign key, carried in the report URL', async () => {
		const trigger = await hoiioTriggers.start({ events: ['smsStatus'] });
		const recipients = ['+6581000001', '+6581000002'];

		await hoiio.run({
			resource: 'sms',
			operation: 'sendBulk',
			recipientSource: 'list',
			recipients: recipients.join(','),
			message: 'Store closes early today',
			additionalFields: { notifyTrigger: trigger.url },
			campaign: { campaignKey: 'closing-day' },
		});
		await hoiio.emulator().flushNotifications();
		const runs = await trigger.waitForRuns(2);

		const sent = sentParameters(hoiio.lastRequest());
		expect(new URL(String(sent.notify_url)).searchParams.get('n8n_campaign')).toBe('closing-day');
		// Hoiio's own tag holds the key too, as the user gave none, so Get Status shows it.
		expect(sent.tag).toBe('closing-day');
		expect(runs.map((run) => run.items[0][0].json)).toEqual(
			recipients.map((recipient) =>
				expect.objectContaining({
					event: 'smsStatus',
					sms_status: 'delivered',
					recipient,
					campaignKey: 'closing-day',
				}),
			),
		);
		expect(runs[0].items[0][0].json.n8n_campaign).toBeUndefined();
	});

	test('Hoiio: a tag of the user’s own is kept; the campaign still travels in the report URL', async () => {
		const trigger = await hoiioTriggers.start({ events: ['smsStatus'] });

		await hoiio.run({
			resource: 'sms',
			operation: 'send',
			to: '+6581000001',
			message: 'Hello',
			additionalFields: { notifyTrigger: trigger.url, tag: 'order-17' },
			campaign: { campaignKey: 'spring' },
		});
		await hoiio.emulator().flushNotifications();
		const [run] = await trigger.waitForRuns(1);

		expect(run.items[0][0].json).toMatchObject({
			tag: 'order-17',
			campaignKey: 'spring',
			recipient: '+6581000001',
		});
	});

	test('Syniverse SCG: the campaign key goes out as the request’s external ID and comes back with each message’s state', async () => {
		running = await startWebhookTrigger({
			node: 'syniverseScgTrigger',
			parameters: { events: ['message_state_change'] },
			credentials: scg.credentials(),
		});

		await scg.run({
			resource: 'messageRequest',
			operation: 'create',
			sender: scgSeed.activeSenderId,
			messageType: 'SMS',
			recipients: '+14085551212,+14085551213',
			message: 'Your order ships today',
			campaign: { campaignKey: 'ships-today' },
		});
		await scg.emulator().flush();
		await running.waitForRuns(4);

		const created = scg
			.requests()
			.find((r) => r.pathname === `${SCG_API}/messaging/message_requests`);
		expect(created?.body).toMatchObject({ external_id: 'ships-today' });
		const delivered = running.runs
			.map((run) => run.items[0][0].json)
			.filter((item) => item.state === 'DELIVERED');
		expect(delivered.map((item) => [item.recipient, item.campaignKey]).sort()).toEqual([
			['+14085551212', 'ships-today'],
			['+14085551213', 'ships-today'],
		]);
	});

	test('Syniverse SCG: an External ID that differs from the Campaign Key is refused before sending', async () => {
		const { error } = await scg.run({
			resource: 'messageRequest',
			operation: 'create',
			sender: scgSeed.activeSenderId,
			messageType: 'SMS',
			recipients: '+14085551212',
			message: 'Hi',
			additionalFields: { externalId: 'order-17' },
			campaign: { campaignKey: 'ships-today' },
		});

		expect(error?.message).toMatch(/^Item 0: "External ID" and the Campaign Key are both set/);
		expect(scg.requests().filter((r) => r.method === 'POST')).toHaveLength(0);
	});
});

describe('Opt-out keywords in inbound messages', () => {
	test.each(oddlyWritten)('Hoiio: an incoming SMS %j', async (text, expected) => {
		const trigger = await hoiioTriggers.start({
			events: ['incomingSms'],
			hoiioNumber: hoiioSeed.usNumber,
		});

		hoiio
			.emulator()
			.simulateIncomingSms({ from: '+6598765432', to: hoiioSeed.usNumber, msg: text });
		await hoiio.emulator().flushNotifications();
		const [run] = await trigger.waitForRuns(1);

		expect(run.items[0][0].json).toMatchObject({ msg: text, ...expected });
	});

	test('Hoiio: the lists are the user’s to change', async () => {
		const trigger = await hoiioTriggers.start({
			events: ['incomingSms'],
			hoiioNumber: hoiioSeed.usNumber,
			optOutKeywords: 'ARRET, stop all',
			optInKeywords: 'commencer',
		});

		for (const msg of ['arrêt', ' Arret ', 'STOP  ALL', 'Commencer', 'STOP'])
			hoiio.emulator().simulateIncomingSms({ from: '+6598765432', to: hoiioSeed.usNumber, msg });
		await hoiio.emulator().flushNotifications();
		const runs = await trigger.waitForRuns(5);

		expect(
			runs.map((run) => [
				run.items[0][0].json.msg,
				run.items[0][0].json.optOut,
				run.items[0][0].json.optIn,
			]),
		).toEqual([
			['arrêt', false, false],
			[' Arret ', true, false],
			['STOP  ALL', true, false],
			['Commencer', false, true],
			['STOP', false, false],
		]);
	});

	test('Hoiio: a keyword in both lists fails the activation', async () => {
		await expect(
			hoiioTriggers.start({
				events: ['incomingSms'],
				hoiioNumber: hoiioSeed.usNumber,
				optOutKeywords: 'STOP, END',
				optInKeywords: 'end',
			}),
		).rejects.toThrow('Opt-out keywords: "END" cannot be both an opt-out and an opt-in keyword');
	});

	test.each(oddlyWritten)('Syniverse SCG: an inbound message %j', async (text, expected) => {
		running = await startWebhookTrigger({
			node: 'syniverseScgTrigger',
			parameters: { events: ['mo_message_received'] },
			credentials: scg.credentials(),
		});

		scg.emulator().simulateInboundMessage({ from: '+14085551212', to: '+15552223561', body: text });
		await scg.emulator().flush();
		const [run] = await running.waitForRuns(1);

		expect(run.items[0][0].json).toMatchObject({ body: text, ...expected });
	});

	test.each(oddlyWritten)('Vumi Go: an inbound message %j', async (text, expected) => {
		running = await startWebhookTrigger({
			node: 'vumiGoTrigger',
			parameters: { events: ['message'] },
			credentials: {},
		});
		vumi.emulator().configureConversation(vumiGoSeed.conversationKeys.sms, {
			push_message_url: running.url,
		});

		vumi.emulator().simulateInboundMessage(vumiGoSeed.conversationKeys.sms, {
			from_addr: '+27821234567',
			content: text,
		});
		const [run] = await running.waitForRuns(1);

		expect(run.items[0][0].json).toMatchObject({ content: text, ...expected });
	});

	test('Vumi Go: with Record Opt-Outs, STOP puts the sender on the opt-out list and START takes them off', async () => {
		const sender = '+27821234567';
		const optedOut = () => vumi.state().optouts.some((record) => record.address === sender);
		running = await startWebhookTrigger({
			node: 'vumiGoTrigger',
			parameters: { events: ['message'], recordOptOuts: true },
			credentials: { vumiGoApi: vumi.credentials().vumiGoApi },
		});
		vumi.emulator().configureConversation(vumiGoSeed.conversationKeys.sms, {
			push_message_url: running.url,
		});

		vumi.emulator().simulateInboundMessage(vumiGoSeed.conversationKeys.sms, {
			from_addr: sender,
			content: 'Stop ',
		});
		const [stop] = await running.waitForRuns(1);

		expect(stop.items[0][0].json).toMatchObject({ optOut: true, optOutRecorded: true });
		expect(optedOut()).toBe(true);
		expect(vumi.calls()).toContain(`PUT /optouts/msisdn/${encodeURIComponent(sender)}`);

		vumi.emulator().simulateInboundMessage(vumiGoSeed.conversationKeys.sms, {
			from_addr: sender,
			content: 'start',
		});
		const [, start] = await running.waitForRuns(2);

		expect(start.items[0][0].json).toMatchObject({ optIn: true, optOutRemoved: true });
		expect(optedOut()).toBe(false);
		expect(
			vumi.requests().filter((r) => r.pathname.startsWith(`${VUMI_API}/optouts`)),
		).toHaveLength(2);
	});
});
