import { smartLivingSeed as seed } from '../../sandbox';
import { useSmartLiving } from './useSmartLiving';

const sl = useSmartLiving();
const { thermostat } = seed.deviceIds;

describe('SmartLiving → Asset (legacy)', () => {
	test('the first call logs in with a form body under a JSON content type, then sends the bearer token', async () => {
		const { items, error } = await sl.run('smartLiving', {
			resource: 'asset',
			operation: 'get',
			assetBy: 'id',
			assetId: seed.assetIds.temperature,
		});

		expect(error).toBeUndefined();
		const [login, get] = sl.requests();
		expect(login.method).toBe('POST');
		expect(login.pathname).toBe('/login');
		expect(login.headers['content-type']).toContain('application/json');
		expect(Object.fromEntries(new URLSearchParams(login.rawBody.toString()))).toEqual(
			Object.fromEntries(
				new URLSearchParams({
					grant_type: 'password',
					username: seed.username,
					password: seed.password,
					client_id: 'maker',
				}),
			),
		);
		expect(`${get.method} ${get.pathname}`).toBe(`GET /asset/${seed.assetIds.temperature}`);
		expect(get.headers.authorization).toMatch(/^Bearer .+/);
		expect(items[0].json).toMatchObject({ id: seed.assetIds.temperature, name: 'temperature' });
	});

	test('Get by device and asset name reads /device/{id}/asset/{name}', async () => {
		const { items } = await sl.run('smartLiving', {
			resource: 'asset',
			operation: 'get',
			assetBy: 'device',
			deviceId: thermostat,
			assetName: 'temperature',
		});
		expect(sl.lastRequest().pathname).toBe(`/device/${thermostat}/asset/temperature`);
		expect(items[0].json.id).toBe(seed.assetIds.temperature);
	});

	test('Get Many lists the assets the device carries', async () => {
		const { items } = await sl.run('smartLiving', {
			resource: 'asset',
			operation: 'getAll',
			deviceId: thermostat,
			returnAll: false,
			limit: 2,
		});
		expect(sl.lastRequest().pathname).toBe(`/device/${thermostat}`);
		expect(items).toHaveLength(2);
		expect(items.every((item) => item.json.deviceId === thermostat)).toBe(true);
	});

	test('Get State returns the value and time of the asset', async () => {
		const asset = sl.state().assets.find((a) => a.id === seed.assetIds.temperature)!;
		const { items } = await sl.run('smartLiving', {
			resource: 'asset',
			operation: 'getState',
			assetBy: 'id',
			assetId: asset.id,
		});
		expect(sl.lastRequest().pathname).toBe(`/asset/${asset.id}/state`);
		expect(items[0].json).toMatchObject({
			assetId: asset.id,
			value: asset.state?.value,
			at: asset.state?.at,
		});
	});

	test('Send State without a timestamp sends the current time, not null', async () => {
		const before = Date.now();
		const { items, error } = await sl.run('smartLiving', {
			resource: 'asset',
			operation: 'sendState',
			assetBy: 'device',
			deviceId: thermostat,
			assetName: 'temperature',
			valueType: 'number',
			numberValue: 21.5,
		});
		expect(error).toBeUndefined();
		const request = sl.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(
			`PUT /device/${thermostat}/asset/temperature/state`,
		);
		const body = request.body as { value: unknown; at: string };
		expect(body.value).toBe(21.5);
		expect(Date.parse(body.at)).toBeGreaterThanOrEqual(before - 1000);
		expect(items[0].json).toMatchObject({ value: 21.5, at: body.at });
		expect(sl.state().assets.find((a) => a.id === seed.assetIds.temperature)?.state?.value).toBe(
			21.5,
		);
	});

	test('Send State sends a given timestamp and a JSON value as it is', async () => {
		await sl.run('smartLiving', {
			resource: 'asset',
			operation: 'sendState',
			assetBy: 'id',
			assetId: seed.assetIds.schedule,
			valueType: 'json',
			jsonValue: '{"monday": [7, 22]}',
			additionalFields: { timestamp: '2024-06-01T10:00:00.000Z' },
		});
		expect(sl.lastRequest().body).toEqual({
			value: { monday: [7, 22] },
			at: '2024-06-01T10:00:00.000Z',
		});
	});

	test('Send Command puts the typed value on the command path of the REST API', async () => {
		const { items } = await sl.run('smartLiving', {
			resource: 'asset',
			operation: 'sendCommand',
			assetBy: 'id',
			assetId: seed.assetIds.heating,
			valueType: 'boolean',
			booleanValue: true,
		});
		const request = sl.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(
			`PUT /asset/${seed.assetIds.heating}/command`,
		);
		expect(request.body).toEqual({ value: true });
		expect(items[0].json).toMatchObject({ assetId: seed.assetIds.heating, value: true });
		expect(sl.state().commands).toEqual([
			expect.objectContaining({ assetId: seed.assetIds.heating, value: true, via: 'rest' }),
		]);
	});

	test('Create puts the asset with style, deviceId and a profile from the type', async () => {
		const { items, error } = await sl.run('smartLiving', {
			resource: 'asset',
			operation: 'create',
			deviceId: thermostat,
			name: 'pressure',
			is: 'sensor',
			profileFrom: 'type',
			profileType: 'integer',
			additionalFields: { title: 'Pressure' },
		});
		expect(error).toBeUndefined();
		const request = sl.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(
			`PUT /device/${thermostat}/asset/pressure`,
		);
		expect(request.body).toEqual({
			title: 'Pressure',
			description: '',
			style: 'Undefined',
			is: 'sensor',
			deviceId: thermostat,
			profile: { type: 'integer' },
		});
		expect(items[0].json).toMatchObject({ name: 'pressure' });
	});

	test('Get History walks every page, the first without a page number', async () => {
		const { items, error } = await sl.run('smartLiving', {
			resource: 'asset',
			operation: 'getHistory',
			assetBy: 'id',
			assetId: seed.historyAssetId,
			returnAll: true,
		});
		expect(error).toBeUndefined();
		const pages = sl.requests().filter((request) => request.pathname.endsWith('/states'));
		expect(pages[0].query.page).toBeUndefined();
		expect(pages[1].query.page).toBe('1');
		expect(items).toHaveLength(seed.historyPoints);
	});

	test('Get History with a limit and a time filter stops early', async () => {
		const { items } = await sl.run('smartLiving', {
			resource: 'asset',
			operation: 'getHistory',
			assetBy: 'id',
			assetId: seed.historyAssetId,
			returnAll: false,
			limit: 5,
			filters: { from: seed.historyStart },
		});
		const pages = sl.requests().filter((request) => request.pathname.endsWith('/states'));
		expect(pages).toHaveLength(1);
		expect(pages[0].query.from).toBe(seed.historyStart);
		expect(items).toHaveLength(5);
	});
});

