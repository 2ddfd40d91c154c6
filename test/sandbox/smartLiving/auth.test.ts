import axios from 'axios';

import { smartLivingSeed, SmartLivingEmulator } from '../../../sandbox';
import { useSmartLivingSandbox } from './harness';

describe('SmartLiving emulator authentication', () => {
	const h = useSmartLivingSandbox();

	it('logs in with a form body sent under a JSON content type, as the SDK does', async () => {
		const response = await h.postLogin(
			'grant_type=password&username=sandbox-user&password=sandbox-password&client_id=maker',
		);
		expect(response.status).toBe(200);
		expect(h.emulator.requests[0].headers['content-type']).toBe('application/json');
		expect(response.data).toEqual({
			access_token: expect.any(String),
			refresh_token: expect.any(String),
			expires_in: 3600,
			token_type: 'bearer',
			userName: 'sandbox-user',
			'rmq:clientId': smartLivingSeed.clientId,
			'rmq:clientKey': smartLivingSeed.clientKey,
		});
		const me = await h.bearer(response.data.access_token).get('/me');
		expect(me.data).toMatchObject({ id: smartLivingSeed.userId, username: 'sandbox-user' });
	});

	it('also accepts a JSON body, a properly encoded form body, and the form string JSON-encoded', async () => {
		const asJson = await h.anonymous.post('/login', {
			grant_type: 'password',
			username: 'sandbox-user',
			password: 'sandbox-password',
			client_id: 'maker',
		});
		const asForm = await h.anonymous.post(
			'/login',
			new URLSearchParams({
				grant_type: 'password',
				username: 'sandbox-user',
				password: 'sandbox-password',
			}).toString(),
			{ headers: { 'content-type': 'application/x-www-form-urlencoded' } },
		);
		const quoted = await h.anonymous.post(
			'/login',
			'grant_type=password&username=sandbox-user&password=sandbox-password',
			{ headers: { 'content-type': 'application/json' } },
		);
		expect(h.emulator.requests[2].rawBody.toString()).toMatch(/^"grant_type=/);
		for (const response of [asJson, asForm, quoted]) expect(response.status).toBe(200);
	});

	it('accepts a password with characters the SDK does not escape', async () => {
		const emulator = new SmartLivingEmulator({ password: 'p@ss+w%rd' });
		await emulator.start();
		try {
			const response = await axios.post(
				`${emulator.url}/login`,
				'grant_type=password&username=sandbox-user&password=p@ss+w%rd&client_id=maker',
				{
					headers: { 'content-type': 'application/json' },
					transformRequest: [(data: unknown) => data],
					validateStatus: () => true,
				},
			);
			expect(response.status).toBe(200);
		} finally {
			await emulator.close();
		}
	});

	it('rejects a wrong password with an OAuth error and never echoes it', async () => {
		const response = await h.postLogin(
			'grant_type=password&username=sandbox-user&password=wrong-secret&client_id=maker',
		);
		expect(response.status).toBe(400);
		expect(response.data).toEqual({
			error: 'invalid_grant',
			error_description: 'The user name or password is incorrect.',
			message: 'The user name or password is incorrect.',
		});
		expect(JSON.stringify(response.data)).not.toContain('wrong-secret');
	});

	it('rejects an unknown grant type and a missing password', async () => {
		const grant = await h.postLogin('grant_type=client_credentials');
		const missing = await h.postLogin('grant_type=password&username=sandbox-user');
		expect(grant.status).toBe(400);
		expect(grant.data.error).toBe('unsupported_grant_type');
		expect(missing.status).toBe(400);
		expect(missing.data.error).toBe('invalid_request');
	});

	it('answers 401 with a message for a missing or unknown token', async () => {
		const missing = await h.anonymous.get('/me/grounds');
		const unknown = await h.bearer('not-a-token').get('/me/grounds');
		for (const response of [missing, unknown]) {
			expect(response.status).toBe(401);
			expect(response.data).toEqual({ message: 'Authorization has been denied for this request.' });
			expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
		}
	});

	it('expires access tokens on demand; the refresh token (form body, JSON header) gets a new one', async () => {
		const tokens = await h.login();
		const api = h.bearer(String(tokens.access_token));
		expect((await api.get('/me/grounds')).status).toBe(200);

		expect(h.emulator.expireAccessTokens()).toBe(1);
		const expired = await api.get('/me/grounds');
		expect(expired.status).toBe(401);
		expect(expired.data).toEqual({ message: 'The access token has expired' });

		const refreshed = await h.postLogin(
			`grant_type=refresh_token&refresh_token=${String(tokens.refresh_token)}&client_id=maker`,
		);
		expect(refreshed.status).toBe(200);
		expect(refreshed.data.access_token).not.toBe(tokens.access_token);
		expect((await h.bearer(refreshed.data.access_token).get('/me/grounds')).status).toBe(200);
	});

	it('rejects a revoked refresh token, so the client must log in again', async () => {
		const tokens = await h.login();
		h.emulator.revokeRefreshTokens();
		const response = await h.postLogin(
			`grant_type=refresh_token&refresh_token=${String(tokens.refresh_token)}`,
		);
		expect(response.status).toBe(400);
		expect(response.data.error).toBe('invalid_grant');
	});

	it('expires access tokens after expires_in seconds of its clock', async () => {
		let now = Date.parse('2024-05-01T12:00:00Z');
		const emulator = new SmartLivingEmulator({ now: () => new Date(now), accessTokenLifetime: 60 });
		await emulator.start();
		try {
			const api = axios.create({ baseURL: emulator.url, validateStatus: () => true });
			const login = await api.post('/login', {
				grant_type: 'password',
				username: 'sandbox-user',
				password: 'sandbox-password',
			});
			expect(login.data.expires_in).toBe(60);
			const headers = { authorization: `Bearer ${login.data.access_token}` };
			now += 59_000;
			expect((await api.get('/me', { headers })).status).toBe(200);
			now += 1_000;
			expect((await api.get('/me', { headers })).status).toBe(401);
		} finally {
			await emulator.close();
		}
	});

	it('accepts the Maker device and ground tokens as bearer tokens', async () => {
		expect(
			(await h.makerDevice.get(`/device/${smartLivingSeed.deviceIds.thermostat}`)).status,
		).toBe(200);
		expect(
			(await h.makerGround.get(`/ground/${smartLivingSeed.groundIds.home}/devices`)).status,
		).toBe(200);
	});

	it("accepts the old device protocol's Auth-ClientId / Auth-ClientKey headers", async () => {
		const response = await h.anonymous.get(
			`/device/${smartLivingSeed.deviceIds.thermostat}/assets`,
			{
				headers: {
					'Auth-ClientId': smartLivingSeed.clientId,
					'Auth-ClientKey': smartLivingSeed.clientKey,
				},
			},
		);
		expect(response.status).toBe(200);
		const wrong = await h.anonymous.get(`/device/${smartLivingSeed.deviceIds.thermostat}/assets`, {
			headers: { 'Auth-ClientId': smartLivingSeed.clientId, 'Auth-ClientKey': 'nope' },
		});
		expect(wrong.status).toBe(401);
	});

	it('keeps passwords, client keys and tokens out of the state dump', async () => {
		const tokens = await h.login();
		const dump = JSON.stringify((await h.anonymous.get('/__sandbox/state')).data);
		for (const secret of [
			smartLivingSeed.password,
			smartLivingSeed.clientKey,
			smartLivingSeed.makerDeviceToken,
			smartLivingSeed.makerGroundToken,
			String(tokens.access_token),
			String(tokens.refresh_token),
		]) {
			expect(dump).not.toContain(secret);
		}
	});
});
