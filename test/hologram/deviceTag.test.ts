import { hologramSeed } from '../../sandbox';
import { useHologram } from './useHologram';

const hologram = useHologram();

describe('Hologram → Device Tag', () => {
	test('Create sends the name and the devices to tag, and outputs the new tag', async () => {
		const { items, error } = await hologram.run({
			resource: 'deviceTag',
			operation: 'create',
			name: 'night-shift',
			additionalFields: { deviceIds: '3001, 3003' },
		});

		expect(error).toBeUndefined();
		const request = hologram.lastRequest();
		expect(request.method).toBe('POST');
		expect(request.pathname).toBe('/api/1/devices/tags');
		expect(request.body).toEqual({ name: 'night-shift', deviceids: [3001, 3003] });
		expect(items[0].json).toMatchObject({ name: 'night-shift', deviceids: [3001, 3003] });
		expect(hologram.state().tags.map((tag) => tag.name)).toContain('night-shift');
	});

	test('Create for a team organization passes the organization in the query', async () => {
		await hologram.run({
			resource: 'deviceTag',
			operation: 'create',
			name: 'depot',
			additionalFields: { organizationId: '1002' },
		});

		expect(hologram.lastRequest().query).toEqual({ orgid: '1002' });
		expect(hologram.lastRequest().body).toEqual({ name: 'depot' });
	});

	test('Delete sends DELETE devices/tags/{id}', async () => {
		const [tagId] = hologramSeed.tagIds;
		const { items, error } = await hologram.run({
			resource: 'deviceTag',
			operation: 'delete',
			tagId: String(tagId),
		});

		expect(error).toBeUndefined();
		expect(hologram.lastRequest().method).toBe('DELETE');
		expect(hologram.lastRequest().pathname).toBe(`/api/1/devices/tags/${tagId}`);
		expect(items[0].json).toEqual({ success: true });
		expect(hologram.state().tags.map((tag) => tag.id)).not.toContain(tagId);
	});

	test('Get Many outputs every tag with its devices', async () => {
		const { items } = await hologram.run({
			resource: 'deviceTag',
			operation: 'getAll',
			returnAll: true,
		});

		expect(hologram.lastRequest().pathname).toBe('/api/1/devices/tags');
		expect(items.map((item) => item.json)).toEqual(
			hologram
				.state()
				.tags.map((tag) =>
					expect.objectContaining({ id: tag.id, name: tag.name, deviceids: tag.deviceids }),
				),
		);
	});

	test('Link Devices attaches the tag to the devices', async () => {
		const [, fleetTagId] = hologramSeed.tagIds;
		const { items } = await hologram.run({
			resource: 'deviceTag',
			operation: 'linkDevices',
			tagId: String(fleetTagId),
			deviceIds: '3006,3007',
		});

		expect(hologram.lastRequest().pathname).toBe(`/api/1/devices/tags/${fleetTagId}/link`);
		expect(hologram.lastRequest().body).toEqual({ deviceids: [3006, 3007] });
		expect(items[0].json.deviceids).toEqual(expect.arrayContaining([3006, 3007]));
	});

	test('Unlink Devices removes the tag from the devices', async () => {
		const [coldChainTagId] = hologramSeed.tagIds;
		const { items } = await hologram.run({
			resource: 'deviceTag',
			operation: 'unlinkDevices',
			tagId: String(coldChainTagId),
			deviceIds: '3002',
		});

		expect(hologram.lastRequest().pathname).toBe(`/api/1/devices/tags/${coldChainTagId}/unlink`);
		expect(items[0].json.deviceids).toEqual([3001]);
	});

	test('Link Devices names the item and field when a device ID is not a number', async () => {
		const { error } = await hologram.run({
			resource: 'deviceTag',
			operation: 'linkDevices',
			tagId: '21',
			deviceIds: '3001, abc',
		});

		expect(error?.message).toBe('Item 0: "Device IDs" must be a number, got "abc"');
		expect(hologram.requests()).toHaveLength(0);
	});
});
