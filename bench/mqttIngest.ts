/**
 * 7. MQTT ingest in a real n8n: N QoS 1 messages (10,000 in the issue; BENCH_MQTT_MESSAGES) published on one
 * device state topic of the SmartLiving emulator's broker, into an activated workflow whose only node is
 * the SmartLiving Trigger (one execution per message, then batches of BENCH_MQTT_BATCH) or n8n's own MQTT
 * Trigger on the same broker and topic. Throughput: messages found in finished executions per second, from
 * the first publish to the last execution's stoppedAt. Lost: PUBACKed by the broker, in no execution.
 */
import { randomUUID } from 'node:crypto';

import mqtt from 'mqtt';

import { SmartLivingEmulator, smartLivingSeed } from '../sandbox';
import type { BenchN8n, Execution, WorkflowNode } from './support/n8nServer';
import { connectBenchN8n } from './support/n8nServer';
import type { BenchResult } from './support/report';
import { fixed, median, runBenchmark, table } from './support/report';

const MESSAGES = Number(process.env.BENCH_MQTT_MESSAGES ?? 10_000);
const BATCH = Number(process.env.BENCH_MQTT_BATCH ?? 100);
/** Give up on a run after this long (a full 10,000 of one execution each can take many minutes). */
const MAX_SECONDS = Number(process.env.BENCH_MQTT_MAX_SECONDS ?? 1800);
/** A run is over when no execution was added or finished for this long. */
const STALL_MS = 15_000;
const DEVICE = smartLivingSeed.deviceIds.thermostat;
const TOPIC = `device/${DEVICE}/asset/temperature/state`;
const TOKEN = smartLivingSeed.makerGroundToken;
const TRIGGER = 'Trigger';

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

interface Variant {
	label: string;
	node: Omit<WorkflowNode, 'name' | 'position'>;
	/** Executions expected for N messages, when each message starts one. */
	oneExecutionPerMessage: boolean;
}

interface Outcome {
	label: string;
	acked: number;
	delivered: number;
	lost: number;
	duplicates: number;
	executions: number;
	failedExecutions: number;
	/** Executions n8n still listed as new or running when the counts had stopped moving (no data to read). */
	stuckExecutions: number;
	/** First publish → last execution's stoppedAt. */
	seconds: number;
	perSecond: number;
	publishSeconds: number;
	latencyMedian: number;
	latencyMax: number;
	timedOut: boolean;
}

/** The message number a bench message carries as its value; probes carry -1. */
function sequenceOf(json: Record<string, unknown>): number | undefined {
	const value =
		typeof json.message === 'object' && json.message !== null
			? (json.message as Record<string, unknown>).value
			: json.value;
	return typeof value === 'number' ? value : undefined;
}

/** Publishes a probe until the trigger runs for one: it is then connected and subscribed. */
async function waitUntilListening(
	n8n: BenchN8n,
	workflowId: string,
	publisher: mqtt.MqttClient,
): Promise<void> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		await publisher.publishAsync(TOPIC, JSON.stringify({ value: -1 }), { qos: 1 });
		const waitUntil = Date.now() + 2000;
		while (Date.now() < waitUntil) {
			if ((await n8n.executionCount(workflowId)).total > 0) return;
			await sleep(250);
		}
		if (Date.now() > deadline) throw new Error('the trigger never ran for a probe message');
	}
}

/** Waits until the execution counts stop changing; early when `expected` executions have all finished. */
async function waitUntilSettled(
	n8n: BenchN8n,
	workflowId: string,
	stallMs: number,
	deadline: number,
	expected?: number,
): Promise<boolean> {
	let last = '';
	let changedAt = Date.now();
	for (;;) {
		let count: { total: number; unfinished: number };
		try {
			count = await n8n.executionCount(workflowId);
		} catch (error) {
			// n8n did not answer for minutes (its database, see the client); the run ends here.
			console.log(`  n8n stopped answering: ${(error as Error).message.slice(0, 200)}`);
			return true;
		}
		const key = `${count.total}/${count.unfinished}`;
		if (key !== last) {
			last = key;
			changedAt = Date.now();
		}
		if (count.unfinished === 0 && expected !== undefined && count.total >= expected) return false;
		// Executions that stay "running" without a change for this long never finish (n8n loses them).
		if (Date.now() - changedAt >= stallMs) return false;
		if (Date.now() > deadline) return true;
		await sleep(1000);
	}
}

async function connectPublisher(url: string): Promise<mqtt.MqttClient> {
	return await mqtt.connectAsync(url, {
		clientId: `bench-publisher-${randomUUID().slice(0, 8)}`,
		username: TOKEN,
		password: TOKEN,
		clean: true,
		reconnectPeriod: 0,
		protocolVersion: 4,
	});
}

