import { useHologramSandbox } from './harness';

describe('Hologram emulator: cursor pagination', () => {
	const h = useHologramSandbox();

	it('walks the devices with limit and startafter, continues and lastid', async () => {
		const first = await h.api.get('/devices', { params: { limit: 3 } });
		expect(first.data).toMatchObject({
			success: true,
			limit: 3,
			size: 3,
			continues: true,
			lastid: 3003,
		});
		expect(first.data.links).toEqual({
			base: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
			path: '/api/1/devices',
			next: '/api/1/devices?limit=3&startafter=3003',
		});

		const second = await h.api.get('/devices', {
			params: { limit: 3, startafter: first.data.lastid },
		});
		expect(second.data.data.map((device: { id: number }) => device.id)).toEqual([3004, 3005, 3006]);
		expect(second.data).toMatchObject({ size: 3, continues: true, lastid: 3006 });

		const last = await h.api.get('/devices', { params: { limit: 3, startafter: 3006 } });
		expect(last.data).toMatchObject({ size: 1, lastid: 3007 });
		expect(last.data.continues).toBeUndefined();
		expect(last.data.links.next).toBeNull();
	});

	it('keeps filters in the next link but never the API key', async () => {
		const response = await h.anonymous.get('/csr/rdm', {
			params: { apikey: h.emulator.apiKey, topicname: 'gps', limit: 1 },
		});
		expect(response.data.links.next).toBe('/api/1/csr/rdm?topicname=gps&limit=1&startafter=9004');
	});

	it('uses a default page of 50, caps limit at 1000 and refuses a non-positive limit', async () => {
		for (let n = 0; n < 60; n++)
			await h.api.post('/csr/rdm', { deviceid: 3001, data: `reading ${n}` });
		const defaultPage = await h.api.get('/csr/rdm');
		expect(defaultPage.data).toMatchObject({ limit: 50, size: 50, continues: true, lastid: 9050 });
		const capped = await h.api.get('/csr/rdm', { params: { limit: 5000 } });
		expect(capped.data).toMatchObject({ limit: 1000, size: 68 });
		expect((await h.api.get('/csr/rdm', { params: { limit: 0 } })).status).toBe(400);
	});

	it.each([
		'/links/cellular',
		'/devices/tags',
		'/plans',
		'/tunnelkeys',
		'/organizations',
		'/organizations/1002/balancehistory',
		'/users/me/balancehistory',
	])('paginates %s', async (path) => {
		const response = await h.api.get(path, { params: { limit: 1 } });
		expect(response.data).toMatchObject({
			success: true,
			limit: 1,
			size: 1,
			lastid: response.data.data[0].id,
		});
	});
});
