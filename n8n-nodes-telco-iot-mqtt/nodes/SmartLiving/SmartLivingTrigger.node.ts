import { createHash } from 'crypto';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IRun,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, sleep } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../nodes/SmartLiving/api';
import { smartLivingLoadOptions } from '../../../nodes/SmartLiving/loadOptions';
import type { Platform } from '../../../nodes/SmartLiving/login';
import { platformName, platformOf } from '../../../nodes/SmartLiving/login';
import type { BrokerLogin, MqttClient } from './broker';
import { brokerLogin, connectBroker, oneShotClientId } from './broker';
import { messageItem } from './payload';
import type { Direction, Kind, Subscription } from './topics';
import { topicsFor } from './topics';

const MIN_RECONNECT_MS = 1000;
const MAX_RECONNECT_MS = 30_000;
/** How long deactivation waits for the running execution, so that its message is acknowledged. */
const CLOSE_GRACE_MS = 3000;

interface TriggerOptions {
	oneAtATime?: boolean;
	batchSize?: number;
	batchWindowMs?: number;
	reportDownAfterSeconds?: number;
	customTopic?: string;
}

/** What identifies a delivered message within one broker session: its packet ID, topic and payload. */
interface Delivery {
	topic: string;
	digest: string;
}

function digestOf(payload: Buffer): string {
	return createHash('sha256').update(payload).digest('base64');
}

/**
 * One live subscription: its own MQTT client and ID, QoS 1, a persistent session, reconnects with
 * backoff, and messages handed to the workflow one at a time (acknowledged once it finished) or in
 * batches.
 */
class Listener {
	private client?: MqttClient;
	private closed = false;
	private downSince?: number;
	private reportedDown = false;
	private reconnectMs = MIN_RECONNECT_MS;
	private batch: Array<{ item: IDataObject }> = [];
	private batchTimer = false;
	private batchGeneration = 0;
	/** Emits run one after another, in arrival order. */
	private chain: Promise<void> = Promise.resolve();
	private firstConnect?: { resolve: () => void; reject: (error: Error) => void };
	/** Counts connections, so an acknowledgement never goes out on a later one than its message came on. */
	private connection = 0;
	/**
	 * Messages the workflow got whose acknowledgement could not be sent (the connection dropped meanwhile),
	 * by packet ID. Until it is acknowledged the broker cannot give that ID to another message, so a
	 * redelivery with the same ID, topic and payload is that message again, and is not emitted twice.
	 */
	private readonly unacknowledged = new Map<number, Delivery>();

	constructor(
		private readonly context: ITriggerFunctions,
		private readonly platform: Platform,
		private readonly subscription: Subscription,
		private readonly options: TriggerOptions,
		private readonly manual: boolean,
	) {}

