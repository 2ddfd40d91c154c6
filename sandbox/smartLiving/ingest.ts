/**
 * What clients publish, as the platform takes it in: every message is logged, and a client's message on a
 * state, command or event topic is parsed against the asset's profile and applied (then fanned out), one at
 * a time in arrival order. What cannot be applied is recorded as rejected, with the reason.
 */
import type { BrokerMessage } from './broker';
import type { FanOut } from './fanout';
import type { MqttIdentity } from './mqttAccess';
import { findAddressedAsset, findDeviceAsset, type Caller } from './records';
import type { SmartLivingWorld } from './settings';
import type { SmartLivingAsset, SmartLivingPlatform } from './state';
import { parseLegacyTopic, parseMakerTopic, type LegacyTopic, type MakerTopic } from './topics';
import { parsePayload } from './values';

const maxLoggedMessages = 2000;

function tryFind<T>(find: () => T): T | undefined {
	try {
		return find();
	} catch {
		return undefined;
	}
}

export class MqttIngest {
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly world: SmartLivingWorld,
		private readonly fanOut: FanOut,
	) {}

	/** What is being applied now; resolves once the messages received so far are. */
	get current(): Promise<void> {
		return this.queue;
	}

	/** Resolves once every client message received so far has been applied and fanned out. */
	async whenIdle(): Promise<void> {
		let current: Promise<void>;
		do {
			current = this.queue;
			await current;
		} while (current !== this.queue);
	}

	/** Every message the broker accepts; `from` is undefined for what the platform publishes itself. */
	receive(
		message: BrokerMessage,
		from: { clientId: string; identity: MqttIdentity } | undefined,
	): void {
		const mqtt = this.world.state.mqtt;
		mqtt.counts[message.topic] = (mqtt.counts[message.topic] ?? 0) + 1;
		mqtt.messages.push({
			topic: message.topic,
			clientId: from?.clientId ?? null,
			qos: message.qos,
			retain: message.retain,
			bytes: message.payload.length,
			preview: message.payload.toString('utf8').slice(0, 1000),
			at: this.world.now().toISOString(),
		});
		if (mqtt.messages.length > maxLoggedMessages)
			mqtt.messages.splice(0, mqtt.messages.length - maxLoggedMessages);
		if (from) void this.enqueue(message, from.clientId);
	}

	/** Client messages are applied one at a time, in arrival order. */
	enqueue(message: BrokerMessage, clientId: string | null): Promise<void> {
		const next = this.queue
			.then(() => this.ingest(message, clientId))
			.catch((error: Error) => this.reject(message.topic, clientId, error.message));
		this.queue = next;
		return next;
	}

	private reject(topic: string, clientId: string | null, reason: string): void {
		const rejected = this.world.state.mqtt.rejected;
		rejected.push({ topic, clientId, reason, at: this.world.now().toISOString() });
		if (rejected.length > maxLoggedMessages)
			rejected.splice(0, rejected.length - maxLoggedMessages);
	}

	private async ingest(message: BrokerMessage, clientId: string | null): Promise<void> {
		const legacy = parseLegacyTopic(message.topic);
		if (legacy) return this.ingestLegacy(message, legacy, clientId);
		const maker = parseMakerTopic(message.topic);
		if (!maker)
			return this.reject(message.topic, clientId, 'topic matches neither platform grammar');
		return this.ingestMaker(message, maker, clientId);
	}

	private async ingestMaker(
		message: BrokerMessage,
		maker: MakerTopic,
		clientId: string | null,
	): Promise<void> {
		const state = this.world.state;
		const device = state.devices.find((candidate) => candidate.id === maker.deviceId);
		const asset = device && tryFind(() => findDeviceAsset(state, device, maker.assetName));
		if (!asset) return this.reject(message.topic, clientId, 'unknown device or asset');
		if (maker.kind === 'feed') return;
		await this.applyChange(message, asset, maker.kind, 'maker', clientId);
	}

	private async ingestLegacy(
		message: BrokerMessage,
		legacy: LegacyTopic,
		clientId: string | null,
	): Promise<void> {
		const { direction, address, kind } = legacy;
		const users = this.world.state.users;
		const user = users.find((candidate) => candidate.clientId === legacy.clientId);
		if (!user) return this.reject(message.topic, clientId, `unknown client id ${legacy.clientId}`);
		const caller: Caller = { platform: 'legacy', userId: user.id };
		if (address.level === 'device' || address.level === 'gatewayDevice') return;
		const asset = tryFind(() => findAddressedAsset(this.world.state, caller, address));
		if (!asset) return this.reject(message.topic, clientId, 'unknown asset');
		if (kind === 'event') {
			this.world.state.events.push({
				assetId: asset.id,
				topic: message.topic,
				payload: message.payload.toString('utf8'),
				at: this.world.now().toISOString(),
			});
			if (direction === 'out') await this.fanOut.forwardEvent(asset, message.payload);
			return;
		}
		if (direction === 'out' && kind === 'command') return;
		await this.applyChange(message, asset, kind, 'legacy', clientId);
	}

	/** A state or command, read against the asset's profile, applied and published everywhere else. */
	private async applyChange(
		message: BrokerMessage,
		asset: SmartLivingAsset,
		kind: 'state' | 'command',
		platform: SmartLivingPlatform,
		clientId: string | null,
	): Promise<void> {
		const parsed = parsePayload(message.payload, asset.profile, this.world.now());
		if (!parsed.ok) return this.reject(message.topic, clientId, parsed.reason);
		const at = parsed.at ?? this.world.now().toISOString();
		const skipTopics = [message.topic];
		if (kind === 'state') await this.fanOut.applyState(asset, parsed.value, at, skipTopics);
		else
			await this.fanOut.applyCommand(asset, parsed.value, at, {
				via: 'mqtt',
				platform,
				skipTopics,
			});
	}
}
