import { hologramSeed } from '../../sandbox';
import { useHologram } from './useHologram';

const hologram = useHologram();

describe('Hologram → Cellular Link', () => {
	test('Activate claims SIMs on a plan and zone with the optional limits', async () => {
		const { items, error } = await hologram.run({
			resource: 'cellularLink',
			operation: 'activate',
			sims: '89445001021983049990, 89445001021983049991',
			planId: '12',
			zone: 'global',
			additionalFields: { overageLimit: 1048576, smsLimit: 50, organizationId: '1002' },
		});

		expect(error).toBeUndefined();
		const request = hologram.lastRequest();
		expect(request.method).toBe('POST');
		expect(request.pathname).toBe('/api/1/links/cellular/bulkclaim');
		expect(request.body).toEqual({
			sims: ['89445001021983049990', '89445001021983049991'],
			plan: 12,
			zone: 'global',
			orgid: 1002,
			overage_limit: 1048576,
			smslimit: 50,
		});
		expect(items).toHaveLength(2);
		expect(items.map((item) => item.json.sim)).toEqual([
			'89445001021983049990',
			'89445001021983049991',
		]);
		expect(
			hologram.state().links.filter((link) => link.sim.startsWith('894450010219830499')),
		).toHaveLength(2);
	});

	test('Activate takes the SIMs as a list from an expression', async () => {
		await hologram.run(
			{
				resource: 'cellularLink',
				operation: 'activate',
				sims: '={{ $json.sims }}',
				planId: '11',
				zone: 'global',
			},
			{ items: [{ sims: ['89445001021983049992'] }] },
		);

		expect(hologram.lastRequest().body).toMatchObject({ sims: ['89445001021983049992'], plan: 11 });
	});

	test('Get sends GET links/cellular/{id} and outputs the link', async () => {
		const { items } = await hologram.run({
			resource: 'cellularLink',
			operation: 'get',
			linkId: 4003,
		});

		expect(hologram.lastRequest().pathname).toBe('/api/1/links/cellular/4003');
		expect(items[0].json).toMatchObject({ id: 4003, deviceid: 3003, state: 'LIVE' });
	});

	test('Get Many lists the links of an organization', async () => {
		const { items } = await hologram.run({
			resource: 'cellularLink',
			operation: 'getAll',
			returnAll: true,
			filters: { organizationId: '1001' },
		});

		expect(hologram.lastRequest().query).toMatchObject({ orgid: '1001' });
		expect(items.map((item) => item.json.id)).toEqual([4001, 4002, 4003]);
	});

	test('Change Plan sends the current field names planid and zone', async () => {
		const { error } = await hologram.run({
			resource: 'cellularLink',
			operation: 'changePlan',
			linkId: 4001,
			planId: '13',
			zone: 'global',
		});

		expect(error).toBeUndefined();
		const request = hologram.lastRequest();
		expect(request.pathname).toBe('/api/1/links/cellular/4001/changeplan');
		expect(request.body).toEqual({ planid: 13, zone: 'global' });
		expect(hologram.state().links.find((link) => link.id === 4001)?.planid).toBe(13);
	});

	test('Change Overage Limit posts to the current /limit/overage path', async () => {
		const { error } = await hologram.run({
			resource: 'cellularLink',
			operation: 'changeOverageLimit',
			linkId: 4004,
			overageLimit: 5000000,
		});

		expect(error).toBeUndefined();
		const request = hologram.lastRequest();
		expect(request.pathname).toBe('/api/1/links/cellular/4004/limit/overage');
		expect(request.body).toEqual({ limit: 5000000 });
		expect(hologram.state().links.find((link) => link.id === 4004)?.overagelimit).toBe(5000000);
	});

	test('Change Overage Limit rejects a limit below -1 before sending', async () => {
		const { error } = await hologram.run({
			resource: 'cellularLink',
			operation: 'changeOverageLimit',
			linkId: 4004,
			overageLimit: -5,
		});

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Item 0: "Overage Limit (Bytes)" must be at least -1, got -5');
		expect(hologram.requests()).toHaveLength(0);
	});

	test('Pause sends state "pause", and a later Get shows the link paused', async () => {
		const { items } = await hologram.run({
			resource: 'cellularLink',
			operation: 'pause',
			linkId: 4001,
		});

		const request = hologram.lastRequest();
		expect(request.pathname).toBe('/api/1/links/cellular/4001/state');
		expect(request.body).toEqual({ state: 'pause' });
		expect(items[0].json).toMatchObject({ newstate: 'PAUSED-PENDING-USER' });

		const { items: after } = await hologram.run({
			resource: 'cellularLink',
			operation: 'get',
			linkId: 4001,
		});
		expect(after[0].json.state).toBe('PAUSE');
	});

	test('Unpause sends state "live"', async () => {
		const [pausedLinkId] = hologramSeed.pausedLinkIds;
		const { items } = await hologram.run({
			resource: 'cellularLink',
			operation: 'unpause',
			linkId: pausedLinkId,
		});

		expect(hologram.lastRequest().body).toEqual({ state: 'live' });
		expect(items[0].json).toMatchObject({ newstate: 'LIVE-PENDING' });
		expect(hologram.state().links.find((link) => link.id === pausedLinkId)?.state).toBe('LIVE');
	});
});
