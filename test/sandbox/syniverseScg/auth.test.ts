import { scgSeed } from '../../../sandbox';
import { useScgSandbox } from './harness';

const refreshQuery = (oldtoken: string, secret = 'sandbox-scg-secret') =>
	`consumerkey=sandbox-scg-key&consumersecret=${secret}&oldtoken=${oldtoken}`;

describe('Syniverse SCG emulator: auth', () => {
	const h = useScgSandbox();

	it('accepts the default Bearer token and answers the SDK paths under the host root', async () => {
		expect(h.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const response = await h.api.get(
			`/scg-external-api/api/v1/messaging/sender_ids/${scgSeed.activeSenderId}`,
		);
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ id: scgSeed.activeSenderId, address: '+15552223561' });
	});

	it.each([
		['no Authorization header', {}, 'Missing Bearer access token'],
		['a wrong token', { Authorization: 'Bearer nope' }, 'Invalid access token'],
		[
			'Basic auth',
			{ Authorization: `Basic ${Buffer.from('a:sandbox-scg-token').toString('base64')}` },
			'Missing Bearer access token',
		],
	])('rejects %s with 401 in the error envelope', async (_label, headers, description) => {
		const response = await h.anonymous.get('/scg-external-api/api/v1/contacts', { headers });
		expect(response.status).toBe(401);
		expect(response.data).toEqual({ error: { code: 'UNAUTHORIZED', description } });
	});

	it('expires the token, then refreshes it on the 2017 path; the new token works, the old does not', async () => {
		expect(h.emulator.expireToken()).toBe(1);
		const expired = await h.scg.get('/contacts');
		expect(expired.status).toBe(401);
		expect(expired.data).toEqual({
			error: { code: 'TOKEN_EXPIRED', description: 'The access token has expired' },
		});

		const refreshed = await h.anonymous.get(
			`/saop-rest-data/v1/apptoken-refresh?${refreshQuery('sandbox-scg-token')}`,
		);
		expect(refreshed.status).toBe(200);
		expect(refreshed.data).toEqual({ accessToken: expect.any(String), validityTime: 86400 });
		const token = refreshed.data.accessToken as string;
		expect(token).not.toBe('sandbox-scg-token');

		const again = await h.anonymous.get('/scg-external-api/api/v1/contacts', {
			headers: { Authorization: `Bearer ${token}` },
		});
		expect(again.status).toBe(200);
		expect((await h.scg.get('/contacts')).status).toBe(401);
		expect(h.emulator.tokenRefreshCount).toBe(1);
	});

	it('refreshes on the current path with validity, which is echoed as validityTime', async () => {
		const response = await h.anonymous.get(
			`/v1/apptoken-refresh?${refreshQuery('sandbox-scg-token')}&validity=3600`,
		);
		expect(response.status).toBe(200);
		expect(response.data.validityTime).toBe(3600);
		expect(typeof response.data.accessToken).toBe('string');
	});

	it('refuses a refresh with a wrong secret or an unknown old token, echoing neither', async () => {
		const wrongSecret = await h.anonymous.get(
			`/v1/apptoken-refresh?${refreshQuery('sandbox-scg-token', 'guess')}`,
		);
		expect(wrongSecret.status).toBe(401);
		expect(wrongSecret.data.error.code).toBe('INVALID_CONSUMER_CREDENTIALS');
		expect(JSON.stringify(wrongSecret.data)).not.toMatch(/guess|sandbox-scg/);

		const unknownToken = await h.anonymous.get(
			`/saop-rest-data/v1/apptoken-refresh?${refreshQuery('forged')}`,
		);
		expect(unknownToken.status).toBe(401);
		expect(JSON.stringify(unknownToken.data)).not.toContain('forged');
		expect((await h.scg.get('/contacts')).status).toBe(200);
	});

	it('keeps tokens out of the state dump', async () => {
		h.emulator.expireToken();
		await h.anonymous.get(`/v1/apptoken-refresh?${refreshQuery('sandbox-scg-token')}`);
		expect(JSON.stringify(h.emulator.state)).not.toMatch(
			/sandbox-scg-(token|refreshed|key|secret)/,
		);
	});
});
