/**
 * SmartLiving / AllThingsTalk emulator state: one world (grounds, gateways, devices, assets, states and
 * history) that both the legacy SmartLiving API and the AllThingsTalk Maker API read and write.
 * Secrets (passwords, MQTT client keys, tokens) are deliberately not part of it: the state is dumped by
 * `GET /__sandbox/state`.
 */

export type SmartLivingAssetKind = 'sensor' | 'actuator' | 'virtual' | 'config';
export type SmartLivingPlatform = 'legacy' | 'maker';

export interface SmartLivingUser {
	id: string;
	username: string;
	name: string;
	email: string;
	/** `rmq:clientId`: the MQTT namespace `client/{clientId}/...`. Not a secret (the key is). */
	clientId: string;
}

export interface SmartLivingGround {
	id: string;
	name: string;
	title: string;
	description: string;
	ownerId: string;
	/** Users the ground is shared with; they see it with `GET /me/grounds?type=shared`. */
	sharedWith: string[];
	createdOn: string;
}

export interface SmartLivingGateway {
	id: string;
	name: string;
	title: string;
	description: string;
	groundId: string;
	createdOn: string;
}

export interface SmartLivingDevice {
	id: string;
	/** Unique within its gateway: `/gateway/{gatewayId}/device/{name}` addresses it. */
	name: string;
	title: string;
	description: string;
	groundId: string;
	gatewayId: string | null;
	createdOn: string;
}

export interface SmartLivingAssetState {
	value: unknown;
	/** ISO 8601. */
	at: string;
}

export interface SmartLivingAsset {
	id: string;
	/** Unique within its device (or gateway, for a gateway's own assets). */
	name: string;
	title: string;
	description: string;
	is: SmartLivingAssetKind;
	/** A JSON-schema profile; `type` is one of integer, number, boolean, string, object, array. */
	profile: Record<string, unknown>;
	/** Undefined, Primary, Secondary, Config or Battery. */
	style: string;
	/** Null for an asset of the gateway itself. */
	deviceId: string | null;
	/** Set only for an asset of the gateway itself. */
	gatewayId: string | null;
	state: SmartLivingAssetState | null;
	createdOn: string;
}

export interface SmartLivingHistoryPoint {
	assetId: string;
	value: unknown;
	at: string;
}

export interface SmartLivingCommand {
	assetId: string;
	value: unknown;
	at: string;
	via: 'rest' | 'mqtt';
	platform: SmartLivingPlatform;
}

export interface SmartLivingNotification {
	id: string;
	userId: string;
	message: string;
	at: string;
}

export interface SmartLivingEvent {
	assetId: string;
	topic: string;
	payload: string;
	at: string;
}

/** One message seen by the broker, from a client (`clientId`) or from the emulator itself (null). */
export interface SmartLivingMqttMessage {
	topic: string;
	clientId: string | null;
	qos: number;
	retain: boolean;
	bytes: number;
	/** The payload as UTF-8, cut at 1,000 characters. */
	preview: string;
	at: string;
}

/** A client message the platform could not apply (unknown asset, payload not matching the profile, ...). */
export interface SmartLivingRejectedMessage {
	topic: string;
	clientId: string | null;
	reason: string;
	at: string;
}

export interface SmartLivingState {
	users: SmartLivingUser[];
	grounds: SmartLivingGround[];
	gateways: SmartLivingGateway[];
	devices: SmartLivingDevice[];
	assets: SmartLivingAsset[];
	history: SmartLivingHistoryPoint[];
	commands: SmartLivingCommand[];
	events: SmartLivingEvent[];
	notifications: SmartLivingNotification[];
	mqtt: {
		/** Messages published per topic (clients and emulator), `$SYS` excluded. */
		counts: Record<string, number>;
		/** The last 2,000 messages. */
		messages: SmartLivingMqttMessage[];
		rejected: SmartLivingRejectedMessage[];
	};
}

const historyEnd = Date.parse('2024-05-01T12:00:00Z');
const historyStepMs = 10 * 60 * 1000;
const historyPoints = 150;

