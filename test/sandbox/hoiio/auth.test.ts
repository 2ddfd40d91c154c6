import axios from 'axios';

import { HoiioEmulator, defaultHoiioAccessToken, defaultHoiioAppId } from '../../../sandbox';
import { useHoiioSandbox } from './harness';

describe('Hoiio emulator: transport and authentication', () => {
	const h = useHoiioSandbox();

	it('serves <url>/<category>/<action> under /open with the sandbox credentials by default', async () => {
		expect(h.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/open$/);
		expect(h.emulator.appId).toBe(defaultHoiioAppId);
		expect(defaultHoiioAppId).toBe('sandbox-hoiio-app');
		expect(defaultHoiioAccessToken).toBe('sandbox-hoiio-token');
		const response = await h.post('/user/get_balance');
		expect(response.status).toBe(200);
		expect(response.data).toEqual({
			status: 'success_ok',
			currency: 'SGD',
			balance: '100.000',
			points: '90.000',
			bonus: '10.000',
		});
	});

	it('accepts everything in the GET query string, as the Python SDK sends it', async () => {
		const response = await h.get('/user/get_info');
		expect(response.data).toMatchObject({
			status: 'success_ok',
			uid: 'AA-100000',
			mobile_number: '+6591234567',
			caller_ids: ['+6591234567', '+6531580001'],
			prefix: '+65',
			currency: 'SGD',
			email: 'developer@example.com',
		});
		expect(h.emulator.requests[0]).toMatchObject({ method: 'GET', rawBody: Buffer.alloc(0) });
	});

	it('accepts multipart/form-data and merges it with the query string', async () => {
		const form = new FormData();
		form.append('access_token', h.emulator.accessToken);
		form.append('txn_ref', 'AA-S-100001');
		const response = await h.http.post(`/sms/query_status?app_id=${h.emulator.appId}`, form);
		expect(response.data).toMatchObject({ status: 'success_ok', txn_ref: 'AA-S-100001' });
		expect(h.emulator.requests[0].headers['content-type']).toMatch(/^multipart\/form-data/);
	});

	it.each([
		[{ access_token: 'sandbox-hoiio-token' }, 'error_app_id_param_missing'],
		[{ app_id: 'sandbox-hoiio-app' }, 'error_access_token_param_missing'],
		[{ app_id: 'other-app', access_token: 'sandbox-hoiio-token' }, 'error_invalid_app_id'],
		[{ app_id: 'sandbox-hoiio-app', access_token: 'wrong' }, 'error_invalid_access_token'],
	])('rejects %j with %s inside an HTTP 200', async (credentials, status) => {
		const response = await h.http.post(
			'/user/get_balance',
			new URLSearchParams(credentials).toString(),
		);
		expect(response.status).toBe(200);
		expect(response.data).toEqual({ status });
	});

	it('never reads credentials from headers', async () => {
		const response = await h.http.get('/user/get_balance', {
			headers: { authorization: `Bearer ${h.emulator.accessToken}` },
		});
		expect(response.data).toEqual({ status: 'error_app_id_param_missing' });
	});

	it('never echoes a credential in a response or in the state', async () => {
		const responses = [
			await h.post('/sms/send', { dest: '+6581112222', msg: 'hi' }),
			await h.post('/user/get_info'),
			await h.http.get('/user/get_info', {
				params: { app_id: 'leaky-app', access_token: 'leaky' },
			}),
		];
		for (const response of responses) {
			const text = JSON.stringify(response.data);
			for (const secret of [h.emulator.accessToken, h.emulator.appId, 'leaky-app', 'leaky'])
				expect(text).not.toContain(secret);
		}
		const state = JSON.stringify((await h.control.get('/__sandbox/state')).data);
		expect(state).not.toContain(h.emulator.accessToken);
	});

	it('answers another HTTP method with error_invalid_http_method, and an unknown action with 404', async () => {
		const put = await h.http.put('/sms/send', 'app_id=x');
		expect(put.status).toBe(200);
		expect(put.data).toEqual({ status: 'error_invalid_http_method' });
		const unknown = await h.post('/sms/teleport');
		expect(unknown.status).toBe(404);
		expect(unknown.data).toEqual({ status: 'error_not_found' });
	});

	it('uses the credentials given as emulator options', async () => {
		const emulator = new HoiioEmulator({ appId: 'my-app', accessToken: 'my-token' });
		await emulator.start();
		try {
			const ok = await axios.get(`${emulator.url}/user/get_balance`, {
				params: { app_id: 'my-app', access_token: 'my-token' },
			});
			expect(ok.data.status).toBe('success_ok');
			const old = await axios.get(`${emulator.url}/user/get_balance`, {
				params: { app_id: defaultHoiioAppId, access_token: defaultHoiioAccessToken },
			});
			expect(old.data).toEqual({ status: 'error_invalid_app_id' });
			expect(emulator.describe()).toEqual({ 'App ID': 'my-app', 'Access token': 'my-token' });
		} finally {
			await emulator.close();
		}
	});
});
