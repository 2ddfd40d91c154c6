import { useHologram } from './useHologram';

const hologram = useHologram();

describe('Hologram → Data Plan', () => {
	test('Get sends GET plans/{id} and outputs the plan', async () => {
		const { items } = await hologram.run({ resource: 'dataPlan', operation: 'get', planId: '13' });

		expect(hologram.lastRequest().pathname).toBe('/api/1/plans/13');
		expect(items[0].json).toMatchObject({ id: 13, name: hologram.state().plans[2].name });
	});

	test('Get Many with a Limit outputs at most that many plans and asks for no more', async () => {
		const { items } = await hologram.run({
			resource: 'dataPlan',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});

		expect(items).toHaveLength(2);
		expect(hologram.requests()).toHaveLength(1);
		expect(hologram.lastRequest().query).toEqual({ limit: '2' });
	});
});
