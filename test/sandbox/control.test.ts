import axios from 'axios';

import { useHologramSandbox } from './hologram/harness';

describe('sandbox control endpoints', () => {
	const h = useHologramSandbox();
	const control = () =>
		axios.create({ baseURL: new URL(h.emulator.url).origin, validateStatus: () => true });

	it('GET /__sandbox/requests shows the requests on the wire, without control calls; DELETE clears them', async () => {
		await h.api.get('/devices?orgid=1001&tagid=21');
		const listed = await control().get('/__sandbox/requests');
		expect(listed.status).toBe(200);
		expect(listed.data).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/api/1/devices?orgid=1001&tagid=21',
				pathname: '/api/1/devices',
				query: { orgid: '1001', tagid: '21' },
				rawBody: '',
			}),
		]);
		expect((await control().delete('/__sandbox/requests')).data).toEqual({ cleared: 1 });
		expect(h.emulator.requests).toHaveLength(0);
		expect((await control().get('/__sandbox/requests')).data).toEqual([]);
	});

	it('POST /__sandbox/faults queues a fault, with "/.../" as a path regex; DELETE clears them', async () => {
		const queued = await control().post('/__sandbox/faults', {
			type: 'status',
			status: 429,
			retryAfter: 5,
			times: 1,
			match: { path: '/^/api/1/plans$/' },
		});
		expect(queued.status).toBe(201);
		expect((await h.api.get('/plans/11')).status).toBe(200);
		const limited = await h.api.get('/plans');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('5');

		await control().post('/__sandbox/faults', { type: 'htmlError' });
		expect((await control().get('/__sandbox/faults')).data).toEqual([{ type: 'htmlError' }]);
		await control().delete('/__sandbox/faults');
		expect((await h.api.get('/plans')).status).toBe(200);
	});

	it('refuses a malformed fault with 400', async () => {
		const response = await control().post('/__sandbox/faults', { type: 'explode' });
		expect(response.status).toBe(400);
		expect(response.data.error).toMatch(/Fault type must be one of/);
	});

	it('GET /__sandbox/state shows the state and POST /__sandbox/reset restores the seed', async () => {
		await h.api.post('/links/cellular/4001/state', { state: 'pause' });
		h.emulator.faults.inject({ type: 'latency', ms: 1 });
		const state = await control().get('/__sandbox/state');
		expect(state.data.links[0]).toMatchObject({ id: 4001, state: 'PAUSE' });

		expect((await control().post('/__sandbox/reset')).data).toEqual({ reset: true });
		expect(h.emulator.state.links[0].state).toBe('LIVE');
		expect(h.emulator.requests).toHaveLength(0);
		expect(h.emulator.faults.pending).toHaveLength(0);
	});

	it('answers 404 for an unknown control endpoint and for paths outside the API', async () => {
		expect((await control().get('/__sandbox/nothing')).status).toBe(404);
		const outside = await axios.get(new URL('/elsewhere', h.emulator.url).href, {
			validateStatus: () => true,
		});
		expect(outside.data).toEqual({ success: false, error: 'Not found' });
	});
});
