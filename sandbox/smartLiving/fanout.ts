/**
 * One world, two platforms: a state, command or event is applied once and published on every topic that
 * shows it, on both platforms (legacy `in` topics for every user who sees the asset's ground, under each of
 * the asset's addresses; Maker `feed`/`state`/`command` topics), in the format each expects.
 */
import { canSeeGround } from './records';
import type { SmartLivingWorld } from './settings';
import type {
	SmartLivingAsset,
	SmartLivingGround,
	SmartLivingPlatform,
	SmartLivingUser,
} from './state';
import { legacyTopic, makerTopic, type LegacyAddress } from './topics';
import { jsonStatePayload, plainCommandPayload, type PayloadCasing } from './values';

/** Publishes one message as the platform itself. */
export type PlatformPublish = (
	topic: string,
	payload: string | Buffer,
	qos: 0 | 1,
) => Promise<void>;

/** Where a change came from: the topic it arrived on is not published to again. */
export interface ChangeSource {
	via: 'rest' | 'mqtt';
	platform: SmartLivingPlatform;
	skipTopics: string[];
}

export class FanOut {
	private casingFlip = false;

	constructor(
		private readonly world: SmartLivingWorld,
		private readonly publish: PlatformPublish,
	) {}

	/** The alternating casing starts over, as after a restart. */
	reset(): void {
		this.casingFlip = false;
	}

	async applyState(
		asset: SmartLivingAsset,
		value: unknown,
		at: string,
		skipTopics: string[],
	): Promise<void> {
		asset.state = { value, at };
		this.world.state.history.push({ assetId: asset.id, value, at });
		const legacyPayload = jsonStatePayload(value, at, this.nextCasing());
		const makerPayload = jsonStatePayload(value, at);
		const topics: [string, string][] = this.legacyInTopics(asset, 'state').map((topic) => [
			topic,
			legacyPayload,
		]);
		if (asset.deviceId !== null) {
			topics.push([makerTopic(asset.deviceId, asset.name, 'feed'), makerPayload]);
			topics.push([makerTopic(asset.deviceId, asset.name, 'state'), makerPayload]);
		}
		await this.publishAll(topics, skipTopics);
	}

	async applyCommand(
		asset: SmartLivingAsset,
		value: unknown,
		at: string,
		source: ChangeSource,
	): Promise<void> {
		const { via, platform, skipTopics } = source;
		this.world.state.commands.push({ assetId: asset.id, value, at, via, platform });
		const topics: [string, string][] = this.legacyInTopics(asset, 'command').map((topic) => [
			topic,
			plainCommandPayload(value),
		]);
		if (asset.deviceId !== null) {
			topics.push([makerTopic(asset.deviceId, asset.name, 'command'), jsonStatePayload(value, at)]);
		}
		await this.publishAll(topics, skipTopics);
		if (this.world.settings.echoCommandsAsState) await this.applyState(asset, value, at, []);
	}

	/** A device's event, passed on as it came to every user who sees the asset (legacy only). */
	async forwardEvent(asset: SmartLivingAsset, payload: Buffer): Promise<void> {
		const topics = this.legacyInTopics(asset, 'event').map((topic): [string, Buffer] => [
			topic,
			payload,
		]);
		await this.publishAll(topics, []);
	}

	/** Where the device itself publishes a state: its legacy `out` topic, or its Maker `state` topic. */
	deviceStateTopic(asset: SmartLivingAsset, platform: SmartLivingPlatform): string {
		if (platform === 'maker') {
			if (asset.deviceId === null) throw new Error('A gateway asset has no Maker topic');
			return makerTopic(asset.deviceId, asset.name, 'state');
		}
		const owner = this.groundOwner(asset);
		return legacyTopic(owner.clientId, 'out', this.deviceSideAddress(asset), 'state');
	}

	private async publishAll(
		topics: [string, string | Buffer][],
		skipTopics: string[],
	): Promise<void> {
		for (const [topic, payload] of topics) {
			if (skipTopics.includes(topic)) continue;
			await this.publish(topic, payload, this.world.settings.publishQos);
		}
	}

	private nextCasing(): PayloadCasing {
		const setting = this.world.settings.legacyPayloadCasing;
		if (setting !== 'alternate') return setting;
		this.casingFlip = !this.casingFlip;
		return this.casingFlip ? 'capitalized' : 'lower';
	}

	/** Every legacy `in` topic the asset's change appears on: per user who sees it, per address. */
	private legacyInTopics(asset: SmartLivingAsset, kind: 'state' | 'command' | 'event'): string[] {
		const addresses = this.legacyAddresses(asset);
		return this.legacyAudience(asset).flatMap((clientId) =>
			addresses.map((address) => legacyTopic(clientId, 'in', address, kind)),
		);
	}

	/** The client ids of the users who see the asset's ground (its owner and those it is shared with). */
	private legacyAudience(asset: SmartLivingAsset): string[] {
		const ground = this.assetGround(asset);
		if (!ground) return [];
		return this.world.state.users
			.filter((user) => canSeeGround({ platform: 'legacy', userId: user.id }, ground))
			.map((user) => user.clientId);
	}

	private assetGround(asset: SmartLivingAsset): SmartLivingGround | undefined {
		const state = this.world.state;
		const groundId =
			asset.deviceId !== null
				? state.devices.find((device) => device.id === asset.deviceId)?.groundId
				: state.gateways.find((gateway) => gateway.id === asset.gatewayId)?.groundId;
		return state.grounds.find((ground) => ground.id === groundId);
	}

	private groundOwner(asset: SmartLivingAsset): SmartLivingUser {
		const ground = this.assetGround(asset);
		const owner = this.world.state.users.find((user) => user.id === ground?.ownerId);
		if (!owner) throw new Error(`Asset ${asset.id} has no owner`);
		return owner;
	}

	/** Every legacy topic address of an asset: by id, by device id, and by gateway (and device name). */
	private legacyAddresses(asset: SmartLivingAsset): LegacyAddress[] {
		const addresses: LegacyAddress[] = [{ level: 'asset', assetId: asset.id }];
		const device = this.world.state.devices.find((candidate) => candidate.id === asset.deviceId);
		if (device) {
			addresses.push({ level: 'deviceAsset', deviceId: device.id, assetName: asset.name });
			if (device.gatewayId !== null) {
				addresses.push({
					level: 'gatewayDeviceAsset',
					gatewayId: device.gatewayId,
					deviceName: device.name,
					assetName: asset.name,
				});
			}
		}
		if (asset.gatewayId !== null) {
			addresses.push({ level: 'gatewayAsset', gatewayId: asset.gatewayId, assetName: asset.name });
		}
		return addresses;
	}

	/** Where the device library publishes: by device id, or through its gateway. */
	private deviceSideAddress(asset: SmartLivingAsset): LegacyAddress {
		if (asset.gatewayId !== null) {
			return { level: 'gatewayAsset', gatewayId: asset.gatewayId, assetName: asset.name };
		}
		const device = this.world.state.devices.find((candidate) => candidate.id === asset.deviceId);
		if (device?.gatewayId) {
			return {
				level: 'gatewayDeviceAsset',
				gatewayId: device.gatewayId,
				deviceName: device.name,
				assetName: asset.name,
			};
		}
		return { level: 'deviceAsset', deviceId: asset.deviceId ?? '', assetName: asset.name };
	}
}
