/**
 * The four triggers in queue mode: the main receives every event (webhook calls, MQTT messages) and enqueues
 * one execution per event it accepts; the workers run them. For each trigger a burst of distinct events must
 * give exactly that many executions, each started by exactly one worker, none lost, none run twice, and
 * redeliveries of the same events none at all. The counts go to the log as `[queue] <trigger>: ...` lines.
 */
import { randomUUID } from 'node:crypto';

import {
	N8n,
	SandboxControl,
	mqttNodeType,
	nodeOutput,
	nodeType,
	uniquePath,
	webhookWorkflow,
	type Workflow,
} from '../e2e/n8n-client';
import {
	matchEvents,
	report,
	settledExecutions,
	tallyWorkers,
	type ListedExecution,
} from './queue';

const n8n = new N8n();
// Each test waits for its runs on a machine that also runs Redis, PostgreSQL and three n8n processes.
jest.setTimeout(180_000);

afterEach(async () => {
	await n8n.cleanUp();
});

async function control<T = unknown>(
	provider: SandboxControl,
	path: string,
	body: unknown = {},
	method = 'POST',
): Promise<T> {
	const response = await fetch(`${new URL(provider.baseUrl).origin}/__sandbox/${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: method === 'GET' ? undefined : JSON.stringify(body),
	});
	if (response.status >= 300)
		throw new Error(`${method} /__sandbox/${path}: ${response.status} ${await response.text()}`);
	return (await response.json()) as T;
}

async function until<T>(read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs = 15_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (ready(value) || Date.now() > deadline) return value;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** A trigger node and a No Op after it, activated. */
function triggerWorkflow(
	name: string,
	trigger: Omit<Workflow['nodes'][number], 'name' | 'position' | 'typeVersion'>,
): Workflow {
	return {
		name,
		active: true,
		nodes: [
			{ ...trigger, name: 'Trigger', typeVersion: 1, position: [0, 0] },
			{
				name: 'Event',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: { Trigger: { main: [[{ node: 'Event', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Every execution succeeded and was started by exactly one worker; returns the per-worker counts. */
async function expectRunOnceEachByAWorker(executions: ListedExecution[]) {
	expect(executions.map((execution) => execution.status)).toEqual(executions.map(() => 'success'));
	const tally = await tallyWorkers(executions);
	expect(tally.notOnAWorker).toEqual([]);
	expect(tally.startedTwice).toEqual([]);
	return tally.byWorker;
}

describe('Queue mode: each trigger event is one execution on one worker', () => {
	it('Syniverse SCG Trigger: 20 delivery events of one send, then all 20 redelivered', async () => {
		const scg = new SandboxControl('syniverseScg');
		await scg.reset();
		// Sends wait for the flush. The Event Manager waits 30 s for an answer instead of 5: a burst of 20 calls
		// on a busy machine (CI's two cores also run PostgreSQL, Redis and three n8n) must not time out.
		await control(scg, 'syniverseScg/settings', { autoProgress: false, deliveryTimeoutMs: 30_000 });
		const credentials = { syniverseScgApi: { id: '', name: '' } };
		const triggerId = await n8n.createWorkflow(
			triggerWorkflow('queue: SCG Trigger', {
				type: nodeType('syniverseScgTrigger'),
				webhookId: randomUUID(),
				parameters: { events: ['message_state_change'] },
				credentials,
			}),
		);
		await until(
			() => scg.state<{ subscriptions: unknown[] }>(),
			(state) => state.subscriptions.length > 0,
		);
		const path = uniquePath('queue-scg-send');
		await n8n.createWorkflow(
			webhookWorkflow('queue: SCG send', path, [
				{
					name: 'Send SMS',
					type: nodeType('syniverseScg'),
					typeVersion: 1,
					parameters: {
						resource: 'messageRequest',
						operation: 'create',
						sender: 'SeedSender000000000001',
						recipients: '={{ $json.body.to }}',
						messageType: 'SMS',
						message: 'Queue mode check',
						additionalFields: {},
					},
					credentials,
				},
			]),
		);
		const recipients = Array.from({ length: 10 }, (_, index) => `+1408555${1201 + index}`);

		const answer = await n8n.webhook('POST', path, { to: recipients });
		expect(answer.status).toBe(200);
		// Every message goes PENDING → SENT → DELIVERED: two message events per recipient.
		await control(scg, 'syniverseScg/flush');

		const executions = await settledExecutions(n8n, triggerId, 20);
		const events = executions.flatMap((execution) => nodeOutput(execution, 'Trigger'));
		const eventIds = events.map((event) => String(event.eventId));
		const { events: sent } = await scg.state<{
			events: { event_id: string; event_type: string }[];
		}>();
		const sentIds = sent
			.filter((event) => event.event_type === 'message_state_change')
			.map((event) => event.event_id);
		expect(sentIds).toHaveLength(20);
		expect(matchEvents(sentIds, eventIds)).toEqual({ lost: [], duplicated: [], unexpected: [] });
		const byWorker = await expectRunOnceEachByAWorker(executions);

		// The Event Manager redelivers each event (attempt 2): acknowledged, and no second run.
		for (const eventId of sentIds) {
			const redelivery = await control<{ attempt: number; status: number }>(
				scg,
				`syniverseScg/events/${eventId}/redeliver`,
			);
			expect(redelivery).toMatchObject({ attempt: 2, status: 200 });
		}
		const after = await settledExecutions(n8n, triggerId, 20, { includeData: false });
		expect(after).toHaveLength(20);
		report('Syniverse SCG Trigger', {
			events: sentIds.length,
			redelivered: sentIds.length,
			executions: after.length,
			lost: 0,
			duplicates: after.length - sentIds.length,
			byWorker,
		});
	});

	it('Hoiio Trigger (auto-reply example): 20 incoming SMS, 20 runs and 20 replies', async () => {
		const hoiio = new SandboxControl('hoiio');
		await hoiio.reset();
		await control(hoiio, 'hoiio/notify-delay', { ms: 'manual' });
		const usNumber = '+12015550101';
		const { id } = await n8n.importExample('hoiio-auto-reply-incoming-sms.json');
		await until(
			() => hoiio.state<{ numbers: { number: string; forward_sms_to: string }[] }>(),
			(state) => state.numbers.some((n) => n.number === usNumber && n.forward_sms_to !== ''),
		);

		// Four rounds of five SMS side by side: the sandbox gives n8n 5 s to answer each notification.
		const sent: string[] = [];
		for (let index = 0; index < 20; index++) {
			const { txn_refs } = await control<{ txn_refs: string[] }>(hoiio, 'hoiio/incoming-sms', {
				from: `+659876${String(5000 + index)}`,
				to: usNumber,
				msg: `Message ${index + 1}`,
			});
			sent.push(...txn_refs);
			if (index % 5 === 4) await control(hoiio, 'hoiio/flush');
		}
		const { deliveries } = await hoiio.state<{ deliveries: { status?: number }[] }>();
		expect(deliveries.map((delivery) => delivery.status)).toEqual(sent.map(() => 200));

		const executions = await settledExecutions(n8n, id, 20);
		const received = executions.flatMap((execution) => nodeOutput(execution, 'SMS To Our Number'));
		expect(
			matchEvents(
				sent,
				received.map((item) => String(item.txn_ref)),
			),
		).toEqual({
			lost: [],
			duplicated: [],
			unexpected: [],
		});
		const byWorker = await expectRunOnceEachByAWorker(executions);
		// The workers ran the Reply node: one answer per incoming SMS, to its sender.
		const replies = (await hoiio.state<{ sms: { tag?: string; dest: string }[] }>()).sms.filter(
			(sms) => sms.tag === 'auto-reply',
		);
		expect(replies.map((sms) => sms.dest).sort()).toEqual(
			received.map((item) => String(item.from)).sort(),
		);
		report('Hoiio Trigger', {
			events: sent.length,
			executions: executions.length,
			replies: replies.length,
			lost: 0,
			duplicates: 0,
			byWorker,
		});
	});

	it('Vumi Go Trigger: the campaign example’s acks and delivery reports, 14 inbound messages, each pushed twice', async () => {
		const vumiGo = new SandboxControl('vumiGo');
		await vumiGo.reset();
		const webhookId = randomUUID();
		const triggerId = await n8n.createWorkflow(
			triggerWorkflow('queue: Vumi Go Trigger', {
				type: nodeType('vumiGoTrigger'),
				webhookId,
				parameters: { events: ['message', 'ack', 'delivery_report'] },
			}),
		);
		// What the user does in the Go UI: paste the trigger's URL as both push URLs.
		const url = `${n8n.url}/webhook/${webhookId}/webhook`;
		await control(vumiGo, 'vumiGo/conversations/conv-sms-1/config', {
			push_message_url: url,
			push_event_url: url,
		});
		const { id: campaignId } = await n8n.importExample('vumiGo-campaign-skip-opted-out.json');

		// The campaign runs on a worker: three recipients get a message, each acked and delivered.
		const campaign = await n8n.runManually(campaignId, 'Run Now');
		expect(campaign.status).toBe('success');
		for (let index = 0; index < 14; index++) {
			await control(vumiGo, 'vumiGo/conversations/conv-sms-1/inbound', {
				from_addr: `+2782555${String(1000 + index)}`,
				content: `Inbound ${index + 1}`,
			});
		}
		const { deliveries } = await control<{
			deliveries: { body: Record<string, unknown>; outcome: string; status?: number }[];
		}>(vumiGo, 'vumiGo/flush');
		expect(deliveries).toHaveLength(20);
		expect(deliveries.map((delivery) => delivery.outcome)).toEqual(
			deliveries.map(() => 'delivered'),
		);
		const key = (body: Record<string, unknown>) =>
			body.message_type === 'event' ? `event:${String(body.event_id)}` : String(body.message_id);

		const executions = await settledExecutions(n8n, triggerId, 20);
		const items = executions.flatMap((execution) => nodeOutput(execution, 'Trigger'));
		expect(
			matchEvents(
				deliveries.map((delivery) => key(delivery.body)),
				items.map((item) => key(item)),
			),
		).toEqual({ lost: [], duplicated: [], unexpected: [] });
		expect(items.filter((item) => item.event === 'ack')).toHaveLength(3);
		expect(items.filter((item) => item.event === 'delivery_report')).toHaveLength(3);
		const byWorker = await expectRunOnceEachByAWorker(executions);

		// Vumi Go pushes again what it thinks failed: the same message or event starts no second run.
		for (const { body } of deliveries) {
			const again = await n8n.webhook<{ status: string }>('POST', `${webhookId}/webhook`, body);
			expect(again.status).toBe(200);
		}
		const after = await settledExecutions(n8n, triggerId, 20, { includeData: false });
		expect(after).toHaveLength(20);
		report('Vumi Go Trigger', {
			events: deliveries.length,
			pushedAgain: deliveries.length,
			executions: after.length,
			lost: 0,
			duplicates: after.length - deliveries.length,
			byWorker,
		});
	});

	it('SmartLiving Trigger: 20 states published over MQTT, one run each, in order', async () => {
		const smartLiving = new SandboxControl('smartLiving');
		await smartLiving.reset();
		const publish = (value: number, retain = false) =>
			control(smartLiving, 'smartLiving/device-state', {
				assetId: 'asset-thermostat-temperature',
				value,
				platform: 'maker',
				retain,
			});
		try {
			const id = await n8n.createWorkflow(
				triggerWorkflow('queue: SmartLiving Trigger', {
					type: mqttNodeType('smartLivingTrigger'),
					parameters: {
						level: 'asset',
						direction: 'out',
						kinds: ['state'],
						assetBy: 'device',
						deviceId: 'device-thermostat',
						assetName: 'temperature',
						options: {},
					},
					credentials: { smartLivingApi: { id: '', name: '' } },
				}),
			);
			// Retained, so it arrives whenever the main's subscription is made; the rest go out live after it.
			await publish(1, true);
			await settledExecutions(n8n, id, 1, { quietMs: 0, includeData: false });
			const values = Array.from({ length: 19 }, (_, index) => index + 2);
			for (const value of values) await publish(value);

			const executions = await settledExecutions(n8n, id, 20);
			const received = executions.flatMap((execution) => nodeOutput(execution, 'Trigger'));
			// One message at a time: each run finished on its worker before the next message was emitted.
			expect(received.map((item) => item.value)).toEqual([1, ...values]);
			const byWorker = await expectRunOnceEachByAWorker(executions);
			report('SmartLiving Trigger', {
				events: 20,
				executions: executions.length,
				lost: 0,
				duplicates: 0,
				byWorker,
			});
		} finally {
			await n8n.cleanUp();
			await control(smartLiving, 'smartLiving/mqtt/wipe');
		}
	});
});

describe('Queue mode: a send on a worker reports to the trigger on the main', () => {
	// n8n 2.41 gives a worker the execution's workflow snapshot without the workflow's static data, so the
	// Hoiio node signs the trigger's copied URL with the credential, and the trigger checks it against its
	// own URL (see nodes/Hoiio/notify.ts).
	it('Hoiio "Report to Hoiio Trigger": the SMS sent on a worker has its delivery report run once on a worker', async () => {
		const hoiio = new SandboxControl('hoiio');
		await hoiio.reset();
		await control(hoiio, 'hoiio/notify-delay', { ms: 'manual' });
		const { id } = await n8n.importExample('hoiio-sms-with-delivery-report.json');

		const answer = await n8n.webhook<{ txnRef?: string; message?: string }>(
			'POST',
			'hoiio/send-sms',
			{ to: '9123 4567', message: 'Your table for two is ready.' },
		);

		expect(answer.status).toBe(200);
		const { txnRef } = answer.json;
		const { sms } = await hoiio.state<{ sms: { txn_ref: string; notify_url?: string }[] }>();
		expect(sms.find((entry) => entry.txn_ref === txnRef)?.notify_url).toMatch(
			new RegExp(
				`^${n8n.url}/webhook/2e9a6c4b-7d1f-4b3a-8e5c-1f0a2b3c9104/webhook\\?n8n_signature=[0-9a-f]{64}$`,
			),
		);
		await control(hoiio, 'hoiio/flush');
		const { deliveries } = await hoiio.state<{ deliveries: { status?: number }[] }>();
		expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);

		// The send and the report: two executions, each run once by a worker.
		const executions = await settledExecutions(n8n, id, 2);
		const byWorker = await expectRunOnceEachByAWorker(executions);
		const reports = executions.flatMap((execution) => nodeOutput(execution, 'Delivery Reports'));
		expect(reports).toEqual([
			expect.objectContaining({ event: 'smsStatus', txn_ref: txnRef, sms_status: 'delivered' }),
		]);
		report('Hoiio Report to Hoiio Trigger', {
			sends: 1,
			reports: reports.length,
			executions: executions.length,
			byWorker,
		});
	});
});
