/**
 * Hoiio inside a real n8n: an SMS sent with "Report to Hoiio Trigger" (the trigger's Production URL) has its
 * delivery report come back to the activated trigger, and a trigger for incoming SMS points a Hoiio number's
 * forwarding at n8n while it is active. The emulator's outcomes wait for its flush, which also waits until
 * n8n answered every notification.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8n, SandboxControl, nodeOutput, type Execution } from './n8n-client';

interface HoiioState {
	sms: {
		txn_ref: string;
		direction: string;
		sms_status: string;
		dest: string;
		src: string;
		msg: string;
		tag?: string;
		notify_url?: string;
	}[];
	numbers: { number: string; forward_to: string; forward_sms_to: string; mode: string }[];
	deliveries: { event: string; url: string; params: Record<string, string>; status?: number }[];
}

/** The sandbox seed (sandbox/hoiio/state.ts). */
const seed = { mobile: '+6591234567', usNumber: '+12015550101' };
/** The access token of the sandbox credential the examples use. */
const sandboxAccessToken = (
	JSON.parse(
		readFileSync(join(__dirname, '..', '..', 'examples', 'credentials', 'hoiioApi.json'), 'utf8'),
	) as { data: { accessToken: string } }
).data.accessToken;

const n8n = new N8n();
const hoiio = new SandboxControl('hoiio');

const control = async (action: string, body: Record<string, unknown> = {}): Promise<unknown> => {
	const response = await fetch(`${new URL(hoiio.baseUrl).origin}/__sandbox/hoiio/${action}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (response.status >= 300) throw new Error(`/__sandbox/hoiio/${action}: ${response.status}`);
	return await response.json();
};
/** Runs every pending outcome (delivery, incoming SMS) and waits until n8n answered its notification. */
const flush = () => control('flush');
const state = () => hoiio.state<HoiioState>();

/** The sandbox state once `ready` holds (activation and deactivation finish a moment after the call). */
async function stateWhen(
	ready: (current: HoiioState) => boolean,
	timeoutMs = 15_000,
): Promise<HoiioState> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const current = await state();
		if (ready(current) || Date.now() > deadline) return current;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Executions of a workflow that the named trigger started. */
const startedBy = (executions: Execution[], trigger: string) =>
	executions.filter((execution) => execution.data?.resultData.runData[trigger] !== undefined);

beforeEach(async () => {
	await hoiio.reset();
	await control('notify-delay', { ms: 'manual' });
});

afterEach(async () => {
	await n8n.cleanUp();
});

describe('Hoiio examples in n8n', () => {
	it('send an SMS with its delivery report: the report reaches the workflow’s own Hoiio Trigger', async () => {
		const { id } = await n8n.importExample('hoiio-sms-with-delivery-report.json');
		// Delivery reports need no number forwarding: activation leaves every number as it was.
		const forwarding = (await state()).numbers.map((number) => number.forward_sms_to);
		expect(forwarding.length).toBeGreaterThan(0);
		expect(forwarding).toEqual(forwarding.map(() => ''));

		const answer = await n8n.webhook<{ txnRef: string }>('POST', 'hoiio/send-sms', {
			to: '9123 4567',
			message: 'Your table for two is ready.',
		});

		expect(answer.status).toBe(200);
		const { txnRef } = answer.json;
		const sent = (await state()).sms.find((sms) => sms.txn_ref === txnRef);
		// The credential's default country code completed the number; the trigger's Production URL, copied into
		// "Report to Hoiio Trigger", became the notify URL with a signature made with the credential's token.
		const triggerUrl = `${n8n.url}/webhook/2e9a6c4b-7d1f-4b3a-8e5c-1f0a2b3c9104/webhook`;
		const signature = createHmac('sha256', sandboxAccessToken)
			.update(`hoiio-report:${triggerUrl}`)
			.digest('hex');
		expect(sent).toMatchObject({
			direction: 'outgoing',
			dest: seed.mobile,
			sms_status: 'queued',
			tag: 'n8n',
			notify_url: `${triggerUrl}?n8n_signature=${signature}`,
		});

		await flush();

		const after = await state();
		expect(after.sms.find((sms) => sms.txn_ref === txnRef)?.sms_status).toBe('delivered');
		expect(after.deliveries).toEqual([
			expect.objectContaining({ event: 'sms_status', url: sent?.notify_url, status: 200 }),
		]);
		const executions = await n8n.executions(id, 2);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
		const reports = startedBy(executions, 'Delivery Reports');
		expect(reports).toHaveLength(1);
		expect(nodeOutput(reports[0], 'Delivery Reports')).toEqual([
			expect.objectContaining({
				event: 'smsStatus',
				txn_ref: txnRef,
				sms_status: 'delivered',
				dest: seed.mobile,
				debit: 0.032,
			}),
		]);
		expect(nodeOutput(reports[0], 'Delivery Report')).toEqual([
			{
				txnRef,
				to: seed.mobile,
				status: 'delivered',
				delivered: true,
				charged: 0.032,
				currency: 'SGD',
			},
		]);
	});

	it('answer every SMS to our number: activation forwards the number to n8n, deactivation restores it', async () => {
		const { id } = await n8n.importExample('hoiio-auto-reply-incoming-sms.json');
		const webhookUrl = `${n8n.url}/webhook/6d3b1a9e-2c4f-4e7a-9b8d-3a2c1e0f5101/webhook`;

		const forwarded = (
			await stateWhen(
				(current) =>
					current.numbers.find((number) => number.number === seed.usNumber)?.forward_sms_to !== '',
			)
		).numbers.find((number) => number.number === seed.usNumber)!;
		expect(forwarded.forward_sms_to).toMatch(new RegExp(`^${webhookUrl}\\?n8n_token=\\w{20,}$`));
		expect(forwarded).toMatchObject({ forward_to: '', mode: 'voice' });

		// A call without the token is refused and starts nothing.
		const forged = await fetch(`${webhookUrl}?txn_ref=AA-SI-1&from=%2B6598765432&msg=hi`, {
			method: 'POST',
		});
		expect(forged.status).toBe(401);

		await control('incoming-sms', { from: '+6598765432', to: seed.usNumber, msg: 'Open today?' });
		await flush();

		const [execution] = await n8n.executions(id, 1);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'SMS To Our Number')).toEqual([
			expect.objectContaining({
				event: 'incomingSms',
				from: '+6598765432',
				to: seed.usNumber,
				msg: 'Open today?',
			}),
		]);
		const replies = (await state()).sms.filter((sms) => sms.tag === 'auto-reply');
		expect(replies).toEqual([
			expect.objectContaining({
				direction: 'outgoing',
				dest: '+6598765432',
				msg: 'Thanks, we received your message "Open today?" and will get back to you shortly.',
			}),
		]);
		expect(await n8n.executions(id, 1)).toHaveLength(1);

		await n8n.api('POST', `/workflows/${id}/deactivate`);
		const restored = await stateWhen(
			(current) =>
				current.numbers.find((number) => number.number === seed.usNumber)?.forward_sms_to === '',
		);
		expect(restored.numbers.find((number) => number.number === seed.usNumber)).toMatchObject({
			forward_sms_to: '',
			forward_to: '',
			mode: 'voice',
		});
	});
});