async function main(): Promise<BenchResult> {
	const emulator = new SmartLivingEmulator();
	const apiUrl = await emulator.start();
	const { n8n, close } = await connectBenchN8n();
	const smartLivingCredential = await n8n.createCredential('SmartLiving bench', 'smartLivingApi', {
		platform: 'maker',
		token: TOKEN,
		makerScope: 'ground',
		makerApiUrl: apiUrl,
		brokerHost: emulator.mqttUrl,
		brokerPort: 0,
		brokerTls: false,
	});
	const mqttCredential = await n8n.createCredential('MQTT bench (SmartLiving broker)', 'mqtt', {
		protocol: 'mqtt',
		host: '127.0.0.1',
		port: emulator.mqttPort,
		username: TOKEN,
		password: TOKEN,
		clean: true,
		clientId: '',
		ssl: false,
	});

	const smartLivingTrigger = (options: Record<string, unknown>) => ({
		type: 'n8n-nodes-telco-iot-mqtt.smartLivingTrigger',
		typeVersion: 1,
		parameters: {
			level: 'asset',
			direction: 'out',
			kinds: ['state'],
			assetBy: 'device',
			deviceId: DEVICE,
			assetName: 'temperature',
			options,
		},
		credentials: { smartLivingApi: smartLivingCredential },
	});
	const unbatched: Variant = {
		label: 'SmartLiving Trigger, no batching (one execution per message, one at a time)',
		node: smartLivingTrigger({}),
		oneExecutionPerMessage: true,
	};
	const batched: Variant = {
		label: `SmartLiving Trigger, Batch Size ${BATCH}, Batch Window 1,000 ms`,
		node: smartLivingTrigger({ batchSize: BATCH, batchWindowMs: 1000 }),
		oneExecutionPerMessage: false,
	};
	const builtIn: Variant = {
		label: "n8n's MQTT Trigger, QoS 1, JSON Parse Body (parallel processing, its default)",
		node: {
			type: 'n8n-nodes-base.mqttTrigger',
			typeVersion: 1,
			parameters: { topics: `${TOPIC}:1`, options: { jsonParseBody: true } },
			credentials: { mqtt: mqttCredential },
		},
		oneExecutionPerMessage: true,
	};

	const run = async (variant: Variant): Promise<Outcome> => {
		// A fresh broker: no session or queue of an earlier run's trigger is left to slow this one down.
		await emulator.wipeBroker();
		const id = await n8n.createWorkflow({
			name: `bench 7: ${variant.label}`,
			nodes: [{ name: TRIGGER, position: [0, 0], ...variant.node }],
			connections: {},
		});
		const publisher = await connectPublisher(emulator.mqttUrl);
		try {
			await n8n.activate(id);
			await waitUntilListening(n8n, id, publisher);
			await waitUntilSettled(n8n, id, 3000, Date.now() + 60_000);
			const probes = (await n8n.executionCount(id)).total;

			const publishedAt = new Array<number>(MESSAGES);
			const acked = new Set<number>();
			const started = Date.now();
			await Promise.all(
				Array.from({ length: MESSAGES }, async (_value, index) => {
					publishedAt[index] = Date.now();
					try {
						await publisher.publishAsync(
							TOPIC,
							JSON.stringify({ value: index, at: new Date().toISOString() }),
							{ qos: 1 },
						);
						acked.add(index);
					} catch {
						// Not acknowledged: not counted as lost either.
					}
				}),
			);
			const publishSeconds = (Date.now() - started) / 1000;
			console.log(
				`  ${variant.label}: ${acked.size}/${MESSAGES} PUBACKed in ${fixed(publishSeconds, 1)} s; waiting for the executions`,
			);
			const timedOut = await waitUntilSettled(
				n8n,
				id,
				STALL_MS,
				started + MAX_SECONDS * 1000,
				variant.oneExecutionPerMessage ? probes + MESSAGES : undefined,
			);

			// The public API lists finished executions only; the internal one counts the others.
			const stuckExecutions = await n8n
				.executionCount(id)
				.then((count) => count.unfinished)
				.catch(() => Number.NaN);
			const fetchStarted = Date.now();
			const executions: Execution[] = await n8n.executions(id, true);
			const seen = new Map<number, number>();
			const latencies: number[] = [];
			let lastStop = started;
			let benchExecutions = 0;
			let failedExecutions = 0;
			for (const execution of executions) {
				const runs = execution.data?.resultData.runData[TRIGGER] ?? [];
				const sequences = runs
					.flatMap((nodeRun) => nodeRun.data?.main[0] ?? [])
					.map((item) => sequenceOf(item.json))
					.filter((sequence): sequence is number => sequence !== undefined && sequence >= 0);
				if (sequences.length === 0 || !execution.stoppedAt) continue;
				benchExecutions++;
				if (execution.status !== 'success') failedExecutions++;
				const stopped = Date.parse(execution.stoppedAt ?? execution.startedAt);
				lastStop = Math.max(lastStop, stopped);
				for (const sequence of sequences) {
					seen.set(sequence, (seen.get(sequence) ?? 0) + 1);
					latencies.push(stopped - publishedAt[sequence]);
				}
			}
			const delivered = [...acked].filter((sequence) => seen.has(sequence)).length;
			const seconds = (lastStop - started) / 1000;
			const outcome: Outcome = {
				label: variant.label,
				acked: acked.size,
				delivered,
				lost: acked.size - delivered,
				duplicates: [...seen.values()].reduce((sum, count) => sum + count - 1, 0),
				executions: benchExecutions,
				failedExecutions,
				stuckExecutions,
				seconds,
				perSecond: seconds > 0 ? delivered / seconds : 0,
				publishSeconds,
				latencyMedian: latencies.length > 0 ? median(latencies) / 1000 : 0,
				latencyMax: latencies.length > 0 ? Math.max(...latencies) / 1000 : 0,
				timedOut,
			};
			console.log(
				`  → ${delivered}/${acked.size} in ${benchExecutions} executions over ${fixed(seconds, 1)} s (${fixed(outcome.perSecond, 1)} msg/s), ${outcome.lost} lost, ${outcome.duplicates} duplicates, ${stuckExecutions} executions never finished${timedOut ? ', GAVE UP WAITING' : ''}; reading ${executions.length} executions took ${fixed((Date.now() - fetchStarted) / 1000, 1)} s`,
			);
			return outcome;
		} finally {
			await publisher.endAsync().catch(() => undefined);
			await n8n.removeWorkflow(id);
		}
	};

	const only = (process.env.BENCH_MQTT_VARIANTS ?? '').split(',').filter(Boolean);
	const variants = [batched, unbatched, builtIn].filter(
		(_variant, index) => only.length === 0 || only.includes(String(index)),
	);
	console.log(
		`\n7. MQTT ingest: ${MESSAGES} QoS 1 messages on ${TOPIC} into a real n8n (one trigger node per workflow)\n`,
	);
	const outcomes: Outcome[] = [];
	const failures: string[] = [];
	const started = Date.now();
	try {
		for (const variant of variants) {
			try {
				outcomes.push(await run(variant));
			} catch (error) {
				failures.push(`${variant.label}: ${(error as Error).message.slice(0, 300)}`);
				console.log(`  ${failures.at(-1)}`);
			}
		}
	} finally {
		await n8n.deleteCredential(smartLivingCredential.id);
		await n8n.deleteCredential(mqttCredential.id);
		await close();
		await emulator.close();
	}

	console.log(
		`\n${table(
			[
				'trigger',
				'PUBACKed',
				'in executions',
				'lost',
				'duplicates',
				'executions',
				'failed',
				'never finished',
				'publish → last stop',
				'messages/s',
				'latency median',
				'latency max',
			],
			outcomes.map((outcome) => [
				outcome.label + (outcome.timedOut ? ' (gave up waiting)' : ''),
				String(outcome.acked),
				String(outcome.delivered),
				String(outcome.lost),
				String(outcome.duplicates),
				String(outcome.executions),
				String(outcome.failedExecutions),
				String(outcome.stuckExecutions),
				`${fixed(outcome.seconds, 1)} s`,
				fixed(outcome.perSecond, 1),
				`${fixed(outcome.latencyMedian, 1)} s`,
				`${fixed(outcome.latencyMax, 1)} s`,
			]),
		)}\n`,
	);
	console.log(`All runs: ${fixed((Date.now() - started) / 1000, 0)} s`);

	const find = (variant: Variant) => outcomes.find((outcome) => outcome.label === variant.label);
	const ours = [find(batched), find(unbatched)].filter((outcome) => outcome !== undefined);
	const baseline = find(builtIn);
	const rate = (outcome?: Outcome) =>
		outcome ? `${fixed(outcome.perSecond, 1)} msg/s, ${outcome.lost} lost` : 'not run';
	const versus = (outcome?: Outcome) =>
		outcome && baseline && baseline.perSecond > 0
			? `${fixed(outcome.perSecond / baseline.perSecond, 2)}×`
			: 'n/a';
	return {
		name: '7. MQTT ingest',
		subject: `batched: ${rate(find(batched))}; unbatched: ${rate(find(unbatched))}`,
		baseline: `n8n MQTT Trigger: ${rate(baseline)}${baseline ? `, ${baseline.duplicates} duplicates` : ''}`,
		ratio: `batched ${versus(find(batched))}, unbatched ${versus(find(unbatched))} the built-in's msg/s`,
		target: `0 lost of ${MESSAGES}`,
		held:
			ours.length > 0 &&
			ours.length === variants.filter((variant) => variant !== builtIn).length &&
			ours.every(
				(outcome) => outcome.lost === 0 && outcome.acked === MESSAGES && !outcome.timedOut,
			),
		note: [
			...failures.map((failure) => `FAILED ${failure}`),
			...outcomes.map(
				(outcome) =>
					`${outcome.label}: ${outcome.executions} executions, latency median ${fixed(outcome.latencyMedian, 1)} s, max ${fixed(outcome.latencyMax, 1)} s${outcome.timedOut ? ' (gave up waiting)' : ''}`,
			),
		].join('; '),
	};
}

runBenchmark(main);
