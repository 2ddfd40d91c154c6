import { smartLivingSeed as seed } from '../../../sandbox';
import { useSmartLivingSandbox } from './harness';

const { assetIds, deviceIds, groundIds } = seed;

describe('SmartLiving emulator legacy REST API', () => {
	const h = useSmartLivingSandbox();

	it('lists own grounds in items, and shared ones too with ?type=shared', async () => {
		const api = await h.legacy();
		const own = await api.get('/me/grounds');
		const shared = await api.get('/me/grounds?type=shared');
		expect(own.status).toBe(200);
		expect(own.data.items.map((ground: { id: string }) => ground.id)).toEqual([groundIds.home]);
		expect(shared.data.items).toEqual([
			expect.objectContaining({ id: groundIds.home, visibility: 'personal' }),
			expect.objectContaining({ id: groundIds.office, visibility: 'shared' }),
		]);
	});

	it('lists the devices of a ground with their assets', async () => {
		const api = await h.legacy();
		const response = await api.get(`/ground/${groundIds.home}/devices`);
		expect(response.data.items.map((device: { id: string }) => device.id)).toEqual([
			deviceIds.thermostat,
			deviceIds.door,
			deviceIds.plug,
		]);
		const plug = response.data.items[2];
		expect(plug).toMatchObject({ name: seed.plugDeviceName, gatewayId: seed.gatewayId });
		expect(plug.assets.map((asset: { name: string }) => asset.name)).toEqual(['power', 'switch']);
	});

	it('gets a device by id and by gateway and device name, and the gateway itself', async () => {
		const api = await h.legacy();
		const byId = await api.get(`/device/${deviceIds.plug}`);
		const byName = await api.get(`/gateway/${seed.gatewayId}/device/${seed.plugDeviceName}`);
		expect(byName.data).toEqual(byId.data);
		const gateway = await api.get(`/gateway/${seed.gatewayId}`);
		expect(gateway.data).toMatchObject({
			id: seed.gatewayId,
			groundId: groundIds.home,
			assets: [
				expect.objectContaining({
					id: assetIds.gatewayUptime,
					name: 'uptime',
					gatewayId: seed.gatewayId,
				}),
			],
			devices: [{ id: deviceIds.plug, name: seed.plugDeviceName, title: 'Kitchen plug' }],
		});
	});

	it('gets one asset through each of the four addressings', async () => {
		const api = await h.legacy();
		const byId = await api.get(`/asset/${assetIds.plugSwitch}`);
		expect(byId.data).toMatchObject({
			id: assetIds.plugSwitch,
			name: 'switch',
			deviceId: deviceIds.plug,
			is: 'actuator',
			profile: { type: 'boolean' },
			state: { value: true, at: expect.any(String) },
		});
		const byDevice = await api.get(`/device/${deviceIds.plug}/asset/switch`);
		const byGatewayDevice = await api.get(
			`/gateway/${seed.gatewayId}/device/${seed.plugDeviceName}/asset/switch`,
		);
		const gatewayAsset = await api.get(`/gateway/${seed.gatewayId}/asset/uptime`);
		expect(byDevice.data).toEqual(byId.data);
		expect(byGatewayDevice.data).toEqual(byId.data);
		expect(gatewayAsset.data.id).toBe(assetIds.gatewayUptime);
	});

	it('reads an asset state as {"state":{"value","at"}}', async () => {
		const api = await h.legacy();
		const response = await api.get(`/asset/${assetIds.temperature}/state`);
		expect(response.data).toEqual({
			id: assetIds.temperature,
			state: { value: expect.any(Number), at: seed.historyEnd },
		});
	});

	it('creates an asset with PUT, as createAsset sends it, and updates it on a second PUT', async () => {
		const api = await h.legacy();
		const created = await api.put(`/device/${deviceIds.door}/asset/tamper`, {
			title: 'Tamper',
			description: 'Tamper switch',
			style: 'Undefined',
			is: 'sensor',
			deviceId: deviceIds.door,
			profile: { type: 'boolean' },
		});
		expect(created.status).toBe(200);
		expect(created.data).toMatchObject({
			id: 'asset-door-tamper',
			name: 'tamper',
			title: 'Tamper',
			is: 'sensor',
			style: 'Undefined',
			profile: { type: 'boolean' },
			deviceId: deviceIds.door,
			state: null,
		});
		const updated = await api.put(`/device/${deviceIds.door}/asset/tamper`, {
			deviceId: deviceIds.door,
			style: 'Secondary',
			profile: '{"type": "integer", "minimum": 0}',
		});
		expect(updated.data).toMatchObject({
			id: 'asset-door-tamper',
			title: 'Tamper',
			style: 'Secondary',
			profile: { type: 'integer', minimum: 0 },
		});
	});

	it('defaults a profile-less asset to string, reads "text" as string, and rejects an unknown type', async () => {
		const api = await h.legacy();
		const noProfile = await api.put(`/device/${deviceIds.door}/asset/label`, {
			deviceId: deviceIds.door,
			style: 'Undefined',
			is: 'virtual',
		});
		const text = await api.put(`/device/${deviceIds.door}/asset/memo`, {
			is: 'config',
			profile: 'text',
		});
		const bad = await api.put(`/device/${deviceIds.door}/asset/bad`, {
			profile: { type: 'colour' },
		});
		expect(noProfile.data.profile).toEqual({ type: 'string' });
		expect(text.data.profile).toEqual({ type: 'string' });
		expect(bad.status).toBe(400);
		expect(bad.data).toEqual({
			message: 'profile type must be one of integer, number, boolean, string, object, array',
		});
	});

	it('sends a state with "at": null as the current time, visible in the state and the history', async () => {
		const api = await h.legacy();
		const before = Date.now();
		const response = await api.put(`/device/${deviceIds.thermostat}/asset/humidity/state`, {
			value: 55,
			at: null,
		});
		expect(response.status).toBe(200);
		expect(response.data).toBe('');
		const state = (await api.get(`/asset/${assetIds.humidity}/state`)).data.state;
		expect(state.value).toBe(55);
		expect(Date.parse(state.at)).toBeGreaterThanOrEqual(before - 1000);
		const history = await api.get(`/asset/${assetIds.humidity}/states?`);
		expect(history.data.data[0]).toEqual({ at: state.at, data: 55 });
	});

	it('keeps the timestamp a state was sent with, through a gateway path', async () => {
		const api = await h.legacy();
		await api.put(`/gateway/${seed.gatewayId}/device/${seed.plugDeviceName}/asset/power/state`, {
			value: '17.25',
			at: '2024-06-01T08:00:00Z',
		});
		expect(h.emulator.state.assets.find((asset) => asset.id === assetIds.plugPower)?.state).toEqual(
			{
				value: 17.25,
				at: '2024-06-01T08:00:00.000Z',
			},
		);
	});

	it('sends a command to an actuator: recorded, and (by default) echoed as its state', async () => {
		const api = await h.legacy();
		const response = await api.put(`/asset/${assetIds.heating}/command`, { value: true });
		expect(response.status).toBe(200);
		expect(h.emulator.state.commands).toEqual([
			{
				assetId: assetIds.heating,
				value: true,
				at: expect.any(String),
				via: 'rest',
				platform: 'legacy',
			},
		]);
		expect((await api.get(`/asset/${assetIds.heating}/state`)).data.state.value).toBe(true);
	});

	it('rejects a command to a sensor and a value that does not match the profile', async () => {
		const api = await h.legacy();
		const toSensor = await api.put(`/asset/${assetIds.temperature}/command`, { value: 1 });
		const mismatch = await api.put(`/device/${deviceIds.thermostat}/asset/heating/command`, {
			value: 'maybe',
		});
		const missing = await api.put(`/asset/${assetIds.heating}/state`, { at: null });
		expect(toSensor.status).toBe(400);
		expect(toSensor.data.message).toBe('Asset temperature is a sensor: commands go to actuators');
		expect(mismatch.status).toBe(400);
		expect(mismatch.data).toEqual({
			message: 'value "maybe" does not match the asset\'s profile (boolean)',
		});
		expect(missing.data).toEqual({ message: 'value is required' });
	});

	it('sends a push notification to the logged-in user', async () => {
		const api = await h.legacy();
		const response = await api.post('/service/push/notifications', { message: 'Door left open' });
		expect(response.status).toBe(200);
		expect(response.data).toEqual({
			id: 'notification-1',
			message: 'Door left open',
			at: expect.any(String),
		});
		expect(h.emulator.state.notifications).toEqual([
			expect.objectContaining({ userId: seed.userId, message: 'Door left open' }),
		]);
		expect((await api.post('/service/push/notifications', {})).status).toBe(400);
	});

	it('answers 404 for unknown records and 403 for a ground the user cannot see', async () => {
		const api = await h.legacy();
		const unknownDevice = await api.get('/device/device-nope');
		const unknownAsset = await api.get(`/device/${deviceIds.door}/asset/nope`);
		expect(unknownDevice.status).toBe(404);
		expect(unknownDevice.data).toEqual({ message: 'Device device-nope not found' });
		expect(unknownAsset.data).toEqual({
			message: `Asset nope not found on device ${deviceIds.door}`,
		});

		const friend = await h.login(seed.friend.username, seed.friend.password);
		const friendApi = h.bearer(String(friend.access_token));
		expect((await friendApi.get(`/device/${deviceIds.thermostat}`)).status).toBe(403);
		expect((await friendApi.get(`/device/${deviceIds.tracker}`)).status).toBe(200);
	});

	it('answers an unknown path with 404 and a wrong method with 405, both as {"message"}', async () => {
		const api = await h.legacy();
		const unknown = await api.get('/nothing/here');
		const method = await api.delete(`/asset/${assetIds.heating}/state`);
		expect(unknown.status).toBe(404);
		expect(unknown.data).toEqual({ message: 'Not found' });
		expect(method.status).toBe(405);
	});
});
