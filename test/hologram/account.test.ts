import { hologramSeed } from '../../sandbox';
import { useHologram } from './useHologram';

const hologram = useHologram();

describe('Hologram → User', () => {
	test('Get outputs the user of the API key', async () => {
		const { items } = await hologram.run({ resource: 'user', operation: 'get' });

		expect(hologram.lastRequest().pathname).toBe('/api/1/users/me');
		expect(items[0].json).toMatchObject({
			id: hologramSeed.userId,
			email: 'ada.lovelace@example.com',
		});
	});

	test('Get Balance outputs the balance', async () => {
		const { items } = await hologram.run({ resource: 'user', operation: 'getBalance' });

		expect(hologram.lastRequest().pathname).toBe('/api/1/users/me/balance');
		expect(items[0].json).toMatchObject({ balance: expect.any(String) });
	});

	test('Add Balance sends addamount once and keeps the order data', async () => {
		const orders = hologram.state().orders.length;
		const { items } = await hologram.run({ resource: 'user', operation: 'addBalance', amount: 25 });

		expect(hologram.lastRequest().body).toEqual({ addamount: 25 });
		expect(items[0].json.order_data).toMatchObject({ amount: expect.anything() });
		expect(hologram.state().orders).toHaveLength(orders + 1);
	});

	test('Add Balance refuses an amount of zero before charging anything', async () => {
		const { error } = await hologram.run({ resource: 'user', operation: 'addBalance', amount: 0 });

		expect(error?.message).toBe('Item 0: "Amount" must be at least 0.01, got 0');
		expect(hologram.requests()).toHaveLength(0);
	});

	test('Get Balance History outputs one item per entry', async () => {
		const { items } = await hologram.run({
			resource: 'user',
			operation: 'getBalanceHistory',
			returnAll: true,
		});

		expect(hologram.lastRequest().pathname).toBe('/api/1/users/me/balancehistory');
		expect(items.length).toBeGreaterThanOrEqual(6);
		expect(items[0].json).toHaveProperty('amount');
	});
});

describe('Hologram → Organization', () => {
	test('Get outputs the organization with its members', async () => {
		const { items } = await hologram.run({
			resource: 'organization',
			operation: 'get',
			organizationId: String(hologramSeed.teamOrgId),
		});

		expect(hologram.lastRequest().pathname).toBe('/api/1/organizations/1002');
		expect(items[0].json).toMatchObject({ id: 1002, is_personal: false });
	});

	test('Get Many outputs every organization', async () => {
		const { items } = await hologram.run({
			resource: 'organization',
			operation: 'getAll',
			returnAll: true,
		});

		expect(items.map((item) => item.json.id)).toEqual([
			hologramSeed.personalOrgId,
			hologramSeed.teamOrgId,
		]);
	});

	test('Get Balance outputs the organization balance', async () => {
		const { items } = await hologram.run({
			resource: 'organization',
			operation: 'getBalance',
			organizationId: '1002',
		});

		expect(hologram.lastRequest().pathname).toBe('/api/1/organizations/1002/balance');
		expect(items[0].json).toMatchObject({ orgid: 1002, balance: '1250.00' });
	});

	test('Add Balance tops up the organization and a later read shows it', async () => {
		await hologram.run({
			resource: 'organization',
			operation: 'addBalance',
			organizationId: '1002',
			amount: 100,
		});
		expect(hologram.lastRequest().pathname).toBe('/api/1/organizations/1002/balance');
		expect(hologram.lastRequest().body).toEqual({ addamount: 100 });

		const { items } = await hologram.run({
			resource: 'organization',
			operation: 'getBalance',
			organizationId: '1002',
		});
		expect(Number(items[0].json.balance)).toBeCloseTo(1350);
	});

	test('Get Balance History pages through the organization history', async () => {
		const { items } = await hologram.run({
			resource: 'organization',
			operation: 'getBalanceHistory',
			organizationId: '1002',
			returnAll: false,
			limit: 4,
		});

		expect(hologram.lastRequest().pathname).toBe('/api/1/organizations/1002/balancehistory');
		expect(hologram.lastRequest().query).toEqual({ limit: '4' });
		expect(items).toHaveLength(4);
	});
});
