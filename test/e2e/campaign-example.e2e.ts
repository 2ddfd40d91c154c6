/**
 * The scheduled Hoiio campaign of examples/, in a real n8n, as `npm start` imports it: recipients in an n8n
 * Data Table, Send Bulk with a Campaign Key, a Send Window in each recipient's time zone and Skip Recipients
 * Already Sent, statuses written back to the rows, delivery reports into the same rows, and an inbound STOP
 * into the opt-out table that the campaign leaves out.
 *
 * 2,000 recipients in three zones (Singapore, London, New York). The first run's window is the two hours from
 * London's current hour, so only London is inside: its recipients are sent, the others deferred. The second
 * run's window is the whole week, so everyone is inside, and only the deferred are sent, less the one who
 * answered STOP in between. The emulator then holds exactly one SMS per recipient.
 *
 * The Syniverse SCG campaign example is run the same way with 30 recipients: one message request each, the
 * campaign key in its External ID, and the SCG Trigger's message states and inbound STOP written to the tables.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

import type { Workflow } from './n8n-client';
import { N8n, SandboxControl } from './n8n-client';

interface HoiioState {
	sms: { dest: string; bulk_txn_ref?: string; sms_status: string }[];
}

interface RecipientRow {
	phone: string;
	timeZone: string;
	status: string | null;
	opensAt: string | null;
	campaignKey: string | null;
	deliveryState: string | null;
}

const n8n = new N8n();
const hoiio = new SandboxControl('hoiio');
const CAMPAIGN_NUMBER = '+12015550102';
const SEND_NODE = 'Send Campaign SMS';

jest.setTimeout(600_000);

/** `count` numbers: a prefix and a running number of `digits` digits. */
const numbers = (count: number, prefix: string, digits: number) =>
	Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(digits, '0')}`);

const singapore = numbers(700, '+6580', 6);
const london = numbers(650, '+447700', 6);
const newYork = numbers(650, '+1212', 7);
const everyone = [...singapore, ...london, ...newYork];
const zoneOf = (phone: string) =>
	phone.startsWith('+65')
		? 'Asia/Singapore'
		: phone.startsWith('+44')
			? 'Europe/London'
			: 'America/New_York';

/** The columns of an example's Data Table, as `npm start` makes it (examples/data-tables/). */
function columnsOf(template: string): { name: string; type: string }[] {
	const file = join(__dirname, '..', '..', 'examples', 'data-tables', `${template}.json`);
	return (JSON.parse(readFileSync(file, 'utf8')) as { columns: { name: string; type: string }[] })
		.columns;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The two hours from London's current hour: London is inside, Singapore and New York are not. */
function londonWindow() {
	const hour = Number(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/London',
			hour: '2-digit',
			hourCycle: 'h23',
		}).format(new Date()),
	);
	return { start: `${pad(hour)}:00`, end: `${pad((hour + 2) % 24)}:00` };
}

const everyDay = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function setWindow(workflow: Workflow, window: { start: string; end: string }) {
	const send = workflow.nodes.find((node) => node.name === SEND_NODE);
	if (!send) throw new Error(`The example has no node ${SEND_NODE}`);
	const campaign = send.parameters.campaign as Record<string, unknown>;
	campaign.sendWindow = { window: { ...window, days: everyDay } };
}

/**
 * A Data Table as n8n's editor shows it, once the given texts are on its first page. On n8n 2.x the picture
 * goes to docs/ (the README's), on other versions to .build/.
 */
async function screenshotTable(tableId: string, texts: string[], name: string): Promise<void> {
	const project = await n8n.rest<{ data: { id: string } }>('GET', '/projects/personal');
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 2200, height: 760 } });
		page.setDefaultTimeout(60_000);
		await page.goto(`${n8n.url}/signin`);
		await page.locator('[data-test-id="emailOrLdapLoginId"] input').fill(n8n.facts.owner.email);
		await page.locator('[data-test-id="password"] input').fill(n8n.facts.owner.password);
		await page.locator('[data-test-id="form-submit-button"]').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		await page.goto(`${n8n.url}/projects/${project.json.data.id}/datatables/${tableId}`);
		for (const text of texts) await page.getByText(text, { exact: true }).first().waitFor();
		const screenshotPath =
			n8n.major === 2
				? join(__dirname, '..', '..', 'docs', `${name}.png`)
				: join(__dirname, '..', '..', '.build', `${name}-n8n-${n8n.facts.n8nVersion}.png`);
		mkdirSync(dirname(screenshotPath), { recursive: true });
		await page.screenshot({ path: screenshotPath });
	} finally {
		await browser.close();
	}
}

async function controlHoiio(action: string, body: Record<string, unknown> = {}): Promise<void> {
	const response = await fetch(`${new URL(hoiio.baseUrl).origin}/__sandbox/hoiio/${action}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (response.status >= 300) throw new Error(`/__sandbox/hoiio/${action}: ${response.status}`);
}

