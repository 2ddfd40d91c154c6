import { hologramSeed } from '../../../sandbox';
import { useHologramSandbox } from './harness';

const ids = (items: { id: number }[]) => items.map((item) => item.id);

describe('Hologram emulator: devices and tags', () => {
	const h = useHologramSandbox();

	it('lists the seeded devices with their cellular links and derived tag ids', async () => {
		const response = await h.api.get('/devices');
		expect(response.status).toBe(200);
		expect(ids(response.data.data)).toEqual(hologramSeed.deviceIds);
		expect(response.data.data[0]).toMatchObject({
			id: 3001,
			orgid: 1001,
			name: 'Cold Room Sensor 1',
			tags: [21],
			webhookguid: hologramSeed.webhookGuid(3001),
			links: {
				cellular: [
					{
						id: 4001,
						deviceid: 3001,
						devicename: 'Cold Room Sensor 1',
						state: 'LIVE',
						sim: hologramSeed.sim(3001),
					},
				],
			},
		});
		expect(response.data.data[0].whencreated).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
	});

	it.each([
		[{ orgid: 1001 }, [3001, 3002, 3003]],
		[{ tagid: 22 }, [3004, 3005]],
		[{ tagname: 'cold-chain' }, [3001, 3002]],
		[{ name: 'truck' }, [3004, 3005]],
		[{ imei: '352906110003006' }, [3006]],
		[{ sim: hologramSeed.sim(3007) }, [3007]],
	])('filters devices by %j', async (params, expected) => {
		const response = await h.api.get('/devices', { params });
		expect(ids(response.data.data)).toEqual(expected);
	});

	it('gets one device, and answers 404 with a specific message for an unknown id', async () => {
		expect((await h.api.get('/devices/3004')).data.data).toMatchObject({
			id: 3004,
			name: 'Truck 17 Tracker',
		});
		const missing = await h.api.get('/devices/9999');
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({ success: false, error: 'Device 9999 not found' });
	});

	it('lists, creates, links, unlinks and deletes tags, and devices reflect them', async () => {
		expect((await h.api.get('/devices/tags')).data.data).toEqual([
			{ id: 21, name: 'cold-chain', deviceids: [3001, 3002] },
			{ id: 22, name: 'fleet', deviceids: [3004, 3005] },
		]);

		const created = await h.api.post('/devices/tags', { name: 'depot', deviceids: [3006] });
		expect(created.data).toEqual({
			success: true,
			data: { id: 23, name: 'depot', deviceids: [3006] },
		});

		const linked = await h.api.post('/devices/tags/23/link', { deviceids: [3007, 3006] });
		expect(linked.data.data).toEqual({ id: 23, name: 'depot', deviceids: [3006, 3007] });
		expect((await h.api.get('/devices/3007')).data.data.tags).toEqual([23]);

		const unlinked = await h.api.post('/devices/tags/23/unlink', { deviceids: [3006] });
		expect(unlinked.data.data).toEqual({ id: 23, name: 'depot', deviceids: [3007] });
		expect((await h.api.get('/devices/3006')).data.data.tags).toEqual([]);

		expect((await h.api.delete('/devices/tags/23')).data).toEqual({ success: true });
		expect((await h.api.get('/devices/3007')).data.data.tags).toEqual([]);
		expect(h.emulator.state.tags.map((tag) => tag.id)).toEqual([21, 22]);
	});

	it('refuses a tag without a name, linking without deviceids, and unknown tags or devices', async () => {
		const noName = await h.api.post('/devices/tags', {});
		expect(noName.status).toBe(400);
		expect(noName.data).toEqual({ success: false, error: 'Missing required parameter name' });
		const noIds = await h.api.post('/devices/tags/21/link', {});
		expect(noIds.status).toBe(400);
		expect(noIds.data.error).toBe('Missing required parameter deviceids');
		expect((await h.api.post('/devices/tags/99/link', { deviceids: [3001] })).status).toBe(404);
		const unknownDevice = await h.api.post('/devices/tags/21/link', { deviceids: [3001, 8888] });
		expect(unknownDevice.status).toBe(404);
		expect(unknownDevice.data.error).toBe('Device 8888 not found');
		expect(h.emulator.state.tags[0].deviceids).toEqual([3001, 3002]);
	});
});
