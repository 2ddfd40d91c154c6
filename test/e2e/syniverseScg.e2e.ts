/**
 * Syniverse SCG inside a real n8n: a workflow sends through the Message Request → Create operation, and an
 * activated SCG Trigger workflow registers itself with the emulator's Event Manager and receives the delivery
 * events of that send at n8n's production webhook URL. Message progress runs only on the emulator's flush,
 * which also waits until every event was answered, so each step is deterministic.
 */
import { randomUUID } from 'node:crypto';

import {
	N8n,
	SandboxControl,
	nodeOutput,
	nodeType,
	uniquePath,
	webhookWorkflow,
	type Execution,
	type Workflow,
} from './n8n-client';

interface ScgState {
	messageRequests: { id: string; state: string; to: string[]; recipient_count: number }[];
	messages: {
		id: string;
		message_request_id: string | null;
		state: string;
		to_address: string;
	}[];
	deliveryConfigurations: { id: string; addr: string; 'is-active': boolean }[];
	subscriptions: { id: string; topic: string; 'del-cfg-id': string }[];
	events: { event_id: string; event_type: string; body: { event: Record<string, unknown> } }[];
	deliveries: {
		event_id: string;
		event_type: string;
		attempt: number;
		status?: number;
		error?: string;
	}[];
}

/** The sandbox seed (sandbox/syniverseScg/state.ts). */
const seed = {
	activeSenderId: 'SeedSender000000000001',
	groupId: 'SeedGroup0000000000001',
	groupMdns: ['+14155550101', '+14155550102'],
	failingAddress: '+15005550001',
};

const n8n = new N8n();
const scg = new SandboxControl('syniverseScg');
const credentials = { syniverseScgApi: { id: '', name: '' } };

