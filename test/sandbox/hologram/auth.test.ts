import axios from 'axios';

import { HologramEmulator } from '../../../sandbox';
import { useHologramSandbox } from './harness';

describe('Hologram emulator authentication', () => {
	const h = useHologramSandbox();

	it('accepts the key as HTTP Basic with the literal user "apikey"', async () => {
		const response = await h.api.get('/users/me');
		expect(response.status).toBe(200);
		expect(response.data).toEqual({
			success: true,
			data: expect.objectContaining({ id: 501, email: 'ada.lovelace@example.com' }),
		});
		expect(h.emulator.requests[0].headers.authorization).toMatch(/^Basic /);
	});

	it('accepts the key as the apikey query parameter', async () => {
		const response = await h.anonymous.get('/users/me', { params: { apikey: h.emulator.apiKey } });
		expect(response.status).toBe(200);
	});

	it('accepts the key inside a JSON body, even on GET, as the Python SDK sends it', async () => {
		const response = await h.anonymous.get('/devices', {
			data: { apikey: h.emulator.apiKey, orgid: 1002, tagid: null },
		});
		expect(response.status).toBe(200);
		expect(response.data.data.map((device: { id: number }) => device.id)).toEqual([
			3004, 3005, 3006, 3007,
		]);
		expect(h.emulator.requests[0]).toMatchObject({
			method: 'GET',
			body: { apikey: h.emulator.apiKey, orgid: 1002, tagid: null },
		});
	});

	it('accepts the key inside a JSON body on DELETE', async () => {
		const response = await h.anonymous.delete('/devices/tags/22', {
			data: { apikey: h.emulator.apiKey },
		});
		expect(response.data).toEqual({ success: true });
	});

	it('accepts the key inside a form-urlencoded body', async () => {
		const form = new URLSearchParams({ apikey: h.emulator.apiKey, name: 'from-form' });
		const response = await h.anonymous.post('/devices/tags', form.toString(), {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(response.status).toBe(200);
		expect(response.data.data).toMatchObject({ name: 'from-form', deviceids: [] });
		expect(h.emulator.requests[0].body).toEqual({ apikey: h.emulator.apiKey, name: 'from-form' });
	});

	it('answers 401 "Not logged in" without a key, with a wrong key, or with another Basic user', async () => {
		const missing = await h.anonymous.get('/devices');
		const wrong = await h.anonymous.get('/devices', { params: { apikey: 'not-the-key' } });
		const wrongUser = await h.anonymous.get('/devices', {
			auth: { username: 'admin', password: h.emulator.apiKey },
		});
		for (const response of [missing, wrong, wrongUser]) {
			expect(response.status).toBe(401);
			expect(response.data).toEqual({ success: false, error: 'Not logged in' });
		}
	});

	it('never echoes the API key in a response', async () => {
		const responses = [
			await h.api.get('/devices', { params: { apikey: h.emulator.apiKey, limit: 2 } }),
			await h.api.post('/devices/messages', {
				apikey: h.emulator.apiKey,
				deviceids: [3001],
				protocol: 'SMTP',
				port: 1,
			}),
			await h.anonymous.get('/devices', { params: { apikey: 'wrong-key' } }),
		];
		for (const response of responses) {
			expect(JSON.stringify(response.data)).not.toContain(h.emulator.apiKey);
			expect(JSON.stringify(response.data)).not.toContain('wrong-key');
		}
	});

	it('uses the key given as an emulator option', async () => {
		const emulator = new HologramEmulator({ apiKey: 'custom-key' });
		await emulator.start();
		try {
			const response = await axios.get(`${emulator.url}/users/me`, {
				auth: { username: 'apikey', password: 'custom-key' },
			});
			expect(response.status).toBe(200);
			expect(emulator.apiKey).toBe('custom-key');
		} finally {
			await emulator.close();
		}
	});
});
