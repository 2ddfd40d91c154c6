import { useHologramSandbox } from './harness';

describe('Hologram emulator: cellular links and plans', () => {
	const h = useHologramSandbox();

	it('lists links filtered by organization and gets one link', async () => {
		const listed = await h.api.get('/links/cellular', { params: { orgid: 1001 } });
		expect(listed.data.data.map((link: { id: number }) => link.id)).toEqual([4001, 4002, 4003]);
		const link = await h.api.get('/links/cellular/4002');
		expect(link.data.data).toMatchObject({
			id: 4002,
			deviceid: 3002,
			state: 'PAUSE',
			planid: 12,
			zone: 'global',
			overagelimit: -1,
		});
		expect((await h.api.get('/links/cellular/1')).data).toEqual({
			success: false,
			error: 'Cellular link 1 not found',
		});
	});

	it('pauses a link: answers PAUSED-PENDING-USER and later reads show PAUSE', async () => {
		const paused = await h.api.post('/links/cellular/4001/state', { state: 'pause' });
		expect(paused.data).toEqual({ success: true, data: { newstate: 'PAUSED-PENDING-USER' } });
		expect((await h.api.get('/links/cellular/4001')).data.data.state).toBe('PAUSE');
		expect((await h.api.get('/devices/3001')).data.data.links.cellular[0].state).toBe('PAUSE');

		const resumed = await h.api.post('/links/cellular/4001/state', { state: 'live' });
		expect(resumed.data.data).toEqual({ newstate: 'LIVE-PENDING' });
		expect(h.emulator.state.links.find((link) => link.id === 4001)?.state).toBe('LIVE');
	});

	it('refuses a state other than pause or live', async () => {
		const response = await h.api.post('/links/cellular/4001/state', { state: 'off' });
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ success: false, error: 'state must be "pause" or "live"' });
	});

	it('changes the plan with the current names planid + zone and the legacy plan + tier', async () => {
		const current = await h.api.post('/links/cellular/4003/changeplan', {
			planid: 13,
			zone: 'global',
		});
		expect(current.data).toEqual({
			success: true,
			order_data: expect.objectContaining({
				orderid: expect.any(Number),
				amount: '40.00',
				linkids: [4003],
			}),
		});
		expect(h.emulator.state.links.find((link) => link.id === 4003)?.planid).toBe(13);

		const legacy = await h.api.post('/links/cellular/4003/changeplan', { plan: 12, tier: 2 });
		expect(legacy.status).toBe(200);
		expect((await h.api.get('/links/cellular/4003')).data.data).toMatchObject({
			planid: 12,
			tier: 2,
		});

		const unknownPlan = await h.api.post('/links/cellular/4003/changeplan', { planid: 77 });
		expect(unknownPlan.status).toBe(400);
		expect(unknownPlan.data.error).toBe('Unknown plan id 77');
	});

	it('sets the overage limit at the current path (limit) and the legacy path (overagelimit)', async () => {
		expect(
			(await h.api.post('/links/cellular/4004/limit/overage', { limit: 1048576 })).data,
		).toEqual({ success: true });
		expect(h.emulator.state.links.find((link) => link.id === 4004)?.overagelimit).toBe(1048576);
		expect(
			(await h.api.post('/links/cellular/4004/overagelimit', { overagelimit: -1 })).status,
		).toBe(200);
		expect(
			(await h.api.post('/links/cellular/4005/limit/overage', { overagelimit: '2048' })).status,
		).toBe(200);
		expect(
			h.emulator.state.links
				.filter((link) => link.id >= 4004 && link.id <= 4005)
				.map((link) => link.overagelimit),
		).toEqual([-1, 2048]);

		for (const limit of [-2, 1.5, 'lots']) {
			const response = await h.api.post('/links/cellular/4004/limit/overage', { limit });
			expect(response.status).toBe(400);
			expect(response.data.error).toBe('limit must be an integer >= -1');
		}
	});

	it('bulk-claims unknown SIMs into new devices and links, tagged and in the given org', async () => {
		const sims = ['89014103211118510720', '89014103211118510721'];
		const response = await h.api.post('/links/cellular/bulkclaim', {
			sims,
			plan: 12,
			zone: 'global',
			orgid: 1002,
			tagid: 22,
			overage_limit: 0,
			threshold: 1000,
			smslimit: 5,
		});
		expect(response.status).toBe(200);
		expect(response.data.data).toHaveLength(2);
		expect(response.data.data[0]).toMatchObject({
			sim: sims[0],
			device: { id: 3008, orgid: 1002, tags: [22] },
			link: {
				id: 4008,
				sim: sims[0],
				planid: 12,
				state: 'LIVE',
				overagelimit: 0,
				datathreshold: 1000,
				smslimit: 5,
			},
		});
		expect(response.data.order_data).toMatchObject({ amount: '3.00', linkids: [4008, 4009] });
		expect(h.emulator.state.devices).toHaveLength(9);
		expect(h.emulator.state.orders).toHaveLength(1);

		const again = await h.api.post('/links/cellular/bulkclaim', { sims: [sims[0]], plan: 12 });
		expect(again.status).toBe(400);
		expect(again.data.error).toBe(`SIM ${sims[0]} is already claimed`);
	});

	it('accepts the 2016 bulk-claim body (sims, plan, tier) and defaults to the personal org', async () => {
		const response = await h.api.post('/links/cellular/bulkclaim', {
			sims: ['89014103211118510799'],
			plan: 11,
			tier: 1,
		});
		expect(response.data.data[0].link).toMatchObject({ orgid: 1001, tier: 1 });
	});

	it('refuses a bulk claim without sims, with an unknown plan or a bad overage limit, and changes nothing', async () => {
		expect((await h.api.post('/links/cellular/bulkclaim', { plan: 12 })).data.error).toBe(
			'Missing required parameter sims',
		);
		expect(
			(await h.api.post('/links/cellular/bulkclaim', { sims: ['89014103211118510720'], plan: 99 }))
				.data.error,
		).toBe('Unknown plan id 99');
		expect(
			(
				await h.api.post('/links/cellular/bulkclaim', {
					sims: ['89014103211118510720'],
					plan: 12,
					overage_limit: -5,
				})
			).status,
		).toBe(400);
		expect(h.emulator.state.devices).toHaveLength(7);
	});

	it('lists and gets data plans', async () => {
		const plans = await h.api.get('/plans');
		expect(plans.data.data.map((plan: { id: number }) => plan.id)).toEqual([11, 12, 13]);
		expect((await h.api.get('/plans/12')).data.data).toMatchObject({
			id: 12,
			name: '1 MB Maker',
			data: 1048576,
			tiers: { '1': { zones: { global: { amount: '1.50' } } } },
		});
		expect((await h.api.get('/plans/5')).status).toBe(404);
	});
});
