/**
 * Broker failures, counted, against two real brokers run as processes of their own: the sandbox's aedes
 * broker (the SmartLiving emulator) and Debian's mosquitto. Each is killed with SIGKILL, started after the
 * trigger, or kept busy by a fast publisher while the workflow is slow; the SmartLiving Trigger must lose no
 * message it could have received. Duplicates are reported, not hidden.
 *
 * What "lost" counts, honestly: both brokers keep sessions and queued messages in memory only (mosquitto with
 * `persistence false`). SIGKILL destroys what they held: the trigger's session, its subscription, and the
 * messages the broker had acknowledged to the publisher (PUBACK) but not yet delivered. No subscriber can get
 * those back, so they are reported per case as "held by the broker when it was killed" and not counted as
 * lost. Lost = a message that reached a broker the trigger was subscribed to (confirmed after the restart, or
 * republished by the publisher, which keeps every unacknowledged QoS 1 message and sends it again when it
 * reconnects) and never reached the workflow. The publisher reconnects only once the trigger has
 * subscribed again: a fresh broker discards messages that nobody subscribes to yet, by design too.
 */
import mqtt from 'mqtt';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

import type { INodeParameters } from 'n8n-workflow';

import { smartLivingSeed as seed } from '../../sandbox';
import type { RunningTrigger } from '../harness/n8n';
import { startTrigger } from '../harness/n8n';
import type { BrokerProcess } from './mosquitto';
import { MosquittoBroker, freePort } from './mosquitto';
import { SandboxAedesBroker } from './sandboxBroker';
import { tallyCase } from './tally';

const device = seed.deviceIds.thermostat;
const topic = `device/${device}/asset/humidity/state`;
/** The trigger logs in with the ground token, the publisher as the device itself (both reach the thermostat). */
const triggerUser = { username: seed.makerGroundToken, password: seed.makerGroundToken };
const publisherUser = { username: seed.makerDeviceToken, password: seed.makerDeviceToken };

interface BrokerKind {
	suite: string;
	make(port: number): Promise<BrokerProcess>;
}

const kinds: BrokerKind[] = [
	{
		suite: 'broker failures (aedes)',
		make: async (port) => new SandboxAedesBroker(port, await freePort()),
	},
	{
		suite: 'broker failures (mosquitto)',
		make: async (port) =>
			await Promise.resolve(new MosquittoBroker(port, [triggerUser, publisherUser])),
	},
];

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(10);
	}
}

/** The `value` of every item emitted so far, in order; probes (value 0) left out. */
function received(trigger: RunningTrigger): number[] {
	const values: number[] = [];
	for (const run of trigger.emitted)
		for (const item of run[0])
			if (typeof item.json.value === 'number' && item.json.value > 0) values.push(item.json.value);
	return values;
}

function probesReceived(trigger: RunningTrigger): number {
	return trigger.emitted.filter((run) => run[0].some((item) => item.json.value === 0)).length;
}

/** A device publishing QoS 1 readings `{"value": n}`; `confirmed` holds every n the broker acknowledged. */
class Publisher {
	readonly confirmed = new Set<number>();
	readonly client: mqtt.MqttClient;
	/** Called on every acknowledgement, with how many there are now. */
	onConfirm?: (count: number) => void;

	constructor(url: string, clientId: string, options: mqtt.IClientOptions = {}) {
		this.client = mqtt.connect(url, {
			...publisherUser,
			clientId,
			// A session of its own, so that unacknowledged messages are sent again after a reconnect.
			clean: false,
			protocolVersion: 4,
			reconnectPeriod: 0,
			connectTimeout: 5000,
			...options,
		});
		this.client.on('error', () => {});
	}

	async connected(): Promise<void> {
		if (this.client.connected) return;
		await new Promise<void>((resolve, reject) => {
			this.client.once('connect', () => resolve());
			this.client.once('error', reject);
		});
	}

	publish(from: number, to: number, pad = ''): void {
		for (let n = from; n <= to; n++) {
			const payload = JSON.stringify(pad ? { value: n, pad } : { value: n });
			this.client.publish(topic, payload, { qos: 1 }, (error) => {
				if (error) return;
				this.confirmed.add(n);
				this.onConfirm?.(this.confirmed.size);
			});
		}
	}

	async end(): Promise<void> {
		await new Promise<void>((resolve) => this.client.end(true, {}, () => resolve()));
	}
}