	/** Trigger mode: a stable ID per workflow, node and topics, so the broker keeps the session across reconnects. */
	private clientId(topics: string[]): string {
		if (this.manual) return oneShotClientId();
		const workflowId = String(this.context.getWorkflow().id ?? '');
		const nodeId = this.context.getNode().id;
		// The topics are part of it: a changed subscription must not resume the old session's topics.
		const key = `${workflowId}/${nodeId}/${topics.join(' ')}`;
		return `n8n-sl-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
	}

	/** Starts connecting; resolves at once in trigger mode (the broker may be down), on connect in manual mode. */
	async start(): Promise<void> {
		const connected = new Promise<void>((resolve, reject) => {
			this.firstConnect = { resolve, reject };
		});
		connected.catch(() => {});
		void this.connectLoop();
		if (this.manual) await connected;
	}

	private async connectLoop(): Promise<void> {
		while (!this.closed) {
			let login: BrokerLogin;
			let topics: string[];
			try {
				const credentials = await this.context.getCredentials(CREDENTIAL_TYPE);
				login = await brokerLogin(this.context, credentials);
				topics = this.options.customTopic
					? [this.options.customTopic.trim()]
					: topicsFor(this.subscription, this.platform, login.legacyClientId);
			} catch (error) {
				this.noteDown(`the login failed: ${(error as Error).message}`);
				if (this.manual) return this.failFirst(error as Error);
				await this.wait(this.nextDelay());
				continue;
			}
			this.open(login, topics);
			return;
		}
	}

	private open(login: BrokerLogin, topics: string[]): void {
		const client = connectBroker(login.url, {
			...login.options,
			clientId: this.clientId(topics),
			clean: this.manual,
			protocolVersion: 4,
			keepalive: 60,
			reconnectPeriod: this.reconnectMs,
			connectTimeout: 10_000,
			resubscribe: false,
		});
		this.client = client;
		// Acknowledge a QoS 1 message only when the workflow is done with it; the next waits (ordered).
		client.handleMessage = (packet, done) => {
			if (this.closed) {
				done(new Error('The trigger is closing'));
				return;
			}
			const connection = this.connection;
			const payload = Buffer.isBuffer(packet.payload)
				? packet.payload
				: Buffer.from(packet.payload);
			const id = packet.qos > 0 ? packet.messageId : undefined;
			const delivery =
				id === undefined ? undefined : { topic: packet.topic, digest: digestOf(payload) };
			if (id !== undefined && delivery) {
				const redelivered = this.isRedelivery(id, delivery);
				// Either way the ID is settled: a new message under it means the broker took our acknowledgement.
				this.unacknowledged.delete(id);
				if (redelivered) {
					done();
					return;
				}
			}
			const finished = () => {
				// mqtt.js would queue this PUBACK and send it on the next connection, where the packet ID may
				// already name another message. The broker redelivers (or forgot) the message instead.
				if (connection !== this.connection || !client.connected) {
					if (id !== undefined && delivery) this.unacknowledged.set(id, delivery);
					done(new Error('The connection that delivered the message is gone'));
					return;
				}
				done();
			};
			this.onMessage(packet.topic, payload).then(finished, finished);
		};
		client.on('connect', (connack) => {
			this.connection++;
			// Only a resumed session can redeliver what the workflow already had.
			if (!connack.sessionPresent) this.unacknowledged.clear();
			if (this.reportedDown)
				this.context.logger.info(`SmartLiving trigger: connected to ${login.url} again`);
			this.downSince = undefined;
			this.reportedDown = false;
			this.reconnectMs = MIN_RECONNECT_MS;
			client.options.reconnectPeriod = MIN_RECONNECT_MS;
			// A session the broker kept still has its subscriptions (and the messages queued meanwhile).
			if (!connack.sessionPresent) {
				client.subscribe(topics, { qos: 1 }, (error) => {
					if (error) this.noteDown(`the subscription failed: ${error.message}`);
				});
			}
			this.firstConnect?.resolve();
		});
		client.on('close', () => {
			if (this.closed) return;
			this.noteDown('the connection closed');
			client.options.reconnectPeriod = this.nextDelay();
		});
		client.on('error', (error) => {
			this.noteDown(error.message);
			const code = (error as { code?: unknown }).code;
			if (this.manual) {
				this.failFirst(error);
				return;
			}
			// Refused login (legacy keys may change): start over with a fresh login.
			if (code === 4 || code === 5) {
				client.end(true);
				void (async () => {
					await this.wait(this.nextDelay());
					if (!this.closed) await this.connectLoop();
				})();
			}
		});
	}

	private isRedelivery(id: number, delivery: Delivery): boolean {
		const earlier = this.unacknowledged.get(id);
		return earlier?.topic === delivery.topic && earlier.digest === delivery.digest;
	}

	private failFirst(error: Error): void {
		this.firstConnect?.reject(error);
		this.firstConnect = undefined;
	}

	private nextDelay(): number {
		const delay = this.reconnectMs;
		this.reconnectMs = Math.min(this.reconnectMs * 2, MAX_RECONNECT_MS);
		return delay;
	}

	/** Logs every outage and reports one that lasts, as a failed execution, without deactivating. */
	private noteDown(reason: string): void {
		if (this.closed) return;
		this.downSince ??= Date.now();
		this.context.logger.warn(`SmartLiving trigger: broker unreachable (${reason}); retrying`);
		const limitMs = (this.options.reportDownAfterSeconds ?? 60) * 1000;
		if (!this.reportedDown && Date.now() - this.downSince >= limitMs && !this.manual) {
			this.reportedDown = true;
			this.context.saveFailedExecution(
				new NodeOperationError(
					this.context.getNode(),
					`The SmartLiving MQTT broker has been unreachable since ${new Date(this.downSince).toISOString()}`,
					{
						description: `Last problem: ${reason}. The trigger keeps reconnecting and picks up messages queued meanwhile.`,
					},
				),
			);
		}
	}

	private async onMessage(topic: string, payload: Buffer): Promise<void> {
		const item = messageItem(topic, payload, this.platform);
		const batchSize = this.options.batchSize ?? 1;
		if (this.manual || batchSize <= 1) {
			await this.enqueue([item]);
			return;
		}
		// In a batch, earlier messages are acknowledged as they join it; the one that fills it waits for the run.
		this.batch.push({ item });
		if (this.batch.length >= batchSize) {
			await this.flush();
			return;
		}
		if (!this.batchTimer) {
			this.batchTimer = true;
			const generation = this.batchGeneration;
			void (async () => {
				await this.wait(this.options.batchWindowMs ?? 1000);
				this.batchTimer = false;
				// A batch filled up meanwhile was already sent; this window belonged to it.
				if (generation === this.batchGeneration && !this.closed) await this.flush();
			})();
		}
	}

	/** Sleeps in short steps, so nothing outlives the trigger by more than a moment after close. */
	private async wait(ms: number): Promise<void> {
		const until = Date.now() + ms;
		while (!this.closed && Date.now() < until) await sleep(Math.min(100, until - Date.now()));
	}

	private async flush(): Promise<void> {
		this.batchGeneration++;
		this.batchTimer = false;
		const items = this.batch.splice(0).map((entry) => entry.item);
		if (items.length > 0) await this.enqueue(items);
	}

	private async enqueue(items: IDataObject[]): Promise<void> {
		const run = this.chain.then(async () => await this.emit(items));
		this.chain = run.catch(() => {});
		await run;
	}

	private async emit(items: IDataObject[]): Promise<void> {
		const data: INodeExecutionData[][] = [this.context.helpers.returnJsonArray(items)];
		if (this.manual || this.options.oneAtATime === false) {
			this.context.emit(data);
			return;
		}
		const done = this.context.helpers.createDeferredPromise<IRun>();
		this.context.emit(data, undefined, done);
		try {
			await done.promise;
		} catch {
			// A failed execution is in the execution list; the message is not redelivered forever.
		}
	}

	/**
	 * Deactivation. Messages still buffered are not started any more: unacknowledged, they stay with the
	 * broker for the next activation. The running execution gets a moment to finish so its message is
	 * acknowledged; after that the connection is cut, and the broker redelivers that one message later.
	 */
	async close(): Promise<void> {
		this.closed = true;
		// A batch being gathered was acknowledged already: it still runs (and joins the wait below).
		void this.flush().catch(() => {});
		const client = this.client;
		if (!client) return;
		let settled = false;
		void this.chain.then(() => (settled = true));
		const until = Date.now() + CLOSE_GRACE_MS;
		while (!settled && Date.now() < until) await sleep(20);
		// A graceful end waits until the socket is read to its end, which a paused backlog delays for good.
		await new Promise<void>((resolve) =>
			client.end(!settled || !client.connected, {}, () => resolve()),
		);
	}
}

export class SmartLivingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartLiving MQTT Trigger',
		// Its name from when it shipped in the main package: only the package part of the type changed.
		name: 'smartLivingTrigger',
		icon: { light: 'file:smartLiving.svg', dark: 'file:smartLiving.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["level"] + ": " + $parameter["kinds"].join(", ")}}',
		description:
			'Starts the workflow when devices on AllThingsTalk Maker or SmartLiving send states, events or receive commands (MQTT)',
		defaults: { name: 'SmartLiving MQTT Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smartLivingApi', required: true }],
		properties: [
			{
				displayName: 'Level',
				name: 'level',
				type: 'options',
				default: 'asset',
				options: [
					{ name: 'Asset', value: 'asset', description: 'One asset, or every asset of a device' },
					{
						name: 'Device',
						value: 'device',
						description: 'Messages about a device as a whole (on Maker: every asset of the device)',
					},
					{
						name: 'Gateway',
						value: 'gateway',
						description: 'A gateway and the devices behind it (SmartLiving legacy only)',
					},
				],
			},
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				default: 'in',
				options: [
					{
						name: 'From the Platform',
						value: 'in',
						description:
							'What the platform passes on: new states of assets, and commands sent to devices',
					},
					{
						name: 'From Devices',
						value: 'out',
						description: 'What devices publish themselves: measurements and events',
					},
				],
			},
			{
				displayName: 'Kinds',
				name: 'kinds',
				type: 'multiOptions',
				default: ['state'],
				options: [
					{ name: 'State', value: 'state', description: 'New values of assets' },
					{ name: 'Command', value: 'command', description: 'Commands for actuators' },
					{ name: 'Event', value: 'event', description: 'Events (SmartLiving legacy only)' },
				],
			},
			{
				displayName: 'Find Asset By',
				name: 'assetBy',
				type: 'options',
				default: 'device',
				displayOptions: { show: { level: ['asset'] } },
				options: [
					{ name: 'Device and Asset Name', value: 'device' },
					{ name: 'Asset ID (SmartLiving Legacy Only)', value: 'id' },
				],
			},
			{
				displayName: 'Device Name or ID',
				name: 'deviceId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getDevices' },
				default: '',
				required: true,
				displayOptions: { show: { level: ['asset', 'device'], assetBy: ['device'] } },
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Asset Name or ID',
				name: 'assetName',
				type: 'options',
				typeOptions: {
					loadOptionsMethod: 'getAssetNamesOrAll',
					loadOptionsDependsOn: ['deviceId'],
				},
				default: '+',
				displayOptions: { show: { level: ['asset'], assetBy: ['device'] } },
				description:
					'One asset, or every asset of the device. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Asset ID',
				name: 'assetId',
				type: 'string',
				default: '+',
				displayOptions: { show: { level: ['asset'], assetBy: ['id'] } },
				description: 'The asset, or + for every asset the account can see',
			},
			{
				displayName: 'Gateway ID',
				name: 'gatewayId',
				type: 'string',
				default: '',
				required: true,
				displayOptions: { show: { level: ['gateway'] } },
			},
			{
				displayName: 'Listen To',
				name: 'gatewayScope',
				type: 'options',
				default: 'deviceAssets',
				displayOptions: { show: { level: ['gateway'] } },
				options: [
					{ name: 'Assets of Devices Behind the Gateway', value: 'deviceAssets' },
					{ name: 'Assets of the Gateway Itself', value: 'gatewayAssets' },
					{ name: 'Devices Behind the Gateway', value: 'devices' },
				],
			},
			{
				displayName: 'Device Name',
				name: 'gatewayDeviceName',
				type: 'string',
				default: '+',
				displayOptions: { show: { level: ['gateway'], gatewayScope: ['deviceAssets', 'devices'] } },
				description: 'The device behind the gateway, or + for every device',
			},
			{
				displayName: 'Asset Name',
				name: 'gatewayAssetName',
				type: 'string',
				default: '+',
				displayOptions: {
					show: { level: ['gateway'], gatewayScope: ['deviceAssets', 'gatewayAssets'] },
				},
				description: 'The asset, or + for every asset',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Batch Size',
						name: 'batchSize',
						type: 'number',
						default: 1,
						typeOptions: { minValue: 1 },
						description:
							'Start one execution for up to this many messages, for high-rate telemetry. 1 = one execution per message.',
					},
					{
						displayName: 'Batch Window (Ms)',
						name: 'batchWindowMs',
						type: 'number',
						default: 1000,
						typeOptions: { minValue: 1 },
						description:
							'With batches: the longest a message waits for its batch to fill, in milliseconds',
					},
					{
						displayName: 'Custom Topic',
						name: 'customTopic',
						type: 'string',
						default: '',
						placeholder: 'device/abc123/asset/+/feed',
						description:
							'Advanced: subscribe to this MQTT topic instead of the one built from the choices above',
					},
					{
						displayName: 'One Message at a Time',
						name: 'oneAtATime',
						type: 'boolean',
						default: true,
						description:
							'Whether to wait for each execution to finish before taking the next message (in order; the broker gets the acknowledgement only then)',
					},
					{
						displayName: 'Report Outage After (Seconds)',
						name: 'reportDownAfterSeconds',
						type: 'number',
						default: 60,
						typeOptions: { minValue: 0 },
						description:
							'When the broker stays unreachable this long, a failed execution says so; the trigger keeps reconnecting',
					},
				],
			},
		],
	};

	methods = { loadOptions: smartLivingLoadOptions };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const platform = platformOf(await this.getCredentials(CREDENTIAL_TYPE));
		const level = this.getNodeParameter('level') as Subscription['level'];
		const assetBy = this.getNodeParameter('assetBy', 'device') as 'device' | 'id';
		const subscription: Subscription = {
			level,
			direction: this.getNodeParameter('direction') as Direction,
			kinds: this.getNodeParameter('kinds') as Kind[],
			assetBy,
		};
		if (level === 'gateway') {
			subscription.gatewayId = this.getNodeParameter('gatewayId') as string;
			subscription.gatewayScope = this.getNodeParameter(
				'gatewayScope',
			) as Subscription['gatewayScope'];
			subscription.deviceName = this.getNodeParameter('gatewayDeviceName', '+') as string;
			subscription.assetName = this.getNodeParameter('gatewayAssetName', '+') as string;
		} else if (level === 'asset' && assetBy === 'id') {
			subscription.assetId = this.getNodeParameter('assetId', '+') as string;
		} else {
			subscription.deviceId = this.getNodeParameter('deviceId') as string;
			if (level === 'asset')
				subscription.assetName = this.getNodeParameter('assetName', '+') as string;
		}
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		// Settings that can never work fail the activation; a broker that is down does not.
		if (!options.customTopic) {
			try {
				topicsFor(subscription, platform, 'check');
			} catch (error) {
				throw new NodeOperationError(this.getNode(), (error as Error).message, {
					description: `The credential's platform is ${platformName(platform)}.`,
				});
			}
		}

		const manual = this.getMode() === 'manual';
		const listener = new Listener(this, platform, subscription, options, manual);
		if (!manual) await listener.start();
		return {
			closeFunction: async () => await listener.close(),
			manualTriggerFunction: manual
				? async () => {
						try {
							await listener.start();
						} catch (error) {
							// The reason goes in the description: n8n replaces a message naming a socket
							// error code (ECONNREFUSED ...) with a generic text.
							throw new NodeOperationError(
								this.getNode(),
								'Could not connect to the SmartLiving MQTT broker',
								{ description: (error as Error).message },
							);
						}
					}
				: undefined,
		};
	}
}
