import { createHash } from 'crypto';
import type { ITriggerFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../nodes/SmartLiving/api';
import type { Platform } from '../../../nodes/SmartLiving/login';
import type {
	BrokerLogin,
	DoneCallback,
	IConnackPacket,
	IPublishPacket,
	MqttClient,
	MqttClientOptions,
} from './broker';
import { brokerLogin, connectBroker, oneShotClientId } from './broker';
import { WorkflowDelivery, waitUnlessStopped } from './delivery';
import { messageItem } from './payload';
import type { Subscription } from './topics';
import { topicsFor } from './topics';
import type { TriggerOptions } from './triggerParameters';

const MIN_RECONNECT_MS = 1000;
const MAX_RECONNECT_MS = 30_000;
/** How long deactivation waits for the running execution, so that its message is acknowledged. */
const CLOSE_GRACE_MS = 3000;

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
 * backoff (and a fresh login when the broker refuses the old one), and each message acknowledged only
 * once the workflow is done with it.
 */
export class Listener {
	private client?: MqttClient;
	private closed = false;
	private downSince?: number;
	private reportedDown = false;
	private reconnectMs = MIN_RECONNECT_MS;
	private readonly workflow: WorkflowDelivery;
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
	) {
		this.workflow = new WorkflowDelivery(context, options, manual);
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

	/**
	 * Deactivation. Messages still buffered are not started any more: unacknowledged, they stay with the
	 * broker for the next activation. The running execution gets a moment to finish so its message is
	 * acknowledged; after that the connection is cut, and the broker redelivers that one message later.
	 */
	async close(): Promise<void> {
		this.closed = true;
		this.workflow.stop();
		const client = this.client;
		if (!client) return;
		const settled = await this.workflow.settled(CLOSE_GRACE_MS);
		// A graceful end waits until the socket is read to its end, which a paused backlog delays for good.
		await new Promise<void>((resolve) =>
			client.end(!settled || !client.connected, {}, () => resolve()),
		);
	}

	/** Logs in (again, after a refusal) and connects; a failed login is retried with backoff. */
	private async connectLoop(): Promise<void> {
		while (!this.closed) {
			let login: BrokerLogin;
			let topics: string[];
			try {
				login = await brokerLogin(this.context, await this.context.getCredentials(CREDENTIAL_TYPE));
				topics = this.topics(login);
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

	private topics(login: BrokerLogin): string[] {
		return this.options.customTopic
			? [this.options.customTopic.trim()]
			: topicsFor(this.subscription, this.platform, login.legacyClientId);
	}

	private open(login: BrokerLogin, topics: string[]): void {
		const client = connectBroker(login.url, this.connectOptions(login, topics));
		this.client = client;
		// Acknowledge a QoS 1 message only when the workflow is done with it; the next waits (ordered).
		client.handleMessage = (packet, done) => this.handleMessage(client, packet, done);
		client.on('connect', (connack) => this.onConnect(client, connack, login.url, topics));
		client.on('close', () => this.onClose(client));
		client.on('error', (error) => this.onError(client, error));
	}

	private connectOptions(login: BrokerLogin, topics: string[]): MqttClientOptions {
		return {
			...login.options,
			clientId: this.clientId(topics),
			clean: this.manual,
			protocolVersion: 4,
			keepalive: 60,
			reconnectPeriod: this.reconnectMs,
			connectTimeout: 10_000,
			resubscribe: false,
		};
	}

	/** Trigger mode: a stable ID per workflow, node and topics, so the broker keeps the session across reconnects. */
	private clientId(topics: string[]): string {
		if (this.manual) return oneShotClientId();
		const workflowId = String(this.context.getWorkflow().id ?? '');
		const nodeId = this.context.getNode().id;
		// The topics are part of it: a changed subscription must not resume the old session's topics.
		const key = `${workflowId}/${nodeId}/${topics.join(' ')}`;
		return `n8n-sl-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
	}

	private handleMessage(client: MqttClient, packet: IPublishPacket, done: DoneCallback): void {
		if (this.closed) {
			done(new Error('The trigger is closing'));
			return;
		}
		const connection = this.connection;
		const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
		const id = packet.qos > 0 ? packet.messageId : undefined;
		const delivery =
			id === undefined ? undefined : { topic: packet.topic, digest: digestOf(payload) };
		if (id !== undefined && delivery && this.settleRedelivery(id, delivery)) {
			done();
			return;
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
	}

	/** Whether the message is one the workflow already had; either way its packet ID is settled now. */
	private settleRedelivery(id: number, delivery: Delivery): boolean {
		const earlier = this.unacknowledged.get(id);
		// A new message under the ID means the broker took our acknowledgement.
		this.unacknowledged.delete(id);
		return earlier?.topic === delivery.topic && earlier.digest === delivery.digest;
	}

	private async onMessage(topic: string, payload: Buffer): Promise<void> {
		await this.workflow.deliver(messageItem(topic, payload, this.platform));
	}

	private onConnect(
		client: MqttClient,
		connack: IConnackPacket,
		url: string,
		topics: string[],
	): void {
		this.connection++;
		// Only a resumed session can redeliver what the workflow already had.
		if (!connack.sessionPresent) this.unacknowledged.clear();
		if (this.reportedDown)
			this.context.logger.info(`SmartLiving trigger: connected to ${url} again`);
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
	}

	private onClose(client: MqttClient): void {
		if (this.closed) return;
		this.noteDown('the connection closed');
		client.options.reconnectPeriod = this.nextDelay();
	}

	private onError(client: MqttClient, error: Error): void {
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

	private async wait(ms: number): Promise<void> {
		await waitUnlessStopped(ms, () => this.closed);
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
}
