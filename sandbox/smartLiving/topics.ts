/**
 * MQTT topic grammars (docs/wire-formats/smartLiving.md#legacy-topics and
 * docs/wire-formats/smartLiving.md#maker-topics).
 * Legacy: `client/{clientId}/{in|out}/<address>/{state|command|event}`, where <address> is one of
 *   asset/{assetId} · device/{deviceId}/asset/{assetName} · gateway/{gatewayId}/asset/{assetName} ·
 *   gateway/{gatewayId}/device/{deviceName}/asset/{assetName} · device/{deviceId} · gateway/{gatewayId}/device/{deviceName}
 * Maker: `device/{deviceId}/asset/{assetName}/{state|command|feed}`.
 */

export type LegacyDirection = 'in' | 'out';
export type LegacyKind = 'state' | 'command' | 'event';
export type MakerKind = 'state' | 'command' | 'feed';

/**
 * The four ways the SDK names an asset, in REST paths and legacy topics alike
 * (docs/wire-formats/smartLiving.md#addressing-an-asset).
 */
export type AssetAddress =
	| { level: 'asset'; assetId: string }
	| { level: 'deviceAsset'; deviceId: string; assetName: string }
	| { level: 'gatewayAsset'; gatewayId: string; assetName: string }
	| { level: 'gatewayDeviceAsset'; gatewayId: string; deviceName: string; assetName: string };

export type LegacyAddress =
	| AssetAddress
	| { level: 'device'; deviceId: string }
	| { level: 'gatewayDevice'; gatewayId: string; deviceName: string };

export interface LegacyTopic {
	clientId: string;
	direction: LegacyDirection;
	address: LegacyAddress;
	kind: LegacyKind;
}

export interface MakerTopic {
	deviceId: string;
	assetName: string;
	kind: MakerKind;
}

const legacyKinds: readonly string[] = ['state', 'command', 'event'];
const makerKinds: readonly string[] = ['state', 'command', 'feed'];

function parseAddress(parts: string[]): LegacyAddress | undefined {
	const [a, b, c, d, e, f] = parts;
	switch (parts.length) {
		case 2:
			if (a === 'asset') return { level: 'asset', assetId: b };
			if (a === 'device') return { level: 'device', deviceId: b };
			return undefined;
		case 4:
			if (a === 'device' && c === 'asset')
				return { level: 'deviceAsset', deviceId: b, assetName: d };
			if (a === 'gateway' && c === 'asset')
				return { level: 'gatewayAsset', gatewayId: b, assetName: d };
			if (a === 'gateway' && c === 'device')
				return { level: 'gatewayDevice', gatewayId: b, deviceName: d };
			return undefined;
		case 6:
			if (a === 'gateway' && c === 'device' && e === 'asset') {
				return { level: 'gatewayDeviceAsset', gatewayId: b, deviceName: d, assetName: f };
			}
			return undefined;
		default:
			return undefined;
	}
}

export function parseLegacyTopic(topic: string): LegacyTopic | undefined {
	const parts = topic.split('/');
	if (parts.length < 5 || parts[0] !== 'client') return undefined;
	const [, clientId, direction] = parts;
	const kind = parts[parts.length - 1];
	if (direction !== 'in' && direction !== 'out') return undefined;
	if (!legacyKinds.includes(kind) || parts.some((part) => part === '')) return undefined;
	const address = parseAddress(parts.slice(3, -1));
	if (!address) return undefined;
	return { clientId, direction, address, kind: kind as LegacyKind };
}

export function legacyAddressPath(address: LegacyAddress): string {
	switch (address.level) {
		case 'asset':
			return `asset/${address.assetId}`;
		case 'deviceAsset':
			return `device/${address.deviceId}/asset/${address.assetName}`;
		case 'gatewayAsset':
			return `gateway/${address.gatewayId}/asset/${address.assetName}`;
		case 'gatewayDeviceAsset':
			return `gateway/${address.gatewayId}/device/${address.deviceName}/asset/${address.assetName}`;
		case 'device':
			return `device/${address.deviceId}`;
		case 'gatewayDevice':
			return `gateway/${address.gatewayId}/device/${address.deviceName}`;
	}
}

export function legacyTopic(
	clientId: string,
	direction: LegacyDirection,
	address: LegacyAddress,
	kind: LegacyKind,
): string {
	return `client/${clientId}/${direction}/${legacyAddressPath(address)}/${kind}`;
}

export function parseMakerTopic(topic: string): MakerTopic | undefined {
	const parts = topic.split('/');
	if (parts.length !== 5 || parts[0] !== 'device' || parts[2] !== 'asset') return undefined;
	if (!makerKinds.includes(parts[4]) || parts[1] === '' || parts[3] === '') return undefined;
	return { deviceId: parts[1], assetName: parts[3], kind: parts[4] as MakerKind };
}

export function makerTopic(deviceId: string, assetName: string, kind: MakerKind): string {
	return `device/${deviceId}/asset/${assetName}/${kind}`;
}

/** MQTT filter matching (`+` one level, `#` the rest), for counting messages by filter. */
export function topicMatches(filter: string, topic: string): boolean {
	const filterParts = filter.split('/');
	const topicParts = topic.split('/');
	for (let index = 0; index < filterParts.length; index++) {
		const part = filterParts[index];
		if (part === '#') return true;
		if (index >= topicParts.length) return false;
		if (part !== '+' && part !== topicParts[index]) return false;
	}
	return filterParts.length === topicParts.length;
}

/** A segment that would break a topic (or a URL path) cannot be an asset or device name. */
export function isTopicSafeName(name: string): boolean {
	return name.length > 0 && !/[/+#\s]/.test(name);
}