/** The campaign's SMS the emulator holds, by number. */
async function smsCounts(): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const sms of (await hoiio.state<HoiioState>()).sms)
		if (sms.bulk_txn_ref && everyone.includes(sms.dest))
			counts.set(sms.dest, (counts.get(sms.dest) ?? 0) + 1);
	return counts;
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean) {
	const deadline = Date.now() + 240_000;
	for (;;) {
		const value = await read();
		if (done(value)) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}

describe('The scheduled Hoiio campaign example, with 2,000 recipients in three time zones', () => {
	const tables: Record<string, string> = {};
	let campaign: { id: string; workflow: Workflow };

	beforeAll(async () => {
		await hoiio.reset();
		// Reports go out when the test flushes them, after each run, not while it writes its statuses.
		await controlHoiio('notify-delay', { ms: 'manual' });
		tables.campaign_recipients = await n8n.createDataTable(
			'campaign_recipients',
			columnsOf('campaign_recipients'),
			everyone.map((phone) => ({ phone, timeZone: zoneOf(phone) })),
		);
		tables.campaign_opt_outs = await n8n.createDataTable(
			'campaign_opt_outs',
			columnsOf('campaign_opt_outs'),
		);
		await n8n.importExample('hoiio-campaign-reports-and-opt-outs.json', { dataTables: tables });
		// Run by hand here: on its schedule it would send between the test's steps.
		campaign = await n8n.importExample('hoiio-campaign-send-every-15-minutes.json', {
			dataTables: tables,
			change: (workflow) => {
				workflow.active = false;
				setWindow(workflow, londonWindow());
			},
		});
	});

	afterAll(async () => {
		// The emulator's own delay (sandbox/hoiio/emulator.ts), as the other tests expect it.
		await controlHoiio('notify-delay', { ms: 5 });
		await n8n.cleanUp();
		for (const id of Object.values(tables)) await n8n.deleteDataTable(id).catch(() => undefined);
	});

	const rows = () => n8n.dataTableRows<RecipientRow>(tables.campaign_recipients);

	it('sends to those inside their window, defers the others, and the delivery reports reach the rows', async () => {
		const run = await n8n.runManually(campaign.id, 'Every 15 Minutes', 300_000);

		expect(run.status).toBe('success');
		const counts = await smsCounts();
		expect([...counts.keys()].sort()).toEqual([...london].sort());
		expect([...counts.values()].every((count) => count === 1)).toBe(true);
		const afterRun = await rows();
		expect(afterRun).toHaveLength(2000);
		for (const row of afterRun) {
			if (london.includes(row.phone))
				expect(row).toMatchObject({ status: 'sent', campaignKey: 'spring-sale' });
			else
				expect(row).toMatchObject({
					status: 'deferred',
					opensAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
				});
		}

		await controlHoiio('flush');
		await until(
			'the delivery reports of the London recipients',
			() => n8n.dataTableCount(tables.campaign_recipients, { deliveryState: 'delivered' }),
			(count) => count >= london.length,
		);
		const delivered = await n8n.dataTableRows<RecipientRow>(tables.campaign_recipients, {
			deliveryState: 'delivered',
		});
		expect(delivered.map((row) => row.phone).sort()).toEqual([...london].sort());
	});

	it('leaves out a number that answered STOP, and the next run (everyone inside) sends only the deferred ones', async () => {
		const stopper = singapore[0];
		await controlHoiio('incoming-sms', { from: stopper, to: CAMPAIGN_NUMBER, msg: ' Stop ' });
		await controlHoiio('flush');
		await until(
			'the opt-out of the number that answered STOP',
			() => n8n.dataTableRows(tables.campaign_opt_outs, { phone: stopper }),
			(found) => found.length === 1,
		);

		setWindow(campaign.workflow, { start: '00:00', end: '24:00' });
		await n8n.updateWorkflow(campaign.id, campaign.workflow);
		const run = await n8n.runManually(campaign.id, 'Every 15 Minutes', 300_000);

		expect(run.status).toBe('success');
		const counts = await smsCounts();
		const reached = everyone.filter((phone) => phone !== stopper);
		expect([...counts.keys()].sort()).toEqual(reached.sort());
		expect([...counts.values()].every((count) => count === 1)).toBe(true);
		// London was sent before and is no longer read; the campaign's record would skip it anyway.
		const sends = (await hoiio.requests()).filter((request) =>
			request.pathname.endsWith('/sms/bulk_send'),
		);
		expect(sends).toHaveLength(3);

		await controlHoiio('flush');
		const delivered = await until(
			'the delivery reports of every recipient but the one who opted out',
			() => n8n.dataTableCount(tables.campaign_recipients, { deliveryState: 'delivered' }),
			(count) => count >= reached.length,
		);
		expect(delivered).toBe(reached.length);
		const [stopperRow] = await n8n.dataTableRows<RecipientRow>(tables.campaign_recipients, {
			phone: stopper,
		});
		expect(stopperRow).toMatchObject({ status: 'deferred', deliveryState: null });
	});

	it('shows the finished table in the editor', async () => {
		// The first page: Singapore, the one who answered STOP still deferred, the others delivered.
		await screenshotTable(
			tables.campaign_recipients,
			[singapore[1], 'delivered'],
			'campaign-table',
		);
	});
});

describe('The scheduled Syniverse SCG campaign example', () => {
	const scg = new SandboxControl('syniverseScg');
	const tables: Record<string, string> = {};
	let campaign: { id: string; workflow: Workflow };
	// Ten numbers in each zone; SCG sends one message request per recipient here.
	const people = [
		...numbers(10, '+6591', 6),
		...numbers(10, '+447711', 6),
		...numbers(10, '+1646', 7),
	];
	const inLondon = people.filter((phone) => phone.startsWith('+44'));
	const scgControl = async (action: string, body: Record<string, unknown> = {}) => {
		const response = await fetch(
			`${new URL(scg.baseUrl).origin}/__sandbox/syniverseScg/${action}`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			},
		);
		if (response.status >= 300)
			throw new Error(`/__sandbox/syniverseScg/${action}: ${response.status}`);
	};
	const messagesTo = async () =>
		(await scg.state<{ messages: { to_address: string; direction?: string }[] }>()).messages
			.map((message) => message.to_address)
			.filter((address) => people.includes(address));
	const delivered = () =>
		n8n.dataTableCount(tables.scg_campaign_recipients, { deliveryState: 'DELIVERED' });

	beforeAll(async () => {
		await scg.reset();
		// Message progress (and so the delivery reports) waits for the test's flush, as in syniverseScg.e2e.ts.
		await scgControl('settings', { autoProgress: false });
		tables.scg_campaign_recipients = await n8n.createDataTable(
			'scg_campaign_recipients',
			columnsOf('scg_campaign_recipients'),
			people.map((phone) => ({ phone, timeZone: zoneOf(phone) })),
		);
		tables.campaign_opt_outs = await n8n.createDataTable(
			'scg_campaign_opt_outs',
			columnsOf('campaign_opt_outs'),
		);
		await n8n.importExample('syniverseScg-campaign-reports-and-opt-outs.json', {
			dataTables: tables,
		});
		campaign = await n8n.importExample('syniverseScg-campaign-send-every-15-minutes.json', {
			dataTables: tables,
			change: (workflow) => {
				workflow.active = false;
				setWindow(workflow, londonWindow());
			},
		});
	});

	afterAll(async () => {
		await n8n.cleanUp();
		for (const id of Object.values(tables)) await n8n.deleteDataTable(id).catch(() => undefined);
	});

	it('sends inside the window, defers the rest, ties each delivery report to its row, and leaves out a STOP', async () => {
		const first = await n8n.runManually(campaign.id, 'Every 15 Minutes', 120_000);

		expect(first.status).toBe('success');
		await scgControl('flush');
		expect((await messagesTo()).sort()).toEqual([...inLondon].sort());
		await until('the London delivery reports', delivered, (count) => count >= inLondon.length);

		const stopper = people[0];
		await scgControl('inbound', { from: stopper, to: '+15552223561', body: 'stop!' });
		await scgControl('flush');
		await until(
			'the opt-out',
			() => n8n.dataTableCount(tables.campaign_opt_outs, { phone: stopper }),
			(count) => count === 1,
		);
		setWindow(campaign.workflow, { start: '00:00', end: '24:00' });
		await n8n.updateWorkflow(campaign.id, campaign.workflow);
		const second = await n8n.runManually(campaign.id, 'Every 15 Minutes', 120_000);

		expect(second.status).toBe('success');
		await scgControl('flush');
		const reached = people.filter((phone) => phone !== stopper);
		expect((await messagesTo()).sort()).toEqual([...reached].sort());
		await until('every delivery report', delivered, (count) => count >= reached.length);
		const rows = await n8n.dataTableRows<RecipientRow>(tables.scg_campaign_recipients);
		expect(
			rows
				.filter((row) => row.deliveryState === 'DELIVERED')
				.map((row) => row.phone)
				.sort(),
		).toEqual([...reached].sort());
		expect(rows.find((row) => row.phone === stopper)).toMatchObject({ status: 'deferred' });
		// The README's picture: the rows sent, delivered, and the one who answered STOP still deferred.
		await screenshotTable(
			tables.scg_campaign_recipients,
			[stopper, 'deferred'],
			'campaign-table-scg',
		);
	});
});

