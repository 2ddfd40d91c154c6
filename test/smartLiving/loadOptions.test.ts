import type { INodeParameters } from 'n8n-workflow';

import { smartLivingSeed as seed } from '../../sandbox';
import { listSearch, loadOptions } from '../harness/n8n';
import type { PlatformUnderTest, SmartLivingRunOptions } from './useSmartLiving';
import { useSmartLiving } from './useSmartLiving';

const sl = useSmartLiving();
const { groundIds: grounds, deviceIds: devices, assetIds: assets } = seed;

const dropdown = async (
	platform: PlatformUnderTest,
	method: string,
	parameters: Record<string, string> = {},
	options: SmartLivingRunOptions & { node?: string } = {},
) =>
	await loadOptions({
		node: options.node ?? 'smartLiving',
		method,
		parameters,
		credentials: sl.credentials(platform, options),
	});

const homeDevices = [
	{ name: 'Front door', value: devices.door },
	{ name: 'Kitchen plug', value: devices.plug },
	{ name: 'Living room thermostat', value: devices.thermostat },
];
const thermostatAssets = [
	{ name: 'Heating (actuator)', value: 'heating' },
	{ name: 'Humidity (sensor)', value: 'humidity' },
	{ name: 'Mode (config)', value: 'mode' },
	{ name: 'Schedule (virtual)', value: 'schedule' },
	{ name: 'Target temperature (actuator)', value: 'target' },
	{ name: 'Temperature (sensor)', value: 'temperature' },
];

describe('SmartLiving dropdowns', () => {
	test('grounds: a Maker ground token sees its ground; a legacy user also the ground shared with them', async () => {
		expect(await dropdown('maker', 'getGrounds')).toEqual([{ name: 'Home', value: grounds.home }]);
		expect(await dropdown('smartLiving', 'getGrounds')).toEqual([
			{ name: 'Home', value: grounds.home },
			{ name: 'Office', value: grounds.office },
		]);
		expect(sl.calls()).toEqual(['GET /grounds', 'POST /login', 'GET /me/grounds?type=shared']);
	});

	test('devices: every device of every ground the credential sees, by title', async () => {
		expect(await dropdown('maker', 'getDevices')).toEqual(homeDevices);
		expect(await dropdown('smartLiving', 'getDevices')).toEqual([
			...homeDevices,
			{ name: 'Roof weather station', value: devices.weather },
			{ name: 'Van tracker', value: devices.tracker },
		]);
	});

	test('devices with a Maker device token: only the token’s own device, read directly', async () => {
		const options = await dropdown(
			'maker',
			'getDevices',
			{},
			{
				token: seed.makerDeviceToken,
				credentials: { makerScope: 'device', deviceId: devices.thermostat },
			},
		);

		expect(options).toEqual([{ name: 'Living room thermostat', value: devices.thermostat }]);
		expect(sl.calls()).toEqual([`GET /device/${devices.thermostat}`]);
	});

	test('asset names follow the chosen device, with the kind of each asset, on both platforms', async () => {
		const parameters = {
			resource: 'asset',
			operation: 'getState',
			assetBy: 'device',
			deviceId: devices.thermostat,
		};

		expect(await dropdown('maker', 'getAssetNames', parameters)).toEqual(thermostatAssets);
		expect(await dropdown('smartLiving', 'getAssetNames', parameters)).toEqual(thermostatAssets);
	});

	test('asset names stay empty until a device is chosen (no request)', async () => {
		const options = await dropdown('maker', 'getAssetNames', {
			resource: 'asset',
			operation: 'getState',
			assetBy: 'device',
			deviceId: '',
		});

		expect(options).toEqual([]);
		expect(sl.calls()).toEqual([]);
	});

	test('asset IDs: every asset of every device, as "device / asset"', async () => {
		const options = await dropdown('maker', 'getAssetIds');

		const expected = sl
			.state()
			.assets.filter((asset) => homeDevices.some((device) => device.value === asset.deviceId))
			.map((asset) => ({
				name: `${homeDevices.find((device) => device.value === asset.deviceId)?.name} / ${asset.title}`,
				value: asset.id,
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
		expect(options).toEqual(expected);
		expect(options).toContainEqual({
			name: 'Living room thermostat / Temperature',
			value: assets.temperature,
		});
	});

	test('the trigger’s asset dropdown offers "every asset" first, then the device’s assets', async () => {
		const options = await dropdown(
			'maker',
			'getAssetNamesOrAll',
			{ level: 'asset', assetBy: 'device', deviceId: devices.door },
			{ node: 'smartLivingTrigger' },
		);

		expect(options).toEqual([
			{ name: 'Every Asset of the Device', value: '+' },
			{ name: 'Battery (sensor)', value: 'battery' },
			{ name: 'Door open (sensor)', value: 'open' },
			{ name: 'Lock (actuator)', value: 'lock' },
		]);
	});

	test('the trigger’s device dropdown is the node’s', async () => {
		expect(
			await dropdown('maker', 'getDevices', { level: 'device' }, { node: 'smartLivingTrigger' }),
		).toEqual(homeDevices);
	});
});

describe('SmartLiving resource locators (From List)', () => {
	const search = async (
		platform: PlatformUnderTest,
		method: string,
		parameters: INodeParameters = {},
		filter?: string,
	) =>
		await listSearch({
			node: 'smartLiving',
			method,
			parameters,
			filter,
			credentials: sl.credentials(platform),
		});

	test('devices: every device the credential sees, searched by name or ID', async () => {
		expect((await search('maker', 'searchDevices')).results).toEqual(homeDevices);
		expect((await search('maker', 'searchDevices', {}, 'THERMO')).results).toEqual([
			{ name: 'Living room thermostat', value: devices.thermostat },
		]);
	});

	test('asset names follow the device, whether it was picked from the list or typed by ID', async () => {
		const picked = { resource: 'asset', operation: 'getState', assetBy: 'device' };
		const fromList = await search('smartLiving', 'searchAssetNames', {
			...picked,
			deviceId: { __rl: true, mode: 'list', value: devices.thermostat },
		});
		const byId = await search('smartLiving', 'searchAssetNames', {
			...picked,
			deviceId: { __rl: true, mode: 'id', value: devices.thermostat },
		});
		expect(fromList.results).toEqual(thermostatAssets);
		expect(byId.results).toEqual(thermostatAssets);
		expect(
			(await search('maker', 'searchAssetNames', { ...picked, deviceId: '' })).results,
		).toEqual([]);
	});

	test('assets by ID: every asset of every device, as "device / asset"', async () => {
		const { results } = await search('maker', 'searchAssets', {}, 'TEMPERATURE');
		expect(results).toEqual([
			{ name: 'Living room thermostat / Target temperature', value: assets.target },
			{ name: 'Living room thermostat / Temperature', value: assets.temperature },
		]);
	});

	test('an asset picked from the list is read by its ID', async () => {
		const { items, error } = await sl.run('maker', {
			resource: 'asset',
			operation: 'getState',
			assetBy: 'id',
			assetId: { __rl: true, mode: 'list', value: assets.temperature },
		});
		expect(error).toBeUndefined();
		expect(sl.lastRequest().pathname).toBe(`/asset/${assets.temperature}/state`);
		expect(items[0].json).toMatchObject({ assetId: assets.temperature });
	});
});