describe('SmartLiving → Asset → Get History in slices', () => {
	const history = {
		resource: 'asset',
		operation: 'getHistory',
		assetBy: 'id',
		assetId: seed.historyAssetId,
	};

	test('three runs of Limit 60, each starting at the nextStart of the last, read the 150 points once each', async () => {
		const slices: Array<Array<Record<string, unknown>>> = [];
		const starts: Array<string | null> = [''];
		const queries: Array<Record<string, unknown>> = [];
		for (let run = 0; run < 3; run++) {
			const { items, error } = await sl.run('smartLiving', {
				...history,
				returnAll: false,
				limit: 60,
				startAt: starts[run],
			});
			expect(error).toBeUndefined();
			slices.push(items.map((item) => item.json));
			starts.push(items.at(-1)?.json.nextStart as string | null);
			queries.push(
				...sl
					.requests()
					.filter((request) => request.pathname.endsWith('/states'))
					.slice(queries.length)
					.map((request) => request.query),
			);
		}

		expect(slices.map((slice) => slice.length)).toEqual([60, 60, 30]);
		// Every item of a run carries where the next run starts; after the last point, nothing.
		expect(starts).toEqual(['', 'page=1&skip=10', 'page=2&skip=20', null]);
		for (const [run, slice] of slices.entries())
			for (const item of slice) expect(item.nextStart).toBe(starts[run + 1]);
		// Pages from 0, the first without a number; each run fetches only the pages it reads.
		expect(queries).toEqual([{}, { page: '1' }, { page: '1' }, { page: '2' }, { page: '2' }]);
		const read = slices.flat().map((item) => item.at);
		const all = (await sl.run('smartLiving', { ...history, returnAll: true })).items.map(
			(item) => item.json.at,
		);
		expect(all).toHaveLength(seed.historyPoints);
		expect(read).toEqual(all);
	});

	test('a Start At that is no position of the list is refused, naming the field', async () => {
		const { error } = await sl.run('smartLiving', {
			...history,
			returnAll: false,
			limit: 5,
			startAt: 'cursor=abc',
		});
		expect(error?.message).toBe(
			'Item 0: "Start At" is not a position in this list: "cursor=abc" is not part of a position (page=, skip=). Use the nextStart of an earlier run, or leave it empty to start at the beginning.',
		);
		expect(sl.requests().filter((request) => request.pathname.endsWith('/states'))).toEqual([]);
	});
});

describe('SmartLiving → Asset (AllThingsTalk Maker)', () => {
	test('Get State uses the Maker token and the device/asset name address', async () => {
		const { items, error } = await sl.run('maker', {
			resource: 'asset',
			operation: 'getState',
			assetBy: 'device',
			deviceId: thermostat,
			assetName: 'temperature',
		});
		expect(error).toBeUndefined();
		const request = sl.lastRequest();
		expect(request.pathname).toBe(`/device/${thermostat}/asset/temperature/state`);
		expect(request.headers.authorization).toBe(`Bearer ${seed.makerGroundToken}`);
		expect(sl.requests().some((r) => r.pathname === '/login')).toBe(false);
		expect(items[0].json).toHaveProperty('value');
	});

	test('Get Many reads the device asset list', async () => {
		const { items } = await sl.run('maker', {
			resource: 'asset',
			operation: 'getAll',
			deviceId: thermostat,
			returnAll: true,
		});
		expect(sl.lastRequest().pathname).toBe(`/device/${thermostat}/assets`);
		expect(items.length).toBeGreaterThan(1);
	});

	test('Create posts to the asset collection with capitalised keys', async () => {
		const { error } = await sl.run('maker', {
			resource: 'asset',
			operation: 'create',
			deviceId: thermostat,
			name: 'co2',
			is: 'sensor',
			profileFrom: 'json',
			profileJson: '{"type": "integer", "minimum": 0}',
		});
		expect(error).toBeUndefined();
		const request = sl.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(`POST /device/${thermostat}/assets`);
		expect(request.body).toEqual({
			Name: 'co2',
			Title: 'co2',
			Description: '',
			Is: 'sensor',
			Profile: { type: 'integer', minimum: 0 },
		});
	});

	test('addressing by gateway fails before anything is sent, naming what Maker lacks', async () => {
		const { error } = await sl.run('maker', {
			resource: 'asset',
			operation: 'get',
			assetBy: 'gateway',
			gatewayId: seed.gatewayId,
			gatewayAssetName: 'uptime',
		});
		expect(error?.message).toContain('AllThingsTalk Maker has no gateways');
		expect(sl.requests()).toHaveLength(0);
	});
});