/** Seeded ids and defaults, for tests that need a known record. */
export const smartLivingSeed = {
	username: 'sandbox-user',
	password: 'sandbox-password',
	userId: 'user-ada',
	clientId: 'sandbox-client',
	clientKey: 'sandbox-client-key',
	/** Owns the office ground and shares it with the sandbox user; has no access to the home ground. */
	friend: {
		username: 'sandbox-friend',
		password: 'sandbox-friend-password',
		userId: 'user-grace',
		clientId: 'sandbox-friend-client',
		clientKey: 'sandbox-friend-client-key',
	},
	/** Maker device token: the thermostat only. */
	makerDeviceToken: 'sandbox-maker-device-token',
	/** Maker ground token: every device of the home ground. */
	makerGroundToken: 'sandbox-maker-ground-token',
	groundIds: { home: 'ground-home', office: 'ground-office' },
	gatewayId: 'gateway-home',
	gatewayName: 'home-gateway',
	deviceIds: {
		thermostat: 'device-thermostat',
		door: 'device-door',
		/** Behind the gateway, as `plug-1`. */
		plug: 'device-plug',
		tracker: 'device-tracker',
		weather: 'device-weather',
	},
	plugDeviceName: 'plug-1',
	assetIds: {
		temperature: 'asset-thermostat-temperature',
		humidity: 'asset-thermostat-humidity',
		target: 'asset-thermostat-target',
		heating: 'asset-thermostat-heating',
		mode: 'asset-thermostat-mode',
		schedule: 'asset-thermostat-schedule',
		doorOpen: 'asset-door-open',
		doorLock: 'asset-door-lock',
		doorBattery: 'asset-door-battery',
		plugPower: 'asset-plug-power',
		plugSwitch: 'asset-plug-switch',
		gatewayUptime: 'asset-gateway-uptime',
		trackerLocation: 'asset-tracker-location',
		trackerSpeed: 'asset-tracker-speed',
		trackerNote: 'asset-tracker-note',
		weatherWind: 'asset-weather-wind',
		weatherRaining: 'asset-weather-raining',
	},
	/** The asset with a long history: 150 points, one every 10 minutes, the newest at `historyEnd`. */
	historyAssetId: 'asset-thermostat-temperature',
	historyPoints,
	historyStart: new Date(historyEnd - (historyPoints - 1) * historyStepMs).toISOString(),
	historyEnd: new Date(historyEnd).toISOString(),
} as const;

const created = '2023-11-02T09:00:00.000Z';
const seen = '2024-05-01T11:55:00.000Z';

interface AssetSeed {
	id: string;
	name: string;
	title: string;
	is: SmartLivingAssetKind;
	profile: Record<string, unknown>;
	style?: string;
	value: unknown;
}

function asset(
	owner: { deviceId?: string; gatewayId?: string },
	seed: AssetSeed,
): SmartLivingAsset {
	return {
		id: seed.id,
		name: seed.name,
		title: seed.title,
		description: `${seed.title} (seeded)`,
		is: seed.is,
		profile: seed.profile,
		style: seed.style ?? 'Undefined',
		deviceId: owner.deviceId ?? null,
		gatewayId: owner.gatewayId ?? null,
		state: { value: seed.value, at: seen },
		createdOn: created,
	};
}

/** Deterministic indoor temperature curve, one decimal. */
function temperatureAt(index: number): number {
	return Math.round((20 + 2 * Math.sin(index / 8)) * 10) / 10;
}

