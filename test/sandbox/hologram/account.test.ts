import { useHologramSandbox } from './harness';

describe('Hologram emulator: tunnel keys, users and organizations', () => {
	const h = useHologramSandbox();

	it('lists enabled tunnel keys, or all with withdisabled=1', async () => {
		expect((await h.api.get('/tunnelkeys')).data.data.map((key: { id: number }) => key.id)).toEqual(
			[61],
		);
		const all = await h.api.get('/tunnelkeys', { params: { withdisabled: 1 } });
		expect(all.data.data).toEqual([
			expect.objectContaining({ id: 61, userid: 501, disabled: 0 }),
			expect.objectContaining({
				id: 62,
				userid: 501,
				disabled: 1,
				public_key: expect.stringMatching(/^ssh-rsa /),
			}),
		]);
	});

	it('creates, disables and enables tunnel keys, at most 5 active', async () => {
		const created = await h.api.post('/tunnelkeys', {
			public_key: 'ssh-ed25519 AAAAnew sandbox@test',
		});
		expect(created.data.data).toEqual({
			id: 63,
			userid: 501,
			disabled: 0,
			public_key: 'ssh-ed25519 AAAAnew sandbox@test',
		});
		expect((await h.api.post('/tunnelkeys/63/disable')).data).toEqual({
			success: true,
			data: { id: 63 },
		});
		expect((await h.api.post('/tunnelkeys/63/enable')).data).toEqual({
			success: true,
			data: { id: 63 },
		});

		for (const n of [1, 2, 3])
			expect((await h.api.post('/tunnelkeys', { public_key: `ssh-ed25519 AAAA${n}` })).status).toBe(
				200,
			);
		const sixth = await h.api.post('/tunnelkeys', { public_key: 'ssh-ed25519 AAAA6' });
		expect(sixth.status).toBe(400);
		expect(sixth.data.error).toBe('A user may have at most 5 active tunnel keys');
		expect((await h.api.post('/tunnelkeys/62/enable')).status).toBe(400);
		expect((await h.api.post('/tunnelkeys/999/disable')).status).toBe(404);
	});

	it('reads the user, their balance and balance history', async () => {
		expect((await h.api.get('/users/me')).data.data).toMatchObject({
			id: 501,
			first: 'Ada',
			last: 'Lovelace',
		});
		expect((await h.api.get('/users/me/balance')).data.data).toEqual({
			userid: 501,
			orgid: 1001,
			balance: '42.50',
			promobalance: '5.00',
			minbalance: '0.00',
			topoffamount: '25.00',
			pendingcharges: '1.20',
		});
		const history = await h.api.get('/users/me/balancehistory');
		expect(history.data.data).toHaveLength(6);
		expect(history.data.data[0]).toMatchObject({
			id: 7001,
			orgid: 1001,
			amount: '50.00',
			time: '2024-01-02 09:00:00',
		});
	});

	it('adds balance to the user: the balance grows and the history gains an entry', async () => {
		const added = await h.api.post('/users/me/balance', { addamount: 10.5 });
		expect(added.data).toEqual({
			success: true,
			order_data: expect.objectContaining({ orgid: 1001, amount: '10.50' }),
		});
		expect((await h.api.get('/users/me/balance')).data.data.balance).toBe('53.00');
		const history = (await h.api.get('/users/me/balancehistory')).data.data;
		expect(history).toHaveLength(7);
		expect(history[6]).toMatchObject({ amount: '10.50', orderid: added.data.order_data.orderid });
		expect((await h.api.post('/users/me/balance', { addamount: -3 })).status).toBe(400);
	});

	it('lists and gets organizations, and reads and tops up an organization balance', async () => {
		const orgs = (await h.api.get('/organizations')).data.data;
		expect(
			orgs.map((org: { id: number; is_personal: boolean }) => [org.id, org.is_personal]),
		).toEqual([
			[1001, true],
			[1002, false],
		]);
		expect((await h.api.get('/organizations/1002')).data.data).toMatchObject({
			name: 'Acme Fleet Telemetry',
			ownerid: 501,
		});
		expect((await h.api.get('/organizations/1002/balance')).data.data.balance).toBe('1250.00');
		await h.api.post('/organizations/1002/balance', { addamount: '250' });
		expect((await h.api.get('/organizations/1002/balance')).data.data.balance).toBe('1500.00');
		expect((await h.api.get('/organizations/1002/balancehistory')).data.data).toHaveLength(7);
		expect((await h.api.get('/organizations/77/balance')).data).toEqual({
			success: false,
			error: 'Organization 77 not found',
		});
	});
});