describe('The Vumi Go campaign example that keeps message IDs for the delivery reports', () => {
	const vumi = new SandboxControl('vumiGo');
	const tables: Record<string, string> = {};
	const recipients = ['+27710000001', '+27710000002', '+27710000003'];
	interface SentRow {
		messageId: string;
		recipient: string | null;
		campaignKey: string | null;
		deliveryState: string | null;
	}

	beforeAll(async () => {
		await vumi.reset();
		tables.vumi_go_sent_messages = await n8n.createDataTable(
			'vumi_go_sent_messages',
			columnsOf('vumi_go_sent_messages'),
		);
		const { workflow } = await n8n.importExample('vumiGo-campaign-track-message-ids.json', {
			dataTables: tables,
		});
		// What a user does in Vumi Go: paste the trigger's production URL into the push event URL.
		const trigger = workflow.nodes.find((node) => node.name === 'Delivery Reports');
		const response = await fetch(
			`${new URL(vumi.baseUrl).origin}/__sandbox/vumiGo/conversations/conv-sms-1/config`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					push_event_url: `${n8n.url}/webhook/${trigger?.webhookId}/webhook`,
				}),
			},
		);
		expect(response.status).toBe(200);
	});

	afterAll(async () => {
		await n8n.cleanUp();
		for (const id of Object.values(tables)) await n8n.deleteDataTable(id).catch(() => undefined);
	});

	it('ties each delivery report, which names only a message ID, to its recipient and campaign', async () => {
		const answer = await n8n.webhook('POST', 'vumi-go/campaign-send', {
			recipients,
			message: 'Clinic opens at 08:00 on Saturday',
			campaignKey: 'clinic-saturday',
		});
		expect(answer.status).toBe(200);

		const sent = (
			await vumi.state<{ outboundMessages: { message_id: string; to_addr: string }[] }>()
		).outboundMessages.filter((message) => recipients.includes(message.to_addr));
		expect(sent.map((message) => message.to_addr).sort()).toEqual([...recipients].sort());
		const rows = await until(
			'a delivery state in every message row',
			() => n8n.dataTableRows<SentRow>(tables.vumi_go_sent_messages),
			(found) => found.length === 3 && found.every((row) => row.deliveryState && row.recipient),
		);
		const byId = <T extends { messageId: string }>(list: T[]) =>
			[...list].sort((a, b) => a.messageId.localeCompare(b.messageId));
		expect(
			byId(rows).map(({ messageId, recipient, campaignKey, deliveryState }) => ({
				messageId,
				recipient,
				campaignKey,
				deliveryState,
			})),
		).toEqual(
			byId(
				sent.map((message) => ({
					messageId: message.message_id,
					recipient: message.to_addr,
					campaignKey: 'clinic-saturday',
					deliveryState: 'delivered',
				})),
			),
		);
	});
});
