import { smartLivingSeed as seed } from '../../../sandbox';
import { useSmartLivingSandbox } from './harness';

const { assetIds, deviceIds, groundIds } = seed;

describe('SmartLiving emulator AllThingsTalk Maker REST API', () => {
	const h = useSmartLivingSandbox();

	it('reads the device of a device token, with its assets', async () => {
		const response = await h.makerDevice.get(`/device/${deviceIds.thermostat}`);
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			id: deviceIds.thermostat,
			name: 'thermostat',
			groundId: groundIds.home,
		});
		expect(response.data.assets).toHaveLength(6);
	});

	it('lists assets as a bare array', async () => {
		const response = await h.makerDevice.get(`/device/${deviceIds.thermostat}/assets`);
		expect(Array.isArray(response.data)).toBe(true);
		expect(response.data.map((asset: { name: string }) => asset.name)).toEqual([
			'temperature',
			'humidity',
			'target',
			'heating',
			'mode',
			'schedule',
		]);
	});

	it('creates an asset from the capitalised fields the python SDK posts', async () => {
		const response = await h.makerDevice.post(`/device/${deviceIds.thermostat}/assets`, {
			Name: 'co2',
			Title: 'CO2',
			Description: 'Carbon dioxide',
			Is: 'sensor',
			Profile: { type: 'integer', unit: 'ppm' },
		});
		expect(response.status).toBe(201);
		expect(response.data).toMatchObject({
			id: 'asset-thermostat-co2',
			name: 'co2',
			title: 'CO2',
			description: 'Carbon dioxide',
			is: 'sensor',
			profile: { type: 'integer', unit: 'ppm' },
			state: null,
		});
		const again = await h.makerDevice.post(`/device/${deviceIds.thermostat}/assets`, {
			name: 'co2',
		});
		expect(again.status).toBe(409);
		expect(again.data).toEqual({
			message: `Device ${deviceIds.thermostat} already has an asset named co2`,
		});
	});

	it('gets and puts a state as {"state":{"value","at"}} and {"value","at"}', async () => {
		const put = await h.makerDevice.put(`/device/${deviceIds.thermostat}/asset/target/state`, {
			value: 19.5,
			at: '2024-06-01T07:00:00Z',
		});
		expect(put.status).toBe(200);
		const get = await h.makerDevice.get(`/device/${deviceIds.thermostat}/asset/target/state`);
		expect(get.data.state).toEqual({ value: 19.5, at: '2024-06-01T07:00:00.000Z' });
		const withoutAt = await h.makerDevice.put(`/device/${deviceIds.thermostat}/asset/mode/state`, {
			value: 'eco',
		});
		expect(withoutAt.status).toBe(200);
		expect(h.emulator.state.assets.find((asset) => asset.id === assetIds.mode)?.state?.value).toBe(
			'eco',
		);
	});

	it('sends a command, recorded as coming from Maker', async () => {
		await h.makerDevice.put(`/device/${deviceIds.thermostat}/asset/heating/command`, {
			value: false,
		});
		expect(h.emulator.state.commands).toEqual([
			expect.objectContaining({ value: false, platform: 'maker' }),
		]);
	});

	it('refuses a device token anything outside its device with 403', async () => {
		const other = await h.makerDevice.get(`/device/${deviceIds.door}`);
		const otherAsset = await h.makerDevice.get(`/asset/${assetIds.doorLock}/state`);
		const grounds = await h.makerDevice.get('/grounds');
		expect(other.status).toBe(403);
		expect(other.data).toEqual({ message: `This token has no access to device ${deviceIds.door}` });
		expect(otherAsset.status).toBe(403);
		expect(grounds.status).toBe(403);
	});

	it('lets a ground token list its ground and every device in it, and nothing in other grounds', async () => {
		const grounds = await h.makerGround.get('/grounds');
		expect(grounds.data.items.map((ground: { id: string }) => ground.id)).toEqual([groundIds.home]);
		expect((await h.makerGround.get(`/grounds/${groundIds.home}`)).data.id).toBe(groundIds.home);
		const devices = await h.makerGround.get(`/ground/${groundIds.home}/devices`);
		expect(devices.data.items).toHaveLength(3);
		expect((await h.makerGround.get(`/device/${deviceIds.door}/asset/lock/state`)).status).toBe(
			200,
		);
		expect((await h.makerGround.get(`/ground/${groundIds.office}/devices`)).status).toBe(403);
		expect((await h.makerGround.get(`/device/${deviceIds.tracker}`)).status).toBe(403);
	});

	it('answers 404 with a clear message for the calls Maker does not have', async () => {
		const gateway = await h.makerGround.get(`/gateway/${seed.gatewayId}`);
		const push = await h.makerGround.post('/service/push/notifications', { message: 'hi' });
		const gatewayAsset = await h.makerGround.get(
			`/gateway/${seed.gatewayId}/device/${seed.plugDeviceName}/asset/switch`,
		);
		expect(gateway.status).toBe(404);
		expect(gateway.data).toEqual({
			message:
				'The AllThingsTalk Maker API has no gateways: this call exists only on the legacy SmartLiving platform',
		});
		expect(push.status).toBe(404);
		expect(push.data.message).toMatch(/^The AllThingsTalk Maker API has no push notifications/);
		expect(gatewayAsset.status).toBe(404);
	});

	it('shares one world with the legacy API', async () => {
		await h.makerGround.put(`/device/${deviceIds.door}/asset/battery/state`, { value: 12 });
		const api = await h.legacy();
		expect((await api.get(`/asset/${assetIds.doorBattery}/state`)).data.state.value).toBe(12);
	});
});