/** A device in a process of its own: publishes `{"value": n, "pad"}` for n = 1..total with QoS 1, all at once. */
async function publishInChild(url: string, total: number, padBytes: number): Promise<void> {
	const script = `
		const mqtt = require('mqtt');
		const [url, username, topic, total, padBytes] = process.argv.slice(1);
		const client = mqtt.connect(url, { username, password: username, clientId: 'reliability-child-' + process.pid,
			protocolVersion: 4, reconnectPeriod: 0 });
		const fail = (error) => { console.error(error.message); process.exit(1); };
		client.on('error', fail);
		client.once('connect', () => {
			const pad = 'x'.repeat(Number(padBytes));
			let acknowledged = 0;
			for (let n = 1; n <= Number(total); n++)
				client.publish(topic, JSON.stringify({ value: n, pad }), { qos: 1 }, (error) => {
					if (error) fail(error);
					if (++acknowledged === Number(total)) client.end(false, {}, () => process.exit(0));
				});
		});`;
	const child = spawn(
		process.execPath,
		['-e', script, url, publisherUser.username, topic, String(total), String(padBytes)],
		{
			env: { ...process.env, NODE_PATH: join(__dirname, '..', '..', 'node_modules') },
			stdio: 'pipe',
		},
	);
	let errors = '';
	child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	if (code !== 0) throw new Error(`The publisher process failed (${code}): ${errors}`);
}

/**
 * Publishes probes (value 0, QoS 1) from a client of their own until the trigger emits one: proof that the
 * trigger is subscribed on this broker now. `probes` tells how many the workflow got so far.
 */
async function untilSubscribed(
	url: string,
	probes: () => number,
	timeoutMs = 20_000,
): Promise<void> {
	const before = probes();
	const probe = mqtt.connect(url, {
		...publisherUser,
		clientId: `probe-${process.pid}-${Date.now()}`,
		clean: true,
		protocolVersion: 4,
		reconnectPeriod: 200,
	});
	probe.on('error', () => {});
	try {
		const deadline = Date.now() + timeoutMs;
		while (probes() === before) {
			if (Date.now() > deadline)
				throw new Error(`The trigger did not subscribe within ${timeoutMs} ms`);
			if (probe.connected) probe.publish(topic, '{"value": 0}', { qos: 1 });
			await sleep(150);
		}
	} finally {
		probe.end(true);
	}
}

interface Count {
	lost: number[];
	duplicated: number;
	outOfOrder: number;
}

function count(values: number[], expected: Iterable<number>): Count {
	const seen = new Set(values);
	return {
		lost: [...expected].filter((n) => !seen.has(n)),
		duplicated: values.length - seen.size,
		outOfOrder: values.filter((n, index) => index > 0 && n < values[index - 1]).length,
	};
}

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

/** Forces a full garbage collection, so heap sizes can be compared. */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapUsed(): number {
	gc();
	return process.memoryUsage().heapUsed;
}

const triggerParameters = (options: INodeParameters = {}): INodeParameters => ({
	level: 'device',
	direction: 'out',
	kinds: ['state'],
	deviceId: device,
	options,
});

