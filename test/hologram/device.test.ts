import { hologramSeed } from '../../sandbox';
import { basicAuthFor, useHologram } from './useHologram';

const hologram = useHologram();

describe('Hologram → Device', () => {
	test('Get sends GET devices/{id} with Basic auth and, with Simplify off, outputs the whole device', async () => {
		const { items, error } = await hologram.run({
			resource: 'device',
			operation: 'get',
			deviceId: 3004,
			simplify: false,
		});

		expect(error).toBeUndefined();
		const request = hologram.lastRequest();
		expect(request.method).toBe('GET');
		expect(request.pathname).toBe('/api/1/devices/3004');
		expect(request.headers.authorization).toBe(basicAuthFor(hologram.emulator().apiKey));
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: 3004,
			name: 'Truck 17 Tracker',
			orgid: hologramSeed.teamOrgId,
			whencreated: '2023-06-01 08:00:00',
			links: { cellular: [expect.objectContaining({ id: 4004, sim: '89445001021983043004' })] },
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Get with Simplify (the default) outputs the device at a glance: its SIM and state from its link', async () => {
		const { items, error } = await hologram.run({
			resource: 'device',
			operation: 'get',
			deviceId: { __rl: true, mode: 'list', value: '3004', cachedResultName: 'Truck 17 Tracker' },
		});

		expect(error).toBeUndefined();
		expect(hologram.lastRequest().pathname).toBe('/api/1/devices/3004');
		expect(items.map((item) => item.json)).toEqual([
			{
				id: 3004,
				name: 'Truck 17 Tracker',
				phonenumber: '447937003004',
				imei: '352906110003004',
				tags: [22],
				linkid: 4004,
				sim: '89445001021983043004',
				state: 'LIVE',
				session_end: '2024-05-01 06:04:12',
			},
		]);
	});

	// The default is an empty choice, not a device 0: n8n's own required check stops the run.
	test("Get with the device left empty (the field cleared) is n8n's required warning and sends nothing", async () => {
		await expect(
			hologram.run({
				resource: 'device',
				operation: 'get',
				deviceId: { __rl: true, mode: 'list', value: '' },
			}),
		).rejects.toThrow('Parameter "Device" is required');
		expect(hologram.requests()).toHaveLength(0);
	});

	test('Get Many with Return All outputs one item per device', async () => {
		const { items } = await hologram.run({
			resource: 'device',
			operation: 'getAll',
			returnAll: true,
		});

		expect(items.map((item) => item.json.id)).toEqual(hologramSeed.deviceIds);
		expect(hologram.lastRequest().query).toMatchObject({ limit: '100' });
	});

	test('Get Many sends the chosen filters as query parameters', async () => {
		const { items } = await hologram.run({
			resource: 'device',
			operation: 'getAll',
			returnAll: true,
			filters: { organizationId: String(hologramSeed.teamOrgId), name: 'Truck 22 Tracker' },
		});

		expect(hologram.lastRequest().query).toMatchObject({ orgid: '1002', name: 'Truck 22 Tracker' });
		expect(items.map((item) => item.json.id)).toEqual([3005]);
	});

	test('Get Many filters by tag', async () => {
		const tag = hologram.state().tags[0];
		const { items } = await hologram.run({
			resource: 'device',
			operation: 'getAll',
			returnAll: true,
			filters: { tagId: String(tag.id) },
		});

		expect(hologram.lastRequest().query).toMatchObject({ tagid: String(tag.id) });
		expect(items.map((item) => item.json.id).sort()).toEqual([...tag.deviceids].sort());
	});

	test("Get of an unknown device is a NodeApiError with Hologram's message and HTTP 404", async () => {
		const { error } = await hologram.run({
			resource: 'device',
			operation: 'get',
			deviceId: 999999,
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toMatch(/^Hologram: .+/);
	});
});