const control = async <T = unknown>(action: string, body: unknown = {}): Promise<T> => {
	const response = await fetch(`${new URL(scg.baseUrl).origin}/__sandbox/syniverseScg/${action}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (response.status >= 300)
		throw new Error(`/__sandbox/syniverseScg/${action}: ${response.status}`);
	return (await response.json()) as T;
};

/** Runs every pending send step and waits until n8n answered every event it caused. */
const flush = () => control<{ steps: number; deliveries: number }>('flush');
const state = () => scg.state<ScgState>();

/** The sandbox state once `ready` holds for it (activation and deactivation finish a moment after the call). */
async function stateWhen(
	ready: (current: ScgState) => boolean,
	timeoutMs = 15_000,
): Promise<ScgState> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const current = await state();
		if (ready(current) || Date.now() > deadline) return current;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
const productionUrl = (webhookId: string) => `${n8n.url}/webhook/${webhookId}/webhook`;

/** An activated workflow: the SCG Trigger for the chosen events, its items kept by a No Op node. */
function triggerWorkflow(events: string[]): { workflow: Workflow; webhookId: string } {
	const webhookId = randomUUID();
	return {
		webhookId,
		workflow: {
			name: `e2e: SCG Trigger ${events.join(', ')}`,
			active: true,
			nodes: [
				{
					name: 'Syniverse SCG Trigger',
					type: nodeType('syniverseScgTrigger'),
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: { events },
					credentials,
				},
				{
					name: 'Event',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
				},
			],
			connections: {
				'Syniverse SCG Trigger': { main: [[{ node: 'Event', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		},
	};
}

/** The one item each trigger execution started with. */
const triggerItems = (executions: Execution[], node = 'Syniverse SCG Trigger') =>
	executions.flatMap((execution) => nodeOutput(execution, node));

beforeEach(async () => {
	await scg.reset();
	// Sends wait for the flush instead of moving on their own timers.
	await control('settings', { autoProgress: false });
});

afterEach(async () => {
	await n8n.cleanUp();
});

describe('Syniverse SCG in n8n: send, and receive the delivery events through the trigger', () => {
	it('registers on activation, runs once per delivery event it was asked for, and unregisters on deactivation', async () => {
		const { workflow, webhookId } = triggerWorkflow(['message_state_change']);
		const triggerId = await n8n.createWorkflow(workflow);

		// Activation: a delivery configuration pointing at n8n's production URL, with a secret as Basic auth, and
		// a subscription to SCG-Message through it.
		const registered = await stateWhen((current) => current.subscriptions.length > 0);
		expect(registered.deliveryConfigurations).toHaveLength(1);
		const [configuration] = registered.deliveryConfigurations;
		const webhookUrl = new URL(productionUrl(webhookId));
		webhookUrl.username = 'n8n';
		webhookUrl.password = '*****';
		expect(configuration).toMatchObject({ addr: webhookUrl.href, 'is-active': true });
		expect(registered.subscriptions).toEqual([
			expect.objectContaining({ topic: 'SCG-Message', 'del-cfg-id': configuration.id }),
		]);

		// The send: one number that is delivered, one that fails.
		const path = uniquePath('scg-send');
		await n8n.createWorkflow(
			webhookWorkflow('e2e: SCG send', path, [
				{
					name: 'Send SMS',
					type: nodeType('syniverseScg'),
					typeVersion: 1,
					parameters: {
						resource: 'messageRequest',
						operation: 'create',
						sender: seed.activeSenderId,
						recipients: '={{ $json.body.to }}',
						messageType: 'SMS',
						message: '={{ $json.body.message }}',
						additionalFields: {},
					},
					credentials,
				},
			]),
		);
		const answer = await n8n.webhook<{ id: string; state: string; to: string[] }[]>('POST', path, {
			to: ['+1 408 555 1212', seed.failingAddress],
			message: 'Your technician arrives at 10:00',
		});

		expect(answer.status).toBe(200);
		const [sent] = answer.json;
		expect(sent).toMatchObject({
			id: expect.any(String),
			to: ['+14085551212', seed.failingAddress],
		});
		expect((await state()).messageRequests.at(-1)).toMatchObject({ id: sent.id, state: 'PENDING' });
		expect(await n8n.executions(triggerId, 0)).toHaveLength(0);

		// Transmit, then delivery reports: every event reaches n8n and is answered 200.
		await flush();
		const after = await state();
		const messages = after.messages.filter((message) => message.message_request_id === sent.id);
		expect(messages.map(({ to_address, state }) => ({ to_address, state }))).toEqual([
			{ to_address: '+14085551212', state: 'DELIVERED' },
			{ to_address: seed.failingAddress, state: 'FAILED' },
		]);
		expect(after.deliveries.map((delivery) => delivery.status)).toEqual(
			after.deliveries.map(() => 200),
		);
		expect(after.deliveries.map((delivery) => delivery.event_type).sort()).toEqual([
			'message_request_state_change',
			'message_request_state_change',
			'message_state_change',
			'message_state_change',
			'message_state_change',
			'message_state_change',
		]);

		// One execution per message state change; the request's own state changes started none.
		const executions = await n8n.executions(triggerId, 4);
		expect(executions.map((execution) => execution.status)).toEqual([
			'success',
			'success',
			'success',
			'success',
		]);
		const items = triggerItems(executions);
		const summary = items
			.map(({ eventType, messageRequestId, to, state, previousState, reason }) => ({
				eventType,
				messageRequestId,
				to,
				state,
				previousState,
				reason,
			}))
			.sort((a, b) => `${a.state}${a.to}`.localeCompare(`${b.state}${b.to}`));
		expect(summary).toEqual([
			{
				eventType: 'message_state_change',
				messageRequestId: sent.id,
				to: '+14085551212',
				state: 'DELIVERED',
				previousState: 'SENT',
				reason: 'SUCCESS',
			},
			{
				eventType: 'message_state_change',
				messageRequestId: sent.id,
				to: seed.failingAddress,
				state: 'FAILED',
				previousState: 'SENT',
				reason: 'Destination address unreachable',
			},
			{
				eventType: 'message_state_change',
				messageRequestId: sent.id,
				to: '+14085551212',
				state: 'SENT',
				previousState: 'PENDING',
				reason: 'SUCCESS',
			},
			{
				eventType: 'message_state_change',
				messageRequestId: sent.id,
				to: seed.failingAddress,
				state: 'SENT',
				previousState: 'PENDING',
				reason: 'SUCCESS',
			},
		]);
		expect(items[0]).toHaveProperty('event.event.evt-tp', 'message_state_change');

		// Redeliveries of the same events (higher attempt) are acknowledged and start no second run, although
		// all four first arrived side by side.
		for (const item of items) {
			const redelivery = await control<{ attempt: number; status: number }>(
				`events/${String(item.eventId)}/redeliver`,
			);
			expect(redelivery).toMatchObject({ attempt: 2, status: 200 });
		}
		// A call without the secret is refused by the trigger.
		const forged = await fetch(productionUrl(webhookId), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(after.events[0].body),
		});
		expect(forged.status).toBe(401);
		await flush();
		const runs = await n8n.executions(triggerId, 4);
		if (n8n.webhookProcesses === 1) expect(runs).toHaveLength(4);
		else {
			// A redelivery can reach a webhook process that has not seen the event, and the trigger runs it there:
			// at most once per process. The claim after the trigger that keeps such a run from doing the work
			// twice is the queue suite's to show (test/queue/triggers.e2e.ts).
			const runsPerEvent = new Map<string, number>();
			for (const item of triggerItems(runs))
				runsPerEvent.set(String(item.eventId), (runsPerEvent.get(String(item.eventId)) ?? 0) + 1);
			expect([...runsPerEvent.keys()].sort()).toEqual(
				items.map((item) => String(item.eventId)).sort(),
			);
			expect(Math.max(...runsPerEvent.values())).toBeLessThanOrEqual(n8n.webhookProcesses);
		}

		// Deactivation removes both halves of the registration.
		await n8n.api('POST', `/workflows/${triggerId}/deactivate`);
		const removed = await stateWhen((current) => current.deliveryConfigurations.length === 0);
		expect(removed.subscriptions).toEqual([]);
		expect(removed.deliveryConfigurations).toEqual([]);
	});
});

describe('Syniverse SCG examples', () => {
	it('campaign to a contact group, with the delivery reports logged by the trigger workflow', async () => {
		const reports = await n8n.importExample('syniverseScg-log-delivery-reports.json');
		await n8n.importExample('syniverseScg-sms-campaign-to-group-webhook.json');
		expect(
			(await stateWhen((current) => current.subscriptions.length > 0)).subscriptions,
		).toHaveLength(1);

		const answer = await n8n.webhook<Record<string, unknown>>('POST', 'syniverse-scg/campaign', {
			groupId: seed.groupId,
			message: 'Night shift: the cold room alarm test starts at 22:00.',
			campaignId: 'alarm-test',
		});

		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			messageRequestId: expect.any(String),
			state: 'PENDING',
			recipientCount: 2,
			campaignId: 'alarm-test',
		});
		const requestId = answer.json.messageRequestId as string;
		const request = (await state()).messageRequests.find((candidate) => candidate.id === requestId);
		expect(request?.to).toEqual([`group:${seed.groupId}`]);

		await flush();

		// Two SENT and two DELIVERED events; only the final states reach the report.
		const executions = await n8n.executions(reports.id, 4);
		expect(executions).toHaveLength(4);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
		const logged = executions
			.flatMap((execution) => nodeOutput(execution, 'Delivery Report'))
			.sort((a, b) => String(a.to).localeCompare(String(b.to)));
		expect(logged).toEqual(
			seed.groupMdns.map((to) => ({
				messageId: expect.any(String),
				messageRequestId: requestId,
				to,
				state: 'DELIVERED',
				delivered: true,
				reason: 'SUCCESS',
				reportedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			})),
		);
	});
});