describe.each(kinds)('$suite', ({ suite, make }) => {
	let broker: BrokerProcess | undefined;
	const triggers: RunningTrigger[] = [];
	const publishers: Publisher[] = [];

	const start = async (options: { holdExecutions?: boolean; trigger?: INodeParameters } = {}) => {
		const trigger = await startTrigger({
			node: 'smartLivingTrigger',
			parameters: triggerParameters(options.trigger),
			credentials: {
				smartLivingApi: {
					platform: 'maker',
					token: triggerUser.username,
					// Maker's broker login is the token alone; the REST API is never called by the trigger.
					makerApiUrl: 'http://127.0.0.1:9',
					brokerHost: broker!.url,
				},
			},
			holdExecutions: options.holdExecutions,
		});
		triggers.push(trigger);
		return trigger;
	};
	const publisher = (name: string) => {
		const created = new Publisher(broker!.url, `reliability-${name}-${process.pid}`);
		publishers.push(created);
		return created;
	};

	beforeEach(async () => {
		broker = await make(await freePort());
	});
	afterEach(async () => {
		while (triggers.length > 0) await triggers.pop()?.close();
		while (publishers.length > 0) await publishers.pop()?.end();
		await broker?.close();
	});

	test('SIGKILL in the middle of 1,000 QoS 1 messages: every message the restarted broker got reaches the workflow', async () => {
		const total = 1000;
		await broker!.start();
		const trigger = await start();
		await untilSubscribed(broker!.url, () => probesReceived(trigger));
		const device = publisher('kill');
		await device.connected();

		// A burst, killed at the 100th acknowledgement while the rest is still in flight (the publisher sends it
		// again). What the killed broker acknowledged is known once the publisher sees its connection close.
		let killing: Promise<void> | undefined;
		let receivedAtKill = 0;
		device.onConfirm = (confirmed) => {
			if (confirmed < 100 || killing) return;
			killing = broker!.kill();
			receivedAtKill = new Set(received(trigger)).size;
		};
		const closed = new Promise<void>((resolve) => device.client.once('close', () => resolve()));
		device.publish(1, 400);
		await until('the kill', () => killing !== undefined, 20_000);
		await killing;
		await closed;
		const confirmedAtKill = new Set(device.confirmed);
		// Published while the broker is down: the publisher keeps them until it can send them.
		device.publish(401, 700);
		await sleep(500);
		await broker!.start();
		await untilSubscribed(broker!.url, () => probesReceived(trigger));
		// Without stores, reconnect() would start with empty ones and forget the unacknowledged messages.
		device.client.reconnect({
			incomingStore: device.client.incomingStore,
			outgoingStore: device.client.outgoingStore,
		});
		await device.connected();
		device.publish(701, total);
		await until('every message acknowledged', () => device.confirmed.size === total, 30_000);
		const deliverable = range(1, total).filter((n) => !confirmedAtKill.has(n));
		await until(
			'every deliverable message',
			() => count(received(trigger), deliverable).lost.length === 0,
			30_000,
		).catch(() => {});
		await sleep(300);

		const values = received(trigger);
		const { lost, duplicated, outOfOrder } = count(values, deliverable);
		const heldByBroker = count(values, confirmedAtKill).lost.length;
		const line =
			`${broker!.name}: SIGKILL after ${confirmedAtKill.size} of ${total} acknowledged (${receivedAtKill} processed by then), ` +
			`${total - confirmedAtKill.size} resent or published after the restart: ${lost.length} lost, ${duplicated} duplicated, ` +
			`${outOfOrder} out of order; ${heldByBroker} held by the broker when it was killed, gone with it`;
		console.log(line);
		tallyCase({
			suite,
			name: `SIGKILL and restart during 1,000 QoS 1 messages (${heldByBroker} held by the killed broker, gone with it)`,
			lost: lost.length,
			duplicated,
		});
		expect(lost).toEqual([]);
		expect(trigger.errors).toEqual([]);
	}, 90_000);

	test('broker down at activation: the trigger activates, reports the outage and receives once the broker is up', async () => {
		const total = 200;
		const activating = Date.now();
		// Activation returns with the broker down (it starts only below): a trigger that waited for it would hang here.
		const trigger = await start({ trigger: { reportDownAfterSeconds: 0 } });
		const activationMs = Date.now() - activating;
		const [outage] = await trigger.waitForError(1, 10_000);
		expect(outage.message).toContain('unreachable');
		await sleep(1000);
		await broker!.start();
		await untilSubscribed(broker!.url, () => probesReceived(trigger), 40_000);
		const device = publisher('late');
		await device.connected();
		device.publish(1, total);
		await until('every message acknowledged', () => device.confirmed.size === total, 20_000);
		await until('every message', () => new Set(received(trigger)).size === total, 20_000).catch(
			() => {},
		);
		await sleep(200);

		const { lost, duplicated, outOfOrder } = count(received(trigger), range(1, total));
		console.log(
			`${broker!.name}: broker down at activation (activated in ${activationMs} ms, outage reported): ` +
				`${total} messages after it came up, ${lost.length} lost, ${duplicated} duplicated, ${outOfOrder} out of order`,
		);
		tallyCase({
			suite,
			name: 'broker down at activation, started later',
			lost: lost.length,
			duplicated,
		});
		expect(lost).toEqual([]);
		expect(duplicated).toBe(0);
	}, 90_000);

	test('a slow workflow behind a fast publisher: nothing lost, one execution at a time, the backlog stays in the broker', async () => {
		const total = 600;
		const pad = 'x'.repeat(32 * 1024);
		const workflowMs = 5;
		await broker!.start();
		const trigger = await start({ holdExecutions: true });
		// The probe's execution finishes at once; after it, every execution takes `workflowMs`. A finished
		// execution leaves the harness's list (a server keeps no item after its run), its value noted here.
		const values: number[] = [];
		let finishing = true;
		let mostRunning = 0;
		let probes = 0;
		const finisher = (async () => {
			while (finishing) {
				mostRunning = Math.max(mostRunning, trigger.runningExecutions);
				const running = trigger.emissions.find((emission) => !emission.finished);
				if (!running) {
					await sleep(1);
					continue;
				}
				const value = running.data[0][0].json.value;
				if (value === 0) probes++;
				else await sleep(workflowMs);
				trigger.finishExecution();
				if (typeof value === 'number' && value > 0) values.push(value);
				trigger.emissions.splice(trigger.emissions.indexOf(running), 1);
			}
		})();
		try {
			await untilSubscribed(broker!.url, () => probes);
			const baseline = heapUsed();
			let largestGrowth = 0;
			let backlogAtLargest = 0;
			// The publisher is a process of its own: its unacknowledged messages are not the trigger's memory.
			const publishing = publishInChild(broker!.url, total, pad.length);
			let publisherDone = false;
			let processedWhenPublished = 0;
			publishing.then(
				() => {
					publisherDone = true;
					processedWhenPublished = values.length;
				},
				() => (publisherDone = true),
			);
			const deadline = Date.now() + 60_000;
			while (values.length < total && Date.now() < deadline) {
				// A full collection stops everything for a while: not too often.
				await sleep(1500);
				const growth = heapUsed() - baseline;
				if (growth > largestGrowth) {
					largestGrowth = growth;
					backlogAtLargest = total - values.length;
				}
				if (publisherDone && values.length === 0) break;
			}
			await publishing;
			await sleep(100);

			const { lost, duplicated, outOfOrder } = count(values, range(1, total));
			console.log(
				`${broker!.name}: slow workflow (${workflowMs} ms per message), ${total} messages of ${pad.length / 1024} KB ` +
					`published at once by another process: ${lost.length} lost, ${duplicated} duplicated, ${outOfOrder} out of order; ` +
					`when the broker had acknowledged all, ${processedWhenPublished} were processed and ` +
					`${Math.round(((total - processedWhenPublished) * pad.length) / 1024)} KB waited; ` +
					`heap at most +${Math.round(Math.max(0, largestGrowth) / 1024)} KB (${backlogAtLargest} messages waiting then); ` +
					`at most ${mostRunning} execution running`,
			);
			tallyCase({
				suite,
				name: 'slow workflow behind a fast publisher',
				lost: lost.length,
				duplicated,
			});
			expect(lost).toEqual([]);
			expect(outOfOrder).toBe(0);
			expect(mostRunning).toBe(1);
			// Bounded: a few MB of buffers at most, however much is waiting.
			expect(largestGrowth).toBeLessThan(4 * 1024 * 1024);
		} finally {
			// Deactivated while executions still come: the finisher keeps going until the trigger is closed.
			await trigger.close();
			finishing = false;
			await finisher;
		}
	}, 120_000);
});

