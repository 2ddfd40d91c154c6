/**
 * The four triggers in n8n's scaled queue mode: two `n8n webhook` processes behind the balancer take every
 * production webhook call (the main takes none) and enqueue one execution per event they accept; the main
 * runs the MQTT trigger; the workers run the executions. Every delivery and redelivery of the webhook triggers
 * goes through the balancer, which alternates between the webhook processes, so each event's redeliveries
 * reach both. A trigger de-duplicates only within its process; across processes the workflows follow the
 * README's pattern ("Scaling out: webhook processes"): right after the trigger, claim the trigger's `eventKey`
 * with a Redis Increment and go on only with the first claim. Exactly once is counted on what passes the
 * claim: each event once, none lost, none twice. Beside it, in the same executions, n8n's Remove Duplicates
 * node on the same key, whose figures are reported, not asserted: it keeps its list in one database row that
 * concurrent executions read and rewrite, so it loses keys under load. The counts go to the log as
 * `[queue] <trigger>: ...` lines, with the executions in the database (redeliveries that a webhook process
 * had not seen start one, which stops at the claim).
 */
import { randomUUID } from 'node:crypto';

import { Notifier } from '../../sandbox/hoiio/notifier';
import type { HoiioDelivery } from '../../sandbox/hoiio/state';
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
	balancedCalls,
	callsByWebhookProcess,
	matchEvents,
	queueFacts,
	report,
	settledExecutions,
	tallyWorkers,
	webhookProcessesByEvent,
	type BalancedCall,
	type ListedExecution,
} from './queue';

const n8n = new N8n();
// Each test waits for its runs on a machine that also runs Redis, PostgreSQL and five n8n processes.
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

/** Where the README's pattern claims an event (a Redis Increment) and lets only the first claim on. */
const claimNode = 'Claim Event';
const firstClaimNode = 'First Delivery Only';
/** n8n's Remove Duplicates node, beside the claim for comparison. */
const removeDuplicatesNode = 'Remove Duplicates';
const triggerNode = 'Trigger';

/**
 * A trigger with the README's pattern for webhook processes after it: Claim Event (Redis Increment of the
 * trigger's event key, in the queue's Redis) and First Delivery Only (a Filter letting the first claim on),
 * then a No Op. Beside it, run after it in the same executions, n8n's Remove Duplicates node on the same key
 * ("Remove Items Processed in Previous Executions"), with its failures as output items, so the test can
 * report what it would have let through. Activated.
 */
function triggerWorkflow(
	name: string,
	trigger: Omit<Workflow['nodes'][number], 'name' | 'position' | 'typeVersion'>,
): Workflow {
	const node = (
		nodeName: string,
		type: string,
		typeVersion: number,
		position: [number, number],
		parameters: Record<string, unknown>,
		extra: Record<string, unknown> = {},
	) => ({ name: nodeName, type, typeVersion, position, parameters, ...extra });
	const to = (nodeName: string) => ({ main: [[{ node: nodeName, type: 'main', index: 0 }]] });
	return {
		name,
		active: true,
		nodes: [
			{ ...trigger, name: triggerNode, typeVersion: 1, position: [0, 0] },
			node(
				claimNode,
				'n8n-nodes-base.redis',
				1,
				[220, 0],
				{
					operation: 'incr',
					key: "={{ 'n8n-event:' + $workflow.id + ':' + $json.eventKey }}",
					expire: true,
					ttl: 604800,
				},
				{ credentials: { redis: { id: '', name: '' } } },
			),
			node(firstClaimNode, 'n8n-nodes-base.filter', 2.2, [440, 0], {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [
						{
							id: 'c1',
							leftValue: '={{ Object.values($json)[0] }}',
							rightValue: 1,
							operator: { type: 'number', operation: 'equals' },
						},
					],
					combinator: 'and',
				},
				options: {},
			}),
			node('Event', 'n8n-nodes-base.noOp', 1, [660, 0], {}),
			node(
				removeDuplicatesNode,
				'n8n-nodes-base.removeDuplicates',
				2,
				[220, 200],
				{
					operation: 'removeItemsSeenInPreviousExecutions',
					dedupeValue: '={{ $json.eventKey }}',
					options: {},
				},
				{ onError: 'continueRegularOutput' },
			),
			node('Past Remove Duplicates', 'n8n-nodes-base.noOp', 1, [440, 200], {}),
		],
		connections: {
			[triggerNode]: {
				main: [
					[
						{ node: claimNode, type: 'main', index: 0 },
						{ node: removeDuplicatesNode, type: 'main', index: 0 },
					],
				],
			},
			[claimNode]: to(firstClaimNode),
			[firstClaimNode]: to('Event'),
			[removeDuplicatesNode]: to('Past Remove Duplicates'),
		},
		settings: { executionOrder: 'v1' },
	};
}

