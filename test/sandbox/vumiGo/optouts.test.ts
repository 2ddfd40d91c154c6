import { VumiGoEmulator } from '../../../sandbox';
import { useVumiGoSandbox } from './harness';
import axios from 'axios';

const ok = { code: 200, reason: 'OK' };

describe('Vumi Go emulator: opt-outs', () => {
	const h = useVumiGoSandbox();

	it('counts the account opt-outs', async () => {
		expect((await h.api.get('/optouts/count')).data).toEqual({ opt_out_count: 2, status: ok });
	});

	it('gets an opt-out by type and URL-quoted address', async () => {
		const response = await h.api.get('/optouts/msisdn/%2B27710000007');
		expect(response.status).toBe(200);
		expect(response.data).toEqual({
			opt_out: {
				id: 'optout-1',
				address_type: 'msisdn',
				address: '+27710000007',
				user_account: 'sandbox-account',
				message: null,
				created_at: '2015-11-10 20:30:03.742409',
			},
			status: ok,
		});
	});

	it('answers 404 "Opt out not found." for an address that has not opted out', async () => {
		const response = await h.api.get('/optouts/msisdn/%2B27710000001');
		expect(response.status).toBe(404);
		expect(response.data).toEqual({ status: { code: 404, reason: 'Opt out not found.' } });
	});

	it('creates an opt-out with PUT, then 409 on the second', async () => {
		const created = await h.api.put('/optouts/msisdn/%2B27710000001');
		expect(created.data).toEqual({
			opt_out: expect.objectContaining({
				address_type: 'msisdn',
				address: '+27710000001',
				user_account: 'sandbox-account',
				message: null,
				created_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/),
			}),
			status: ok,
		});
		const again = await h.api.put('/optouts/msisdn/%2B27710000001');
		expect(again.status).toBe(409);
		expect(again.data).toEqual({ status: { code: 409, reason: 'Opt out already exists.' } });
		expect((await h.api.get('/optouts/count')).data.opt_out_count).toBe(3);
	});

	it('deletes an opt-out, then 404 "There\'s nothing to delete."', async () => {
		const deleted = await h.api.delete('/optouts/msisdn/%2B27710009999');
		expect(deleted.data.opt_out.address).toBe('+27710009999');
		expect(h.emulator.state.optouts.map((record) => record.address)).toEqual(['+27710000007']);
		const again = await h.api.delete('/optouts/msisdn/%2B27710009999');
		expect(again.status).toBe(404);
		expect(again.data).toEqual({ status: { code: 404, reason: "There's nothing to delete." } });
	});

	it('keys opt-outs by address type too', async () => {
		await h.api.put('/optouts/twitter_handle/%40someone');
		expect((await h.api.get('/optouts/twitter_handle/@someone')).status).toBe(200);
		expect((await h.api.get('/optouts/msisdn/@someone')).status).toBe(404);
	});

	it("sees only the token's own account", async () => {
		const emulator = new VumiGoEmulator({
			tokens: { 'token-a': 'sandbox-account', 'token-b': 'other-account' },
		});
		await emulator.start();
		try {
			const other = axios.create({
				baseURL: emulator.url,
				validateStatus: () => true,
				headers: { authorization: 'Bearer token-b' },
			});
			expect((await other.get('/optouts/count')).data.opt_out_count).toBe(0);
			expect((await other.get('/optouts/msisdn/%2B27710000007')).status).toBe(404);
			await other.put('/optouts/msisdn/%2B27710000007');
			expect(emulator.state.optouts.filter((r) => r.address === '+27710000007')).toHaveLength(2);
			expect((await other.get('/contacts/')).data).toEqual({ cursor: null, data: [] });
		} finally {
			await emulator.close();
		}
	});
});
