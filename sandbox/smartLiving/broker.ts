import type { Aedes, AuthenticateError, Client } from 'aedes';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

import { defaultHost } from '../core/http-emulator';
import { listen } from '../core/listen';
import { loadAedes } from './aedes';

export interface BrokerMessage {
	topic: string;
	payload: Buffer;
	qos: number;
	retain: boolean;
}

/** The platform rules the broker enforces; `Identity` is whatever `authenticate` returns for a client. */
export interface BrokerRules<Identity> {
	authenticate(username: string | undefined, password: Buffer | undefined): Identity | undefined;
	canPublish(identity: Identity, topic: string): boolean;
	canSubscribe(identity: Identity, filter: string): boolean;
	canReceive(identity: Identity, topic: string): boolean;
	/** Every message the broker accepts; `from` is undefined for messages the emulator publishes itself. */
	onMessage(
		message: BrokerMessage,
		from: { clientId: string; identity: Identity } | undefined,
	): void;
}

function authError(message: string, returnCode: number): AuthenticateError {
	return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

/**
 * A real MQTT 3.1.1/5 broker (aedes) on a TCP port. Stopping closes the listener and drops every connection but
 * keeps the broker itself, so persistent sessions, queued QoS 1 messages and retained messages survive a
 * restart on the same port, as with a broker that has durable storage.
 */
export class EmbeddedBroker<Identity> {
	private broker?: Aedes;
	private server?: Server;
	private readonly sockets = new Set<Socket>();
	private readonly identities = new Map<Client, Identity>();
	/** Topic filters each client's session has subscribed to (granted ones), until the broker is wiped. */
	private readonly subscriptions = new Map<string, Set<string>>();
	private boundPort?: number;
	private boundHost = defaultHost;

	constructor(private readonly rules: BrokerRules<Identity>) {}

	get listening(): boolean {
		return this.server !== undefined;
	}

	/** The port, kept while stopped so a restart reuses it. */
	get port(): number {
		if (this.boundPort === undefined) throw new Error('The MQTT broker has never been started');
		return this.boundPort;
	}

	get host(): string {
		return this.boundHost;
	}

	/** What each session subscribed to, so a test can publish live once a subscriber is there. */
	get subscribedTopics(): { clientId: string; topic: string }[] {
		return [...this.subscriptions].flatMap(([clientId, topics]) =>
			[...topics].map((topic) => ({ clientId, topic })),
		);
	}

	get connectedClientIds(): string[] {
		return [...this.identities.keys()]
			.filter((client) => !client.closed)
			.map((client) => client.id);
	}

	async start(port = this.boundPort ?? 0, host = this.boundHost): Promise<void> {
		if (this.server) throw new Error('The MQTT broker is already started');
		const broker = this.broker ?? (await this.createBroker());
		this.broker = broker;
		const server = createServer((socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
			broker.handle(socket);
		});
		await listen(server, port, host);
		this.server = server;
		this.boundHost = host;
		this.boundPort = (server.address() as AddressInfo).port;
	}

	/** Closes the listener and every connection; sessions and queued messages stay in the broker. */
	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		await closed;
	}

	/** Stops and forgets every session, subscription, queued and retained message. */
	async close(): Promise<void> {
		await this.stop();
		const broker = this.broker;
		this.broker = undefined;
		this.identities.clear();
		this.subscriptions.clear();
		if (broker) await new Promise<void>((resolve) => broker.close(() => resolve()));
	}

	/** A fresh broker on the same port: as `close()` then `start()`. */
	async wipe(): Promise<void> {
		const wasListening = this.listening;
		await this.close();
		if (wasListening) await this.start();
	}

	/** Publishes as the platform itself; works while the listener is stopped (messages queue for sessions). */
	async publish(
		topic: string,
		payload: string | Buffer,
		options: { qos?: 0 | 1; retain?: boolean } = {},
	): Promise<void> {
		const broker = this.broker;
		if (!broker) return;
		await new Promise<void>((resolve, reject) =>
			broker.publish(
				{
					cmd: 'publish',
					topic,
					payload: typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload,
					qos: options.qos ?? 1,
					retain: options.retain ?? false,
					dup: false,
				},
				(error) => (error ? reject(error) : resolve()),
			),
		);
	}

	private async createBroker(): Promise<Aedes> {
		const Broker = loadAedes();
		const rules = this.rules;
		const identities = this.identities;
		const broker = await Broker.createBroker({
			// Heartbeats would publish `$SYS` messages every few seconds; none of the platforms had them.
			heartbeatInterval: 24 * 60 * 60 * 1000,
			// aedes defaults to the 23 characters MQTT 3.1.1 guarantees; the platforms' brokers took longer ids.
			maxClientsIdLength: 1024,
			authenticate: (client, username, password, done) => {
				let identity: Identity | undefined;
				try {
					identity = rules.authenticate(username, password);
				} catch {
					identity = undefined;
				}
				if (identity === undefined) {
					done(authError('Bad user name or password', 4), false);
					return;
				}
				identities.set(client, identity);
				done(null, true);
			},
			authorizePublish: (client, packet, callback) => {
				const identity = client ? identities.get(client) : undefined;
				if (client && (identity === undefined || !rules.canPublish(identity, packet.topic))) {
					callback(new Error(`Not authorised to publish on ${packet.topic}`));
					return;
				}
				callback(null);
			},
			authorizeSubscribe: (client, subscription, callback) => {
				const identity = identities.get(client);
				if (identity === undefined || !rules.canSubscribe(identity, subscription.topic)) {
					// A null subscription is answered with the 0x80 failure code, the connection stays up.
					callback(null, null);
					return;
				}
				callback(null, subscription);
			},
			authorizeForward: (client, packet) => {
				const identity = identities.get(client);
				if (identity === undefined || !rules.canReceive(identity, packet.topic)) return null;
				return packet;
			},
		});
		broker.on('publish', (packet, client) => {
			if (packet.topic.startsWith('$SYS')) return;
			const identity = client ? identities.get(client) : undefined;
			const payload = Buffer.isBuffer(packet.payload)
				? packet.payload
				: Buffer.from(packet.payload);
			rules.onMessage(
				{ topic: packet.topic, payload, qos: packet.qos, retain: packet.retain },
				client && identity !== undefined ? { clientId: client.id, identity } : undefined,
			);
		});
		broker.on('clientDisconnect', (client) => identities.delete(client));
		// aedes emits these once a subscription is stored, before its SUBACK and retained messages go out.
		const subscriptions = this.subscriptions;
		broker.on('subscribe', (granted, client) => {
			const topics = subscriptions.get(client.id) ?? new Set<string>();
			for (const { topic } of granted) topics.add(topic);
			subscriptions.set(client.id, topics);
		});
		broker.on('unsubscribe', (topics, client) => {
			for (const topic of topics) subscriptions.get(client.id)?.delete(topic);
		});
		return broker;
	}
}
