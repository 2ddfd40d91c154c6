import { smartLivingSeed as seed } from '../../sandbox';
import { useSmartLiving } from './useSmartLiving';

const sl = useSmartLiving();

describe('SmartLiving → Ground, Device, Gateway, Notification', () => {
	test('Ground → Get Many (legacy) reads /me/grounds, with ?type=shared when asked', async () => {
		const own = await sl.run('smartLiving', {
			resource: 'ground',
			operation: 'getAll',
			returnAll: true,
		});
		expect(sl.lastRequest().path).toBe('/me/grounds');
		const shared = await sl.run('smartLiving', {
			resource: 'ground',
			operation: 'getAll',
			returnAll: true,
			filters: { includeShared: true },
		});
		expect(sl.lastRequest().query).toEqual({ type: 'shared' });
		expect(shared.items.length).toBeGreaterThan(own.items.length);
	});

	test('Ground → Get Many (Maker) reads /grounds with the ground token', async () => {
		const { items } = await sl.run('maker', {
			resource: 'ground',
			operation: 'getAll',
			returnAll: true,
		});
		expect(sl.lastRequest().pathname).toBe('/grounds');
		expect(items.map((item) => item.json.id)).toEqual([seed.groundIds.home]);
	});

	test('Device → Get Many lists the devices of a ground, up to the limit', async () => {
		const { items } = await sl.run('smartLiving', {
			resource: 'device',
			operation: 'getAll',
			groundId: seed.groundIds.home,
			returnAll: false,
			limit: 1,
		});
		expect(sl.lastRequest().pathname).toBe(`/ground/${seed.groundIds.home}/devices`);
		expect(items).toHaveLength(1);
	});

	test('Device → Get by ID, and by gateway and device name (legacy)', async () => {
		const byId = await sl.run('smartLiving', {
			resource: 'device',
			operation: 'get',
			deviceBy: 'id',
			deviceId: seed.deviceIds.thermostat,
		});
		expect(sl.lastRequest().pathname).toBe(`/device/${seed.deviceIds.thermostat}`);
		expect(byId.items[0].json.id).toBe(seed.deviceIds.thermostat);

		const byName = await sl.run('smartLiving', {
			resource: 'device',
			operation: 'get',
			deviceBy: 'gateway',
			gatewayId: seed.gatewayId,
			deviceName: seed.plugDeviceName,
		});
		expect(sl.lastRequest().pathname).toBe(
			`/gateway/${seed.gatewayId}/device/${seed.plugDeviceName}`,
		);
		expect(byName.items[0].json.id).toBe(seed.deviceIds.plug);
	});

	test('Gateway → Get reads the gateway (legacy) and is refused on Maker without a request', async () => {
		const { items } = await sl.run('smartLiving', {
			resource: 'gateway',
			operation: 'get',
			gatewayId: seed.gatewayId,
		});
		expect(sl.lastRequest().pathname).toBe(`/gateway/${seed.gatewayId}`);
		expect(items[0].json.id).toBe(seed.gatewayId);

		sl.emulator().reset();
		const maker = await sl.run('maker', {
			resource: 'gateway',
			operation: 'get',
			gatewayId: seed.gatewayId,
		});
		expect(maker.error?.message).toBe('AllThingsTalk Maker has no gateways (Gateway → Get)');
		expect(sl.requests()).toHaveLength(0);
	});

	test('Notification → Push posts the message (legacy)', async () => {
		const { items, error } = await sl.run('smartLiving', {
			resource: 'notification',
			operation: 'push',
			message: 'Door left open',
		});
		expect(error).toBeUndefined();
		const request = sl.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe('POST /service/push/notifications');
		expect(request.body).toEqual({ message: 'Door left open' });
		expect(items[0].json).toMatchObject({ sent: true, message: 'Door left open' });
	});

	test('Notification → Push on Maker says Maker lacks it, and continueOnFail keeps it as an item', async () => {
		const { items } = await sl.run(
			'maker',
			{ resource: 'notification', operation: 'push', message: 'x' },
			{ continueOnFail: true },
		);
		expect(items[0].json.error).toBe(
			'AllThingsTalk Maker has no push notifications (Notification → Push)',
		);
	});
});

describe('SmartLiving → errors and sessions', () => {
	test('an expired access token is renewed with the refresh token and the request repeated once', async () => {
		const stored = await sl.run('smartLiving', {
			resource: 'gateway',
			operation: 'get',
			gatewayId: seed.gatewayId,
		});
		expect(stored.error).toBeUndefined();
		sl.emulator().expireAccessTokens();
		sl.emulator().requests.length = 0;
		const { error } = await sl.run('smartLiving', {
			resource: 'gateway',
			operation: 'get',
			gatewayId: seed.gatewayId,
		});
		expect(error).toBeUndefined();
		const logins = sl.requests().filter((request) => request.pathname === '/login');
		expect(logins.length).toBeGreaterThanOrEqual(1);
	});

	test('a wrong password fails with the platform message and never shows the password', async () => {
		const { error } = await sl.run(
			'smartLiving',
			{ resource: 'gateway', operation: 'get', gatewayId: seed.gatewayId },
			{ password: 'not-the-password-123' },
		);
		expect(error).toBeDefined();
		expect(error?.message).toContain('SmartLiving could not log in');
		expect(JSON.stringify(error)).not.toContain('not-the-password-123');
	});

	test('a missing asset is a NodeApiError with the platform message', async () => {
		const { error } = await sl.run('maker', {
			resource: 'asset',
			operation: 'get',
			assetBy: 'id',
			assetId: 'asset-nope',
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^SmartLiving: /);
		expect(JSON.stringify(error)).not.toContain(seed.makerGroundToken);
	});

	test('a bad JSON value names the item and the field', async () => {
		const { error } = await sl.run('maker', {
			resource: 'asset',
			operation: 'sendState',
			assetBy: 'device',
			deviceId: seed.deviceIds.thermostat,
			assetName: 'schedule',
			valueType: 'json',
			jsonValue: '{oops',
		});
		expect(error?.message).toMatch(/^Item 0: "Value" is not valid JSON/);
		expect(sl.requests()).toHaveLength(0);
	});
});