/** A trigger node and a No Op after it, activated: for the MQTT trigger, which runs on the main alone. */
function plainTriggerWorkflow(
	name: string,
	trigger: Omit<Workflow['nodes'][number], 'name' | 'position' | 'typeVersion'>,
): Workflow {
	return {
		name,
		active: true,
		nodes: [
			{ ...trigger, name: triggerNode, typeVersion: 1, position: [0, 0] },
			{
				name: 'Event',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: { [triggerNode]: { main: [[{ node: 'Event', type: 'main', index: 0 }]] } },
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

/** The event keys the first claims let on: the claim's Redis key is `n8n-event:<workflow ID>:<event key>`. */
function claimedKeys(executions: ListedExecution[]): string[] {
	return executions.flatMap((execution) =>
		nodeOutput(execution, firstClaimNode).map((item) =>
			Object.keys(item)[0].split(':').slice(2).join(':'),
		),
	);
}

/**
 * What the exactly-once check reads: the events the claim let on (at most one per event), matched against
 * the events sent; what Remove Duplicates let through in the same executions (when the workflow has it);
 * and which webhook processes each event reached.
 */
async function exactlyOnce(
	executions: ListedExecution[],
	sent: string[],
	keysOf: (call: BalancedCall) => string[],
) {
	const calls = await balancedCalls();
	const reached = webhookProcessesByEvent(calls, keysOf);
	const claimed = claimedKeys(executions);
	const removeDuplicatesOut = executions.flatMap((execution) =>
		nodeOutput(execution, removeDuplicatesNode),
	);
	const passedRemoveDuplicates = matchEvents(
		sent,
		removeDuplicatesOut
			.filter((item) => item.error === undefined)
			.map((item) => String(item.eventKey)),
	);
	return {
		tally: matchEvents(sent, claimed),
		runsPastClaim: executions.filter(
			(execution) => nodeOutput(execution, firstClaimNode).length > 0,
		).length,
		removeDuplicates: {
			duplicates: passedRemoveDuplicates.duplicated.length,
			lost: passedRemoveDuplicates.lost.length,
			failed: removeDuplicatesOut.filter((item) => item.error !== undefined).length,
		},
		/** Events some webhook process never saw: a redelivery that did not cross processes. */
		notOnBothProcesses: sent.filter(
			(key) => reached.get(key)?.size !== queueFacts().webhooks.length,
		),
		callsByProcess: callsByWebhookProcess(calls),
	};
}

function jsonBody(call: BalancedCall): unknown {
	try {
		return JSON.parse(call.body ?? '');
	} catch {
		return undefined;
	}
}

describe('Queue mode with webhook processes: each trigger event does its work once', () => {
	it('the main takes no production webhook call; the balancer alternates them over both webhook processes', async () => {
		const webhookId = randomUUID();
		await n8n.createWorkflow(
			triggerWorkflow('queue: webhook processes', {
				type: nodeType('vumiGoTrigger'),
				webhookId,
				parameters: { events: ['message'] },
			}),
		);
		const push = (id: string) => ({
			message_type: 'user_message',
			message_version: '20110921',
			message_id: id,
			timestamp: '2026-01-02 03:04:05.000000',
			to_addr: '+27825550000',
			from_addr: '+27825551111',
			content: 'hello',
		});
		await n8n.webhook('POST', `${webhookId}/webhook`, push('warm-up'));
		await balancedCalls({ clear: true });

		const atMain = await fetch(`${queueFacts().mainUrl}/webhook/${webhookId}/webhook`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(push('at-main')),
		});
		const answers = [];
		for (const id of ['one', 'two', 'three', 'four'])
			answers.push((await n8n.webhook('POST', `${webhookId}/webhook`, push(id))).status);

		expect(atMain.status).toBe(404);
		expect(answers).toEqual([200, 200, 200, 200]);
		const names = queueFacts().webhooks.map(({ name }) => name);
		const order = (await balancedCalls()).map((call) => call.webhook);
		expect(new Set(order)).toEqual(new Set(names));
		expect(order.every((name, index) => index === 0 || name !== order[index - 1])).toBe(true);
	});

	it('Syniverse SCG Trigger: 20 events of one send, each delivered and then redelivered twice, claimed once each', async () => {
		const scg = new SandboxControl('syniverseScg');
		await scg.reset();
		// Sends wait for the flush. The Event Manager waits 30 s for an answer instead of 5: a burst of 20 calls
		// on a busy machine (CI's two cores also run PostgreSQL, Redis and five n8n processes) must not time out.
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
		await balancedCalls({ clear: true });
		// Every message goes PENDING → SENT → DELIVERED: two message events per recipient, side by side.
		await control(scg, 'syniverseScg/flush');
		await settledExecutions(n8n, triggerId, 20, { includeData: false });
		const { events: sent } = await scg.state<{
			events: { event_id: string; event_type: string }[];
		}>();
		const sentIds = sent
			.filter((event) => event.event_type === 'message_state_change')
			.map((event) => event.event_id);
		expect(sentIds).toHaveLength(20);

		// The Event Manager redelivers each event twice in a row (attempts 2 and 3): one of the two reaches the
		// other webhook process than the first delivery.
		for (const eventId of sentIds)
			for (const attempt of [2, 3]) {
				const redelivery = await control<{ attempt: number; status: number }>(
					scg,
					`syniverseScg/events/${eventId}/redeliver`,
				);
				expect(redelivery).toMatchObject({ attempt, status: 200 });
			}
		const executions = await settledExecutions(n8n, triggerId, 20, { quietMs: 3000 });

		const once = await exactlyOnce(executions, sentIds, (call) => {
			const body = jsonBody(call);
			return (Array.isArray(body) ? body : [body]).map((delivery) =>
				String((delivery as { event_id?: unknown } | undefined)?.event_id),
			);
		});
		expect(once.tally).toEqual({ lost: [], duplicated: [], unexpected: [] });
		expect(once.notOnBothProcesses).toEqual([]);
		const byWorker = await expectRunOnceEachByAWorker(executions);
		report('Syniverse SCG Trigger', {
			events: sentIds.length,
			redeliveries: sentIds.length * 2,
			executions: executions.length,
			runsPastClaim: once.runsPastClaim,
			lost: once.tally.lost.length,
			duplicates: once.tally.duplicated.length,
			removeDuplicatesInstead: once.removeDuplicates,
			byWebhookProcess: once.callsByProcess,
			byWorker,
		});
	});

	it('Hoiio Trigger (scaled-out auto-reply example): 20 incoming SMS, each delivered and then sent again twice, 20 replies', async () => {
		const hoiio = new SandboxControl('hoiio');
		await hoiio.reset();
		await control(hoiio, 'hoiio/notify-delay', { ms: 'manual' });
		const usNumber = '+12015550101';
		const { id } = await n8n.importExample('scaling-out/hoiio-auto-reply-once.json');
		await until(
			() => hoiio.state<{ numbers: { number: string; forward_sms_to: string }[] }>(),
			(state) => state.numbers.some((n) => n.number === usNumber && n.forward_sms_to !== ''),
		);
		await balancedCalls({ clear: true });

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
		const { deliveries } = await hoiio.state<{ deliveries: HoiioDelivery[] }>();
		expect(deliveries.map((delivery) => delivery.status)).toEqual(sent.map(() => 200));
		await settledExecutions(n8n, id, 20, { includeData: false });

		// Each notification posted again twice in a row, as a sender that saw no answer would.
		const again: HoiioDelivery[] = [];
		const resender = new Notifier('manual', () => again);
		for (const delivery of deliveries)
			for (let time = 0; time < 2; time++) {
				resender.post(delivery.url, delivery.event, delivery.params);
				await resender.flush();
			}
		expect(again.map((delivery) => delivery.status)).toEqual(again.map(() => 200));
		const executions = await settledExecutions(n8n, id, 20, { quietMs: 3000 });

		const keys = sent.map((txnRef) => `incomingSms:${txnRef}`);
		const once = await exactlyOnce(executions, keys, (call) => {
			const query = new URL(call.url, 'http://balancer').searchParams.get('txn_ref');
			return query ? [`incomingSms:${query}`] : [];
		});
		expect(once.tally).toEqual({ lost: [], duplicated: [], unexpected: [] });
		expect(once.notOnBothProcesses).toEqual([]);
		const byWorker = await expectRunOnceEachByAWorker(executions);
		// The work itself: one reply per incoming SMS, to its sender, none twice.
		const received = executions
			.filter((execution) => nodeOutput(execution, 'Reply').length > 0)
			.flatMap((execution) => nodeOutput(execution, 'SMS To Our Number'));
		const replies = (await hoiio.state<{ sms: { tag?: string; dest: string }[] }>()).sms.filter(
			(sms) => sms.tag === 'auto-reply',
		);
		expect(replies.map((sms) => sms.dest).sort()).toEqual(
			received.map((item) => String(item.from)).sort(),
		);
		expect(replies).toHaveLength(20);
		report('Hoiio Trigger', {
			events: sent.length,
			redeliveries: again.length,
			executions: executions.length,
			runsPastClaim: once.runsPastClaim,
			replies: replies.length,
			lost: once.tally.lost.length,
			duplicates: once.tally.duplicated.length,
			byWebhookProcess: once.callsByProcess,
			byWorker,
		});
	});

	it('Vumi Go Trigger: the campaign example’s acks and delivery reports and 14 inbound messages, each pushed and then pushed again twice', async () => {
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
		await balancedCalls({ clear: true });
		const { deliveries } = await control<{
			deliveries: { body: Record<string, unknown>; outcome: string; status?: number }[];
		}>(vumiGo, 'vumiGo/flush');
		expect(deliveries).toHaveLength(20);
		expect(deliveries.map((delivery) => delivery.outcome)).toEqual(
			deliveries.map(() => 'delivered'),
		);
		const key = (body: Record<string, unknown>) =>
			body.message_type === 'event'
				? `event:${String(body.event_id)}`
				: `message:${String(body.message_id)}`;
		await settledExecutions(n8n, triggerId, 20, { includeData: false });

		// Vumi Go pushes again what it thinks failed: each push twice more, in a row.
		for (const { body } of deliveries)
			for (let time = 0; time < 2; time++) {
				const again = await n8n.webhook<{ status: string }>('POST', `${webhookId}/webhook`, body);
				expect(again.status).toBe(200);
			}
		const executions = await settledExecutions(n8n, triggerId, 20, { quietMs: 3000 });

		const once = await exactlyOnce(
			executions,
			deliveries.map((delivery) => key(delivery.body)),
			(call) => {
				const body = jsonBody(call);
				return body && typeof body === 'object' ? [key(body as Record<string, unknown>)] : [];
			},
		);
		expect(once.tally).toEqual({ lost: [], duplicated: [], unexpected: [] });
		expect(once.notOnBothProcesses).toEqual([]);
		const passed = executions
			.filter((execution) => nodeOutput(execution, firstClaimNode).length > 0)
			.flatMap((execution) => nodeOutput(execution, triggerNode));
		expect(passed.filter((item) => item.event === 'ack')).toHaveLength(3);
		expect(passed.filter((item) => item.event === 'delivery_report')).toHaveLength(3);
		const byWorker = await expectRunOnceEachByAWorker(executions);
		report('Vumi Go Trigger', {
			events: deliveries.length,
			redeliveries: deliveries.length * 2,
			executions: executions.length,
			runsPastClaim: once.runsPastClaim,
			lost: once.tally.lost.length,
			duplicates: once.tally.duplicated.length,
			removeDuplicatesInstead: once.removeDuplicates,
			byWebhookProcess: once.callsByProcess,
			byWorker,
		});
	});
});

describe('Queue mode: the MQTT trigger on the main', () => {
	it('SmartLiving Trigger: 20 states published over MQTT, one run each, in order', async () => {
		const smartLiving = new SandboxControl('smartLiving');
		await smartLiving.reset();
		await control(smartLiving, 'smartLiving/mqtt/wipe');
		const publish = (value: number) =>
			control(smartLiving, 'smartLiving/device-state', {
				assetId: 'asset-thermostat-temperature',
				value,
				platform: 'maker',
			});
		try {
			const id = await n8n.createWorkflow(
				plainTriggerWorkflow('queue: SmartLiving Trigger', {
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
			await smartLiving.untilMqttSubscribed();
			const values = Array.from({ length: 20 }, (_, index) => index + 1);
			for (const value of values) await publish(value);

			const executions = await settledExecutions(n8n, id, 20);
			const received = executions.flatMap((execution) => nodeOutput(execution, 'Trigger'));
			// One message at a time: each run finished on its worker before the next message was emitted.
			expect(received.map((item) => item.value)).toEqual(values);
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

describe('Queue mode: a send on a worker reports to the trigger behind the webhook processes', () => {
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
