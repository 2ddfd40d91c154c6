/**
 * Campaigns inside a real n8n: the recipients a send reached are remembered in n8n's own database
 * (processed data of the node), so a campaign that failed halfway, run again, reaches only those it had
 * not reached. The fault comes from the sandbox: the first send request goes through, the next is
 * refused. Each test runs the same activated workflow twice and counts the messages in the emulator.
 */
import { N8n, SandboxControl, nodeType, uniquePath, webhookWorkflow } from './n8n-client';

interface HoiioState {
	sms: { dest: string; direction: string; bulk_txn_ref?: string }[];
}

interface ScgState {
	messageRequests: { id: string; to: string[] }[];
	messages: { to_address: string; message_request_id: string | null }[];
}

const n8n = new N8n();
const hoiio = new SandboxControl('hoiio');
const scg = new SandboxControl('syniverseScg');

/** n distinct numbers with the given prefix. */
function numbers(count: number, prefix: string): string[] {
	return Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(7, '0')}`);
}

function countBy(values: string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
}

/** The first matching request goes through, the next one is refused. */
async function failSecond(
	control: SandboxControl,
	match: Record<string, string>,
	refusal: Record<string, unknown>,
) {
	await control.injectFault({ type: 'latency', ms: 0, times: 1, match });
	await control.injectFault({ ...refusal, times: 1, match });
}

beforeEach(async () => {
	await hoiio.reset();
	await scg.reset();
});

afterEach(async () => {
	await n8n.cleanUp();
});

describe('Campaigns in n8n: run again after a failure, and each recipient gets one message', () => {
	it('Hoiio Send Bulk: 2,500 recipients, the second chunk refused; the re-run sends only the 1,500 not reached', async () => {
		const recipients = numbers(2500, '+658');
		const path = uniquePath('campaign-hoiio');
		const id = await n8n.createWorkflow(
			webhookWorkflow('e2e: Hoiio bulk campaign', path, [
				{
					name: 'Send Bulk',
					type: nodeType('hoiio'),
					typeVersion: 1,
					parameters: {
						resource: 'sms',
						operation: 'sendBulk',
						recipientSource: 'list',
						recipients: '={{ $json.body.recipients }}',
						message: 'Store closes early today',
						additionalFields: {},
						campaign: { campaignKey: '={{ $json.body.campaign }}' },
					},
					credentials: { hoiioApi: { id: '', name: '' } },
				},
			]),
		);
		await failSecond(
			hoiio,
			{ path: '/sms/bulk_send' },
			{
				type: 'status',
				status: 200,
				body: JSON.stringify({ status: 'error_insufficient_credit' }),
			},
		);

		const first = await n8n.webhook('POST', path, { recipients, campaign: 'closing-day' });

		expect({ status: first.status, text: first.text }).toEqual(n8n.failedRunAnswer);
		const failed = await n8n.lastExecution(id);
		expect(failed.status).toBe('error');
		expect(failed.data?.resultData.error?.description).toContain(
			'They are recorded in campaign "closing-day"',
		);
		const afterFirst = await hoiio.state<HoiioState>();
		expect(afterFirst.sms.filter((sms) => sms.bulk_txn_ref)).toHaveLength(1000);

		const second = await n8n.webhook<{ recipient: string; status: string; skipped?: boolean }[]>(
			'POST',
			path,
			{ recipients, campaign: 'closing-day' },
		);

		expect(second.status).toBe(200);
		expect(second.json).toHaveLength(2500);
		expect(second.json.filter((item) => item.skipped === true)).toHaveLength(1000);
		expect(second.json.filter((item) => item.status === 'sent')).toHaveLength(1500);
		const counts = countBy(
			(await hoiio.state<HoiioState>()).sms
				.filter((sms) => sms.bulk_txn_ref)
				.map((sms) => sms.dest),
		);
		expect(counts.size).toBe(2500);
		expect([...counts.values()].every((count) => count === 1)).toBe(true);
		const requests = await hoiio.requests();
		// Two requests in the first run (the refused one included), two in the second.
		expect(requests.filter((request) => request.pathname.endsWith('/sms/bulk_send'))).toHaveLength(
			4,
		);
	});

	it('Syniverse SCG: 6 recipients in message requests of 2, the second refused; the re-run sends the other 4', async () => {
		const recipients = numbers(6, '+1415');
		// The seed has message requests of its own.
		const campaignRequests = (state: ScgState) =>
			state.messageRequests
				.map((request) => request.to)
				.filter((to) => to.some((address) => recipients.includes(address)));
		const path = uniquePath('campaign-scg');
		const id = await n8n.createWorkflow(
			webhookWorkflow('e2e: SCG campaign', path, [
				{
					name: 'Send SMS',
					type: nodeType('syniverseScg'),
					typeVersion: 1,
					parameters: {
						resource: 'messageRequest',
						operation: 'create',
						sender: 'SeedSender000000000001',
						recipients: '={{ $json.body.recipients }}',
						messageType: 'SMS',
						message: 'Your order ships today',
						additionalFields: { recipientsPerRequest: 2 },
						campaign: { campaignKey: 'ships-today' },
					},
					credentials: { syniverseScgApi: { id: '', name: '' } },
				},
			]),
		);
		await failSecond(
			scg,
			{ method: 'POST', path: '/messaging/message_requests' },
			{ type: 'status', status: 400 },
		);

		const first = await n8n.webhook('POST', path, { recipients });

		expect({ status: first.status, text: first.text }).toEqual(n8n.failedRunAnswer);
		const failed = await n8n.lastExecution(id);
		expect(failed.status).toBe('error');
		// The refusal of the second request, not any other failure, stopped the run.
		expect(failed.data?.resultData.error?.description).toContain(
			'Message requests 1 to 1 of 3 were already created',
		);
		expect(campaignRequests(await scg.state<ScgState>())).toEqual([recipients.slice(0, 2)]);

		const second = await n8n.webhook<Record<string, unknown>[]>('POST', path, { recipients });

		expect(second.status).toBe(200);
		expect(second.json.map((item) => item.recipientCount ?? item.recipient)).toEqual([
			2,
			2,
			recipients[0],
			recipients[1],
		]);
		const state = await scg.state<ScgState>();
		expect(campaignRequests(state)).toEqual([
			recipients.slice(0, 2),
			recipients.slice(2, 4),
			recipients.slice(4),
		]);
		const counts = countBy(
			state.messages
				.filter((message) => recipients.includes(message.to_address))
				.map((message) => message.to_address),
		);
		expect([...counts.entries()]).toEqual(recipients.map((recipient) => [recipient, 1]));
	});
});
