/**
 * Vumi Go inside a real n8n: the campaign example checks every recipient against the opt-out API and sends
 * only to those who have not opted out; the emulator's outbound messages show who got what, and the
 * execution shows who was filtered out.
 */
import {
	N8n,
	SandboxControl,
	nodeOutput,
	nodeType,
	uniquePath,
	webhookWorkflow,
} from './n8n-client';

interface VumiGoState {
	optouts: { address_type: string; address: string }[];
	outboundMessages: { to_addr: string; content: string | null; conversation_key: string }[];
	metrics: unknown[];
}

/** The sandbox seed (sandbox/vumiGo/state.ts and emulator.ts). */
const seed = {
	token: 'sandbox-vumi-token',
	accountKey: 'sandbox-account',
	smsConversation: 'conv-sms-1',
	conversationToken: 'sandbox-conv-token',
	optedOut: ['+27710000007', '+27710009999'],
};

const n8n = new N8n();
const vumiGo = new SandboxControl('vumiGo');
const example = 'vumiGo-campaign-skip-opted-out.json';

interface Recipient {
	name: string;
	msisdn: string;
}

const sorted = (values: string[]) => [...values].sort();

/** Opts an address out through the emulator's opt-out API, as a STOP reply handled elsewhere would. */
async function optOut(msisdn: string): Promise<void> {
	const response = await fetch(`${vumiGo.baseUrl}/optouts/msisdn/${encodeURIComponent(msisdn)}`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${seed.token}` },
	});
	if (response.status !== 200) throw new Error(`opt-out ${msisdn}: ${response.status}`);
}

beforeEach(async () => {
	await vumiGo.reset();
});

afterEach(async () => {
	await n8n.cleanUp();
});

describe('Vumi Go campaign example', () => {
	it('sends once to each recipient who has not opted out and to nobody who has', async () => {
		const { id } = await n8n.importExample(example);
		const { optouts } = await vumiGo.state<VumiGoState>();
		expect(sorted(optouts.map((record) => record.address))).toEqual(seed.optedOut);

		const execution = await n8n.runManually(id, 'Run Now');

		expect(execution.status).toBe('success');
		const recipients = nodeOutput(execution, 'One Item per Recipient') as unknown as Recipient[];
		expect(recipients).toHaveLength(5);
		const subscribed = recipients.filter(({ msisdn }) => !seed.optedOut.includes(msisdn));
		const optedOut = recipients.filter(({ msisdn }) => seed.optedOut.includes(msisdn));
		expect(optedOut.map(({ msisdn }) => msisdn)).toEqual(['+27710000007', '+27710009999']);

		// The emulator: one message per subscribed recipient, none to an opted-out address.
		const { outboundMessages } = await vumiGo.state<VumiGoState>();
		expect(sorted(outboundMessages.map((message) => message.to_addr))).toEqual(
			sorted(subscribed.map(({ msisdn }) => msisdn)),
		);
		for (const { name, msisdn } of subscribed) {
			const message = outboundMessages.find((candidate) => candidate.to_addr === msisdn);
			expect(message?.conversation_key).toBe(seed.smsConversation);
			expect(message?.content).toContain(`Hi ${name},`);
		}
		// Every recipient was checked once; the opted-out ones were never even attempted.
		const requests = await vumiGo.requests<{ method: string; pathname: string }[]>();
		const checks = requests.filter((request) => request.pathname.includes('/optouts/msisdn/'));
		expect(
			sorted(checks.map((request) => decodeURIComponent(request.pathname.split('/').pop() ?? ''))),
		).toEqual(sorted(recipients.map(({ msisdn }) => msisdn)));
		expect(requests.filter((request) => request.method === 'PUT')).toHaveLength(subscribed.length);

		// The execution: the IF node sent the opted-out recipients down its "false" branch.
		expect(nodeOutput(execution, 'Opted Out, Not Sent')).toEqual(
			optedOut.map(({ msisdn }) =>
				expect.objectContaining({ optedOut: true, address_type: 'msisdn', address: msisdn }),
			),
		);
		expect(nodeOutput(execution, 'Send Campaign SMS').map((item) => item.to_addr)).toEqual(
			subscribed.map(({ msisdn }) => msisdn),
		);
	});

	it('checks the opt-outs live: a recipient who opted out since the last run gets nothing', async () => {
		const { id } = await n8n.importExample(example);
		await optOut('+27710000002');

		const execution = await n8n.runManually(id, 'Run Now');

		expect(execution.status).toBe('success');
		const { outboundMessages } = await vumiGo.state<VumiGoState>();
		expect(sorted(outboundMessages.map((message) => message.to_addr))).toEqual([
			'+27710000001',
			'+27710000003',
		]);
		expect(nodeOutput(execution, 'Opted Out, Not Sent').map((item) => item.address)).toEqual([
			'+27710000002',
			'+27710000007',
			'+27710009999',
		]);
	});
});

describe('Vumi Go node in n8n', () => {
	it('without the check, a send to an opted-out recipient fails with an error that names them', async () => {
		const path = uniquePath('vumigo-send');
		const id = await n8n.createWorkflow(
			webhookWorkflow('e2e: Vumi Go send to an opted-out recipient', path, [
				{
					name: 'Send Text',
					type: nodeType('vumiGo'),
					typeVersion: 1,
					parameters: {
						resource: 'message',
						operation: 'sendText',
						toAddress: '+27710000007',
						content: 'Hello',
					},
					credentials: { vumiGoApi: { id: '', name: '' } },
				},
			]),
		);

		const answer = await n8n.webhook('POST', path, {});

		expect({ status: answer.status, text: answer.text }).toEqual(n8n.failedRunAnswer);
		const execution = await n8n.lastExecution(id);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toBe(
			'The recipient +27710000007 has opted out: Vumi Go did not send the message',
		);
		expect((await vumiGo.state<VumiGoState>()).outboundMessages).toEqual([]);
	});

	it('tests the credential through n8n: what is filled in is checked, right secrets pass, wrong ones fail', async () => {
		const test = async (data: Record<string, unknown>) => {
			const { id, name } = n8n.facts.credentials.vumiGoApi;
			const answer = await n8n.rest<{ data: { status: string; message: string } }>(
				'POST',
				'/credentials/test',
				{ credentials: { id, name, type: 'vumiGoApi', data } },
			);
			expect(answer.status).toBe(200);
			return answer.json.data;
		};
		// The account alone: its token is checked.
		const account = (accessToken: string) => ({ accessToken, baseUrl: vumiGo.baseUrl });
		// With the conversation filled in: the conversation's key and token are checked.
		const conversation = (conversationToken: string) => ({
			...account(seed.token),
			accountKey: seed.accountKey,
			conversationKey: seed.smsConversation,
			conversationToken,
			httpApiBaseUrl: `${vumiGo.baseUrl}/http_api_nostream`,
		});

		const metricsBefore = (await vumiGo.state<VumiGoState>()).metrics.length;

		expect(await test(account(seed.token))).toMatchObject({ status: 'OK' });
		// n8n 2.x shows the credential's own words for a 401 or 403; n8n 1.x its generic ones.
		expect(await test(account('not-the-token'))).toMatchObject({ status: 'Error' });
		expect(await test(conversation(seed.conversationToken))).toMatchObject({ status: 'OK' });
		expect(await test(conversation('not-the-token'))).toMatchObject({ status: 'Error' });
		// The conversation check fires an empty list of metrics: nothing is recorded.
		const metricCalls = (await vumiGo.requests<{ pathname: string; body: unknown }[]>()).filter(
			(request) => request.pathname.endsWith('/metrics.json'),
		);
		expect(metricCalls.length).toBeGreaterThanOrEqual(2);
		for (const request of metricCalls) expect(request.body).toEqual([]);
		expect((await vumiGo.state<VumiGoState>()).metrics).toHaveLength(metricsBefore);
	});
});
