/**
 * Load on the queue-mode installation: 5,000 Hoiio incoming-SMS notifications to an activated Hoiio Trigger
 * workflow, sent the way the Hoiio sandbox sends its callbacks (its Notifier: the trigger's forwarding URL
 * with the trigger's token, the parameters in the query string and again as a form body, 5 s to answer),
 * as fast as n8n takes them. The main answers each call and enqueues one execution; the two workers run
 * them. Every event must become exactly one finished execution: none lost, none run twice. The figures go
 * to the log as `[load]` lines. "Within a minute" (83 calls a second) is reported, not asserted: on two
 * cores the main's intake of about 15-25 calls a second is the limit (see the setup's expression engine).
 */
import { N8n, SandboxControl, nodeOutput, nodeType } from '../e2e/n8n-client';
import { Notifier } from '../../sandbox/hoiio/notifier';
import type { HoiioDelivery } from '../../sandbox/hoiio/state';
import { gmt8 } from '../../sandbox/hoiio/wire';
import { countExecutions, everyExecution, matchEvents, tallyWorkers } from './queue';

const events = 5000;
/**
 * Calls in flight at once: a provider's callback senders, each waiting for its answer before the next. The
 * main's CPU is the limit, so more lanes add waiting, not throughput, and calls past 5 s time out.
 */
const lanes = 16;
const targetMs = 60_000;
/** How long sending may take at all, and the workers to finish the queue after it. */
const sendTimeoutMs = 420_000;
const drainTimeoutMs = 120_000;
const usNumber = '+12015550101';

const n8n = new N8n();
const hoiio = new SandboxControl('hoiio');

function log(line: string): void {
	process.stderr.write(`[load] ${line}\n`);
}

afterAll(async () => {
	await n8n.cleanUp();
});

describe('Queue mode under load', () => {
	it(
		`${events} webhook events as fast as n8n takes them: each becomes exactly one finished execution`,
		async () => {
			await hoiio.reset();
			const workflowId = await n8n.createWorkflow({
				name: 'queue: load on the Hoiio Trigger',
				active: true,
				nodes: [
					{
						name: 'Trigger',
						type: nodeType('hoiioTrigger'),
						typeVersion: 1,
						position: [0, 0],
						webhookId: 'a3c1f0de-5b7e-4c2a-9d1e-0f4b5c6d7e80',
						parameters: { events: ['incomingSms'], hoiioNumber: usNumber },
						credentials: { hoiioApi: { id: '', name: '' } },
					},
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
			});
			// Activation points the number's SMS forwarding at the trigger, token included.
			let url = '';
			for (const deadline = Date.now() + 15_000; url === '' && Date.now() < deadline; ) {
				const { numbers } = await hoiio.state<{
					numbers: { number: string; forward_sms_to: string }[];
				}>();
				url = numbers.find((number) => number.number === usNumber)?.forward_sms_to ?? '';
				if (url === '') await new Promise((resolve) => setTimeout(resolve, 200));
			}
			expect(url).toMatch(/n8n_token=/);

			// Send: each lane is a sandbox Notifier posting one notification and waiting for its answer.
			const deliveries: HoiioDelivery[] = [];
			const sent: string[] = [];
			let next = 0;
			const sendStarted = Date.now();
			await Promise.all(
				Array.from({ length: lanes }, async () => {
					const notifier = new Notifier('manual', () => deliveries);
					while (next < events) {
						const index = next++;
						const txnRef = `LOAD-${String(index + 1).padStart(5, '0')}`;
						sent.push(txnRef);
						notifier.post(url, 'incoming_sms', {
							txn_ref: txnRef,
							msg: `Load test message ${index + 1}`,
							from: `+6598${String(index).padStart(6, '0')}`,
							to: usNumber,
							date: gmt8(new Date()),
						});
						await notifier.flush();
					}
				}),
			);
			const sendMs = Date.now() - sendStarted;
			const accepted = deliveries.filter((delivery) => delivery.status === 200).length;
			const refused = deliveries.filter(
				(delivery) => delivery.status !== undefined && delivery.status !== 200,
			);
			const failed = deliveries.filter((delivery) => delivery.status === undefined);
			log(
				`sent ${deliveries.length} in ${(sendMs / 1000).toFixed(1)} s (${((deliveries.length * 1000) / sendMs).toFixed(0)}/s), accepted ${accepted}, refused ${refused.length}, no answer in 5 s ${failed.length}`,
			);

			// Drain: wait until every event's execution has finished (the database's count, as the editor shows).
			let finished = 0;
			let lastProgress = Date.now();
			for (const deadline = Date.now() + drainTimeoutMs; ; ) {
				finished = await countExecutions(n8n, workflowId);
				if (finished >= events || Date.now() > deadline) break;
				if (Date.now() - lastProgress > 15_000) {
					log(
						`${finished} of ${events} executions finished after ${((Date.now() - sendStarted) / 1000).toFixed(0)} s`,
					);
					lastProgress = Date.now();
				}
				await new Promise((resolve) => setTimeout(resolve, 1000));
			}
			const drainedMs = Date.now() - sendStarted;
			// A moment more: a duplicate would still arrive.
			await new Promise((resolve) => setTimeout(resolve, 2000));

			const { executions, hiddenFromList } = await everyExecution(n8n, workflowId, {
				includeData: true,
			});
			const succeeded = executions.filter((execution) => execution.status === 'success');
			const ran = executions.flatMap((execution) =>
				nodeOutput(execution, 'Trigger').map((item) => String(item.txn_ref)),
			);
			const { lost, duplicated, unexpected } = matchEvents(sent, ran);
			const tally = await tallyWorkers(executions);
			const starts = executions.map((execution) => Date.parse(execution.startedAt));
			const stops = executions
				.map((execution) => Date.parse(execution.stoppedAt ?? ''))
				.filter((time) => !Number.isNaN(time));
			const firstStart = Math.min(...starts);
			const lastStop = Math.max(...stops);
			const perSecond = (succeeded.length * 1000) / (lastStop - firstStart);
			log(
				`executions finished ${succeeded.length} of ${executions.length}, duplicates ${duplicated.length}, lost ${lost.length}, unexpected ${unexpected.length}; ${hiddenFromList} missing from the public API's list`,
			);
			log(
				`executions/s ${perSecond.toFixed(1)} (first start to last stop, ${((lastStop - firstStart) / 1000).toFixed(1)} s); all done ${(drainedMs / 1000).toFixed(1)} s after the first send`,
			);
			log(
				`by worker ${JSON.stringify(tally.byWorker)}, on no worker ${tally.notOnAWorker.length}, started twice ${tally.startedTwice.length}`,
			);

			log(
				sendMs <= targetMs
					? `all ${events} sent within a minute`
					: `not within a minute: ${(sendMs / 1000).toFixed(0)} s; a minute needs ${(events / 60).toFixed(0)} calls/s`,
			);

			expect(deliveries).toHaveLength(events);
			// No call was refused; one the sender gave up on (no answer in 5 s) must still run exactly once.
			expect(refused).toEqual([]);
			expect({ lost, duplicated, unexpected }).toEqual({
				lost: [],
				duplicated: [],
				unexpected: [],
			});
			expect(succeeded).toHaveLength(events);
			expect(executions).toHaveLength(events);
			expect(tally.notOnAWorker).toEqual([]);
			expect(tally.startedTwice).toEqual([]);
			// Both workers took their share of the queue.
			for (const count of Object.values(tally.byWorker)) expect(count).toBeGreaterThan(0);
		},
		sendTimeoutMs + drainTimeoutMs + 120_000,
	);
});
