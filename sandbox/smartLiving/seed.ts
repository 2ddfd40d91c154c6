/** The deterministic world every SmartLiving test starts from, and the known ids, logins and tokens in it. */
import type {
	SmartLivingAsset,
	SmartLivingAssetKind,
	SmartLivingDevice,
	SmartLivingHistoryPoint,
	SmartLivingState,
} from './state';

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
const { assetIds: ids, deviceIds: devices, groundIds } = smartLivingSeed;

/** Deterministic indoor temperature curve, one decimal. */
function temperatureAt(index: number): number {
	return Math.round((20 + 2 * Math.sin(index / 8)) * 10) / 10;
}

interface AssetSeed {
	/** A device's asset, or one of the gateway itself. */
	owner: { deviceId: string } | { gatewayId: string };
	id: string;
	name: string;
	title: string;
	is: SmartLivingAssetKind;
	profile: Record<string, unknown>;
	style?: string;
	value: unknown;
}

const thermostat = { deviceId: devices.thermostat };
const door = { deviceId: devices.door };
const plug = { deviceId: devices.plug };
const tracker = { deviceId: devices.tracker };
const weather = { deviceId: devices.weather };

/** The seeded assets, one row each. */
const assetSeeds: AssetSeed[] = [
	{
		owner: thermostat,
		id: ids.temperature,
		name: 'temperature',
		title: 'Temperature',
		is: 'sensor',
		profile: { type: 'number', unit: '°C' },
		style: 'Primary',
		value: temperatureAt(historyPoints - 1),
	},
	{
		owner: thermostat,
		id: ids.humidity,
		name: 'humidity',
		title: 'Humidity',
		is: 'sensor',
		profile: { type: 'integer', minimum: 0, maximum: 100 },
		style: 'Secondary',
		value: 48,
	},
	{
		owner: thermostat,
		id: ids.target,
		name: 'target',
		title: 'Target temperature',
		is: 'actuator',
		profile: { type: 'number', minimum: 5, maximum: 30 },
		value: 21,
	},
	{
		owner: thermostat,
		id: ids.heating,
		name: 'heating',
		title: 'Heating',
		is: 'actuator',
		profile: { type: 'boolean' },
		value: false,
	},
	{
		owner: thermostat,
		id: ids.mode,
		name: 'mode',
		title: 'Mode',
		is: 'config',
		profile: { type: 'string', enum: ['eco', 'comfort', 'away'] },
		style: 'Config',
		value: 'comfort',
	},
	{
		owner: thermostat,
		id: ids.schedule,
		name: 'schedule',
		title: 'Schedule',
		is: 'virtual',
		profile: { type: 'object' },
		value: { weekday: '06:30', weekend: '08:00' },
	},
	{
		owner: door,
		id: ids.doorOpen,
		name: 'open',
		title: 'Door open',
		is: 'sensor',
		profile: { type: 'boolean' },
		style: 'Primary',
		value: false,
	},
	{
		owner: door,
		id: ids.doorLock,
		name: 'lock',
		title: 'Lock',
		is: 'actuator',
		profile: { type: 'boolean' },
		value: true,
	},
	{
		owner: door,
		id: ids.doorBattery,
		name: 'battery',
		title: 'Battery',
		is: 'sensor',
		profile: { type: 'integer', minimum: 0, maximum: 100, unit: '%' },
		style: 'Battery',
		value: 87,
	},
	{
		owner: plug,
		id: ids.plugPower,
		name: 'power',
		title: 'Power',
		is: 'sensor',
		profile: { type: 'number', unit: 'W' },
		value: 12.5,
	},
	{
		owner: plug,
		id: ids.plugSwitch,
		name: 'switch',
		title: 'Switch',
		is: 'actuator',
		profile: { type: 'boolean' },
		style: 'Primary',
		value: true,
	},
	{
		owner: { gatewayId: smartLivingSeed.gatewayId },
		id: ids.gatewayUptime,
		name: 'uptime',
		title: 'Uptime',
		is: 'sensor',
		profile: { type: 'integer', unit: 's' },
		value: 86400,
	},
	{
		owner: tracker,
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
	},
	{
		owner: tracker,
		id: ids.trackerSpeed,
		name: 'speed',
		title: 'Speed',
		is: 'sensor',
		profile: { type: 'number', unit: 'km/h' },
		value: 42.3,
	},
	{
		owner: tracker,
		id: ids.trackerNote,
		name: 'note',
		title: 'Driver note',
		is: 'virtual',
		profile: { type: 'string' },
		value: 'Delivery round B',
	},
	{
		owner: weather,
		id: ids.weatherWind,
		name: 'wind',
		title: 'Wind speed',
		is: 'sensor',
		profile: { type: 'number', unit: 'm/s' },
		value: 5.4,
	},
	{
		owner: weather,
		id: ids.weatherRaining,
		name: 'raining',
		title: 'Raining',
		is: 'sensor',
		profile: { type: 'boolean' },
		value: true,
	},
];