export function seedSmartLivingState(): SmartLivingState {
	const ids = smartLivingSeed.assetIds;
	const devices = smartLivingSeed.deviceIds;
	const home = smartLivingSeed.groundIds.home;
	const office = smartLivingSeed.groundIds.office;
	const thermostat = { deviceId: devices.thermostat };
	const door = { deviceId: devices.door };
	const plug = { deviceId: devices.plug };
	const tracker = { deviceId: devices.tracker };
	const weather = { deviceId: devices.weather };
	const assets: SmartLivingAsset[] = [
		asset(thermostat, {
			id: ids.temperature,
			name: 'temperature',
			title: 'Temperature',
			is: 'sensor',
			profile: { type: 'number', unit: '°C' },
			style: 'Primary',
			value: temperatureAt(historyPoints - 1),
		}),
		asset(thermostat, {
			id: ids.humidity,
			name: 'humidity',
			title: 'Humidity',
			is: 'sensor',
			profile: { type: 'integer', minimum: 0, maximum: 100 },
			style: 'Secondary',
			value: 48,
		}),
		asset(thermostat, {
			id: ids.target,
			name: 'target',
			title: 'Target temperature',
			is: 'actuator',
			profile: { type: 'number', minimum: 5, maximum: 30 },
			value: 21,
		}),
		asset(thermostat, {
			id: ids.heating,
			name: 'heating',
			title: 'Heating',
			is: 'actuator',
			profile: { type: 'boolean' },
			value: false,
		}),
		asset(thermostat, {
			id: ids.mode,
			name: 'mode',
			title: 'Mode',
			is: 'config',
			profile: { type: 'string', enum: ['eco', 'comfort', 'away'] },
			style: 'Config',
			value: 'comfort',
		}),
		asset(thermostat, {
			id: ids.schedule,
			name: 'schedule',
			title: 'Schedule',
			is: 'virtual',
			profile: { type: 'object' },
			value: { weekday: '06:30', weekend: '08:00' },
		}),
		asset(door, {
			id: ids.doorOpen,
			name: 'open',
			title: 'Door open',
			is: 'sensor',
			profile: { type: 'boolean' },
			style: 'Primary',
			value: false,
		}),
		asset(door, {
			id: ids.doorLock,
			name: 'lock',
			title: 'Lock',
			is: 'actuator',
			profile: { type: 'boolean' },
			value: true,
		}),
		asset(door, {
			id: ids.doorBattery,
			name: 'battery',
			title: 'Battery',
			is: 'sensor',
			profile: { type: 'integer', minimum: 0, maximum: 100, unit: '%' },
			style: 'Battery',
			value: 87,
		}),
		asset(plug, {
			id: ids.plugPower,
			name: 'power',
			title: 'Power',
			is: 'sensor',
			profile: { type: 'number', unit: 'W' },
			value: 12.5,
		}),
		asset(plug, {
			id: ids.plugSwitch,
			name: 'switch',
			title: 'Switch',
			is: 'actuator',
			profile: { type: 'boolean' },
			style: 'Primary',
			value: true,
		}),
		asset(
			{ gatewayId: smartLivingSeed.gatewayId },
			{
				id: ids.gatewayUptime,
				name: 'uptime',
				title: 'Uptime',
				is: 'sensor',
				profile: { type: 'integer', unit: 's' },
				value: 86400,
			},
		),
		asset(tracker, {
			id: ids.trackerLocation,
			name: 'location',
			title: 'Location',
			is: 'sensor',
			profile: {
				type: 'object',
				properties: { latitude: { type: 'number' }, longitude: { type: 'number' } },
			},
			style: 'Primary',
			value: { latitude: 51.0543, longitude: 3.7174 },
		}),
		asset(tracker, {
			id: ids.trackerSpeed,
			name: 'speed',
			title: 'Speed',
			is: 'sensor',
			profile: { type: 'number', unit: 'km/h' },
			value: 42.3,
		}),
		asset(tracker, {
			id: ids.trackerNote,
			name: 'note',
			title: 'Driver note',
			is: 'virtual',
			profile: { type: 'string' },
			value: 'Delivery round B',
		}),
		asset(weather, {
			id: ids.weatherWind,
			name: 'wind',
			title: 'Wind speed',
			is: 'sensor',
			profile: { type: 'number', unit: 'm/s' },
			value: 5.4,
		}),
		asset(weather, {
			id: ids.weatherRaining,
			name: 'raining',
			title: 'Raining',
			is: 'sensor',
			profile: { type: 'boolean' },
			value: true,
		}),
	];

	const history: SmartLivingHistoryPoint[] = [];
	for (let index = 0; index < historyPoints; index++) {
		history.push({
			assetId: smartLivingSeed.historyAssetId,
			value: temperatureAt(index),
			at: new Date(historyEnd - (historyPoints - 1 - index) * historyStepMs).toISOString(),
		});
	}
	for (const seeded of assets) {
		if (seeded.id === smartLivingSeed.historyAssetId || !seeded.state) continue;
		history.push({ assetId: seeded.id, ...seeded.state });
	}
	const temperature = assets.find((candidate) => candidate.id === smartLivingSeed.historyAssetId);
	if (temperature)
		temperature.state = { value: temperatureAt(historyPoints - 1), at: smartLivingSeed.historyEnd };

	return {
		users: [
			{
				id: smartLivingSeed.userId,
				username: smartLivingSeed.username,
				name: 'Ada Lovelace',
				email: 'ada.lovelace@example.com',
				clientId: smartLivingSeed.clientId,
			},
			{
				id: smartLivingSeed.friend.userId,
				username: smartLivingSeed.friend.username,
				name: 'Grace Hopper',
				email: 'grace.hopper@example.com',
				clientId: smartLivingSeed.friend.clientId,
			},
		],
		grounds: [
			{
				id: home,
				name: 'home',
				title: 'Home',
				description: 'Thermostat, front door and the Zigbee gateway',
				ownerId: smartLivingSeed.userId,
				sharedWith: [],
				createdOn: created,
			},
			{
				id: office,
				name: 'office',
				title: 'Office',
				description: 'Shared by Grace: the van tracker and the roof weather station',
				ownerId: smartLivingSeed.friend.userId,
				sharedWith: [smartLivingSeed.userId],
				createdOn: created,
			},
		],
		gateways: [
			{
				id: smartLivingSeed.gatewayId,
				name: smartLivingSeed.gatewayName,
				title: 'Home gateway',
				description: 'Zigbee gateway in the hallway',
				groundId: home,
				createdOn: created,
			},
		],
		devices: [
			device(devices.thermostat, 'thermostat', 'Living room thermostat', home, null),
			device(devices.door, 'front-door', 'Front door', home, null),
			device(
				devices.plug,
				smartLivingSeed.plugDeviceName,
				'Kitchen plug',
				home,
				smartLivingSeed.gatewayId,
			),
			device(devices.tracker, 'van-tracker', 'Van tracker', office, null),
			device(devices.weather, 'roof-weather', 'Roof weather station', office, null),
		],
		assets,
		history,
		commands: [],
		events: [],
		notifications: [],
		mqtt: { counts: {}, messages: [], rejected: [] },
	};
}

function device(
	id: string,
	name: string,
	title: string,
	groundId: string,
	gatewayId: string | null,
): SmartLivingDevice {
	return {
		id,
		name,
		title,
		description: `${title} (seeded)`,
		groundId,
		gatewayId,
		createdOn: created,
	};
}