/**
 * The strict count: mosquitto with persistence, shut down cleanly and started again, keeps the trigger's session
 * and what was queued for it, so every acknowledged message must reach the workflow.
 */
describe('broker failures (mosquitto)', () => {
	let broker: MosquittoBroker | undefined;
	let trigger: RunningTrigger | undefined;
	let device: Publisher | undefined;
	afterEach(async () => {
		await trigger?.close();
		await device?.end();
		await broker?.close();
	});

	test('a clean restart with persistence in the middle of 1,000 QoS 1 messages: every acknowledged message arrives', async () => {
		const total = 1000;
		broker = new MosquittoBroker(await freePort(), [triggerUser, publisherUser], {
			persistence: true,
		});
		await broker.start();
		trigger = await startTrigger({
			node: 'smartLivingTrigger',
			parameters: triggerParameters(),
			credentials: {
				smartLivingApi: {
					platform: 'maker',
					token: triggerUser.username,
					makerApiUrl: 'http://127.0.0.1:9',
					brokerHost: broker.url,
				},
			},
		});
		const running = trigger;
		await untilSubscribed(broker.url, () => probesReceived(running));
		device = new Publisher(broker.url, `reliability-persistent-${process.pid}`);
		await device.connected();
		const publisher = device;

		let stopping: Promise<void> | undefined;
		publisher.onConfirm = (confirmed) => {
			if (confirmed >= 100 && !stopping) stopping = broker!.stop();
		};
		const closed = new Promise<void>((resolve) => publisher.client.once('close', () => resolve()));
		publisher.publish(1, 400);
		await until('the shutdown', () => stopping !== undefined, 20_000);
		await stopping;
		await closed;
		const receivedAtStop = new Set(received(running)).size;
		publisher.publish(401, 700);
		await sleep(500);
		await broker.start();
		// The session survived: the publisher need not wait for the trigger, the broker queues for it.
		publisher.client.reconnect({
			incomingStore: publisher.client.incomingStore,
			outgoingStore: publisher.client.outgoingStore,
		});
		await publisher.connected();
		publisher.publish(701, total);
		await until('every message acknowledged', () => publisher.confirmed.size === total, 30_000);
		await until('every message', () => new Set(received(running)).size === total, 30_000).catch(
			() => {},
		);
		await sleep(300);

		const { lost, duplicated, outOfOrder } = count(received(running), range(1, total));
		console.log(
			`mosquitto (persistence): clean restart after 100 of ${total} acknowledged (${receivedAtStop} processed by then): ` +
				`${lost.length} lost, ${duplicated} duplicated, ${outOfOrder} out of order`,
		);
		tallyCase({
			suite: 'broker failures (mosquitto)',
			name: 'clean restart with persistence during 1,000 QoS 1 messages (every acknowledged message counted)',
			lost: lost.length,
			duplicated,
		});
		expect(lost).toEqual([]);
	}, 90_000);
});