function asset(seed: AssetSeed): SmartLivingAsset {
	return {
		id: seed.id,
		name: seed.name,
		title: seed.title,
		description: `${seed.title} (seeded)`,
		is: seed.is,
		profile: seed.profile,
		style: seed.style ?? 'Undefined',
		deviceId: 'deviceId' in seed.owner ? seed.owner.deviceId : null,
		gatewayId: 'gatewayId' in seed.owner ? seed.owner.gatewayId : null,
		state: { value: seed.value, at: seen },
		createdOn: created,
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

/** The temperature's long curve, then each other asset's seeded state as its one point. */
function history(assets: SmartLivingAsset[]): SmartLivingHistoryPoint[] {
	const points: SmartLivingHistoryPoint[] = [];
	for (let index = 0; index < historyPoints; index++) {
		points.push({
			assetId: smartLivingSeed.historyAssetId,
			value: temperatureAt(index),
			at: new Date(historyEnd - (historyPoints - 1 - index) * historyStepMs).toISOString(),
		});
	}
	for (const seeded of assets) {
		if (seeded.id === smartLivingSeed.historyAssetId || !seeded.state) continue;
		points.push({ assetId: seeded.id, ...seeded.state });
	}
	return points;
}

const seededAssets = assetSeeds.map(asset);
const seededHistory = history(seededAssets);
const temperature = seededAssets.find(
	(candidate) => candidate.id === smartLivingSeed.historyAssetId,
);
if (temperature)
	temperature.state = { value: temperatureAt(historyPoints - 1), at: smartLivingSeed.historyEnd };

const seededWorld: SmartLivingState = {
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
			id: groundIds.home,
			name: 'home',
			title: 'Home',
			description: 'Thermostat, front door and the Zigbee gateway',
			ownerId: smartLivingSeed.userId,
			sharedWith: [],
			createdOn: created,
		},
		{
			id: groundIds.office,
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
			groundId: groundIds.home,
			createdOn: created,
		},
	],
	devices: [
		device(devices.thermostat, 'thermostat', 'Living room thermostat', groundIds.home, null),
		device(devices.door, 'front-door', 'Front door', groundIds.home, null),
		device(
			devices.plug,
			smartLivingSeed.plugDeviceName,
			'Kitchen plug',
			groundIds.home,
			smartLivingSeed.gatewayId,
		),
		device(devices.tracker, 'van-tracker', 'Van tracker', groundIds.office, null),
		device(devices.weather, 'roof-weather', 'Roof weather station', groundIds.office, null),
	],
	assets: seededAssets,
	history: seededHistory,
	commands: [],
	events: [],
	notifications: [],
	mqtt: { counts: {}, messages: [], rejected: [] },
};

/** A fresh copy of the seeded world: tests change it, and every reset starts over from the seed. */
export function seedSmartLivingState(): SmartLivingState {
	return structuredClone(seededWorld);
}
