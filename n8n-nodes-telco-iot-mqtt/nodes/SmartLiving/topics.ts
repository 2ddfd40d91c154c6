import type { IDataObject } from 'n8n-workflow';

import type { AssetAddress } from '../../../nodes/SmartLiving/fields';
import type { Platform } from '../../../nodes/SmartLiving/login';

/**
 * The topics a trigger subscribes to, built from the user's choices, the topic a state or command is
 * published on, and the address read back from a message's topic. Legacy:
 * `client/{clientId}/{in|out}/<address>/{state|command|event}`; Maker:
 * `device/{deviceId}/asset/{assetName}/{state|command|feed}` (docs/wire-formats/smartLiving.md#legacy-topics,
 * docs/wire-formats/smartLiving.md#maker-topics).
 */

export type Direction = 'in' | 'out';
export type Kind = 'state' | 'command' | 'event';

export interface Subscription {
	level: 'asset' | 'device' | 'gateway';
	direction: Direction;
	kinds: Kind[];
	assetBy?: 'device' | 'id';
	deviceId?: string;
	assetName?: string;
	assetId?: string;
	gatewayId?: string;
	gatewayScope?: 'gatewayAssets' | 'deviceAssets' | 'devices';
	deviceName?: string;
}

/** A topic segment: `+` or empty means "every one"; anything with `/`, `+` or `#` inside is refused. */
export function segment(value: string | undefined, what: string): string {
	const text = (value ?? '').trim();
	if (text === '' || text === '+') return '+';
	if (/[/+#]/.test(text)) throw new Error(`${what} "${text}" cannot be part of an MQTT topic`);
	return text;
}

/**
 * Maker has no direction in its topics: what devices publish is `state`, what the platform passes
 * on to applications is `feed`, commands are `command`; it has no events and no gateways.
 */
function makerKind(direction: Direction, kind: Kind): string {
	if (kind === 'event') throw new Error('AllThingsTalk Maker has no event topics');
	if (kind === 'command') return 'command';
	return direction === 'out' ? 'state' : 'feed';
}

export function topicsFor(
	subscription: Subscription,
	platform: Platform,
	legacyClientId?: string,
): string[] {
	const { level, direction, kinds } = subscription;
	if (kinds.length === 0) throw new Error('Choose at least one kind of message');
	if (platform === 'maker') {
		if (level === 'gateway') throw new Error('AllThingsTalk Maker has no gateways');
		if (level === 'asset' && subscription.assetBy === 'id')
			throw new Error('AllThingsTalk Maker topics name the device and asset: choose the device');
		const device = segment(subscription.deviceId, 'Device ID');
		const asset = level === 'device' ? '+' : segment(subscription.assetName, 'Asset name');
		const makerKinds = [...new Set(kinds.map((kind) => makerKind(direction, kind)))];
		return makerKinds.map((kind) => `device/${device}/asset/${asset}/${kind}`);
	}
	const prefix = `client/${segment(legacyClientId, 'Client ID')}/${direction}`;
	let address: string;
	if (level === 'asset' && subscription.assetBy === 'id') {
		address = `asset/${segment(subscription.assetId, 'Asset ID')}`;
	} else if (level === 'asset') {
		address = `device/${segment(subscription.deviceId, 'Device ID')}/asset/${segment(subscription.assetName, 'Asset name')}`;
	} else if (level === 'device') {
		address = `device/${segment(subscription.deviceId, 'Device ID')}`;
	} else {
		const gateway = `gateway/${segment(subscription.gatewayId, 'Gateway ID')}`;
		const device = `device/${segment(subscription.deviceName, 'Device name')}`;
		const asset = `asset/${segment(subscription.assetName, 'Asset name')}`;
		if (subscription.gatewayScope === 'devices') address = `${gateway}/${device}`;
		else if (subscription.gatewayScope === 'deviceAssets')
			address = `${gateway}/${device}/${asset}`;
		else address = `${gateway}/${asset}`;
	}
	return kinds.map((kind) => `${prefix}/${address}/${kind}`);
}

/**
 * The words of the trigger's Direction setting, so an item says `From Devices` where the setting does,
 * not the topics' `in` and `out`.
 */
export const DIRECTION_WORDS: Record<Direction, string> = {
	in: 'From the Platform',
	out: 'From Devices',
};

/** What a message's topic says about where it came from. */
export function addressFromTopic(topic: string, platform: Platform): IDataObject {
	const parts = topic.split('/');
	if (platform === 'maker') {
		if (parts[0] !== 'device' || parts[2] !== 'asset' || parts.length !== 5) return {};
		const kind = parts[4];
		return {
			deviceId: parts[1],
			assetName: parts[3],
			kind: kind === 'feed' ? 'state' : kind,
			direction: DIRECTION_WORDS[kind === 'state' ? 'out' : 'in'],
		};
	}
	if (parts[0] !== 'client' || parts.length < 5) return {};
	const direction = DIRECTION_WORDS[parts[2] as Direction] ?? parts[2];
	const address: IDataObject = { direction, kind: parts[parts.length - 1] };
	const rest = parts.slice(3, -1);
	for (let index = 0; index + 1 < rest.length; index += 2) {
		const [name, value] = [rest[index], rest[index + 1]];
		if (name === 'gateway') address.gatewayId = value;
		else if (name === 'device')
			address[address.gatewayId === undefined ? 'deviceId' : 'deviceName'] = value;
		else if (name === 'asset')
			address[
				address.deviceId === undefined && address.gatewayId === undefined ? 'assetId' : 'assetName'
			] = value;
	}
	return address;
}

/**
 * Where a state or command for one asset is published. Legacy: commands go `in` (to the device),
 * states `out` (as the device reports them), under the account's client ID; Maker names the device
 * and the asset (the caller looks them up when the asset was given by ID).
 */
export function publishTopic(
	address: AssetAddress,
	kind: 'state' | 'command',
	platform: Platform,
	legacyClientId?: string,
): string {
	const one = (value: string | undefined, what: string) => {
		const text = segment(value, what);
		if (text === '+')
			throw new Error(`${what} must name one (a message cannot be published to every one)`);
		return text;
	};
	if (platform === 'maker') {
		const device = one(address.deviceId, 'Device ID');
		return `device/${device}/asset/${one(address.assetName, 'Asset name')}/${kind}`;
	}
	const segments = [
		`client/${one(legacyClientId, 'Client ID')}/${kind === 'command' ? 'in' : 'out'}`,
	];
	if (address.gatewayId !== undefined)
		segments.push(`gateway/${one(address.gatewayId, 'Gateway ID')}`);
	if (address.deviceId !== undefined) segments.push(`device/${one(address.deviceId, 'Device ID')}`);
	if (address.deviceName !== undefined)
		segments.push(`device/${one(address.deviceName, 'Device name')}`);
	segments.push(
		address.assetId !== undefined
			? `asset/${one(address.assetId, 'Asset ID')}`
			: `asset/${one(address.assetName, 'Asset name')}`,
	);
	return `${segments.join('/')}/${kind}`;
}
