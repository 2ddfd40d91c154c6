import axios from 'axios';

import { scgSeed } from '../../../sandbox';
import { useScgSandbox } from './harness';

describe('Syniverse SCG emulator: control endpoints and faults', () => {
	const h = useScgSandbox();
	const control = () => axios.create({ baseURL: h.emulator.url, validateStatus: () => true });

	it('answers an injected 503 in the SCG error envelope without creating anything', async () => {
		h.emulator.faults.inject({
			type: 'status',
			status: 503,
			times: 1,
			match: { method: 'POST', path: '/messaging/message_requests' },
		});
		const body = { from: scgSeed.activeSenderId, to: ['+14085551212'], body: 'x' };
		const failed = await h.scg.post('/messaging/message_requests', body);
		expect(failed.status).toBe(503);
		expect(failed.data).toEqual({
			error: { code: 'SERVER_ERROR', description: 'Service Unavailable' },
		});
		expect(h.emulator.state.messageRequests).toHaveLength(1);
		expect((await h.scg.post('/messaging/message_requests', body)).status).toBe(200);
		expect(h.emulator.state.messageRequests).toHaveLength(2);
	});

	it('records requests with their Application/json content type, control calls excluded', async () => {
		await h.scg.post(
			'/contacts',
			{ first_name: 'X' },
			{ headers: { 'Content-Type': 'Application/json' } },
		);
		await control().get('/__sandbox/state');
		expect(h.emulator.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				pathname: '/scg-external-api/api/v1/contacts',
				body: { first_name: 'X' },
			}),
		]);
		expect(h.emulator.requests[0].headers['content-type']).toBe('Application/json');
	});

	it('expires the token through the control endpoint', async () => {
		expect((await control().post('/__sandbox/syniverseScg/token/expire')).data).toEqual({
			expired: 1,
		});
		expect((await h.scg.get('/contacts')).status).toBe(401);
		await control().post('/__sandbox/reset');
		expect((await h.scg.get('/contacts')).status).toBe(200);
	});

	it('changes and reports settings, refuses bad ones, and reset restores them', async () => {
		const changed = await control().post('/__sandbox/syniverseScg/settings', {
			progressDelayMs: 7,
			maxDeliveryAttempts: 5,
		});
		expect(changed.data).toMatchObject({ progressDelayMs: 7, maxDeliveryAttempts: 5 });
		expect((await control().get('/__sandbox/syniverseScg/settings')).data.progressDelayMs).toBe(7);
		const bad = await control().post('/__sandbox/syniverseScg/settings', { autoProgress: 'yes' });
		expect(bad.status).toBe(400);
		h.emulator.reset();
		expect(h.emulator.settings()).toMatchObject({
			autoProgress: true,
			progressDelayMs: 100,
			maxDeliveryAttempts: 3,
		});
		expect((await control().get('/__sandbox/syniverseScg/nothing')).status).toBe(404);
	});

	it('shows the state through GET /__sandbox/state, and 404s paths outside the API', async () => {
		const state = await control().get('/__sandbox/state');
		expect(state.data.senderIds).toHaveLength(5);
		expect(state.data.failingAddresses).toEqual([scgSeed.failingAddress]);
		const outside = await h.api.get('/elsewhere');
		expect(outside.status).toBe(404);
		expect(outside.data).toEqual({ error: { code: 'NOT_FOUND', description: 'Not found' } });
		expect((await h.api.patch('/scg-external-api/api/v1/contacts')).status).toBe(405);
	});
});
