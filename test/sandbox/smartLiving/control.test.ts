import { smartLivingSeed as seed } from '../../../sandbox';
import { useSmartLivingSandbox } from './harness';

const control = '/__sandbox/smartLiving';

describe('SmartLiving emulator control endpoints and faults', () => {
	const h = useSmartLivingSandbox();

	it('expires tokens over HTTP, unauthenticated and unrecorded', async () => {
		const api = await h.legacy();
		const expired = await h.anonymous.post(`${control}/expire-tokens`);
		expect(expired.data).toEqual({ expired: 1 });
		expect((await api.get('/me')).status).toBe(401);
		expect(h.emulator.requests.map((request) => request.pathname)).toEqual(['/login', '/me']);
	});

	it('simulates a device state and a raw publish, and reports the broker', async () => {
		const app = await h.connect(h.legacyMqttOptions);
		await app.client.subscribeAsync(`client/${seed.clientId}/#`);
		const sent = await h.anonymous.post(`${control}/device-state`, {
			assetId: seed.assetIds.doorBattery,
			value: 15,
			at: '2024-06-01T00:00:00Z',
		});
		expect(sent.data).toEqual({
			topic: `client/${seed.clientId}/out/device/${seed.deviceIds.door}/asset/battery/state`,
			payload: '1717200000|15',
		});
		const raw = await h.anonymous.post(`${control}/mqtt/publish`, {
			topic: `client/${seed.clientId}/in/asset/${seed.assetIds.doorBattery}/event`,
			payloadBase64: Buffer.from([0xde, 0xad]).toString('base64'),
		});
		expect(raw.data).toEqual({ published: true });
		const received = await app.waitFor(4);
		expect(received.at(-1)?.payload).toEqual(Buffer.from([0xde, 0xad]));

		const broker = await h.anonymous.get(`${control}/mqtt`);
		expect(broker.data).toMatchObject({
			url: h.emulator.mqttUrl,
			listening: true,
			clients: [expect.any(String)],
		});
		expect(broker.data.counts[sent.data.topic]).toBe(1);
		const state = await h.anonymous.get('/__sandbox/state');
		expect(
			state.data.assets.find((asset: { id: string }) => asset.id === seed.assetIds.doorBattery)
				.state,
		).toEqual({
			value: 15,
			at: '2024-06-01T00:00:00.000Z',
		});
	});

	it('stops and starts the broker and changes settings over HTTP', async () => {
		expect((await h.anonymous.post(`${control}/mqtt/stop`)).data).toEqual({ listening: false });
		expect(h.emulator.brokerListening).toBe(false);
		expect((await h.anonymous.post(`${control}/mqtt/start`)).data).toEqual({ listening: true });
		const settings = await h.anonymous.post(`${control}/settings`, {
			legacyPayloadCasing: 'capitalized',
			historyPageSize: 100,
		});
		expect(settings.data).toMatchObject({
			legacyPayloadCasing: 'capitalized',
			historyPageSize: 100,
		});
		const api = await h.legacy();
		expect((await api.get(`/asset/${seed.historyAssetId}/states`)).data.data).toHaveLength(100);
		expect(
			(await h.anonymous.post(`${control}/settings`, { legacyPayloadCasing: 'shouting' })).status,
		).toBe(400);
		h.emulator.reset();
		expect(h.emulator.settings.historyPageSize).toBe(50);
	});

	it('answers an unknown control endpoint with 404 and leaves the shared ones working', async () => {
		expect((await h.anonymous.get(`${control}/nope`)).status).toBe(404);
		expect((await h.anonymous.get('/__sandbox/faults')).data).toEqual([]);
	});

	it('injects a 503 from the shared fault queue, then answers normally', async () => {
		const api = await h.legacy();
		h.emulator.faults.inject({
			type: 'status',
			status: 503,
			times: 1,
			match: { path: '/me/grounds' },
		});
		const failed = await api.get('/me/grounds');
		expect(failed.status).toBe(503);
		expect(failed.data).toEqual({ message: 'Service Unavailable' });
		expect((await api.get('/me/grounds')).status).toBe(200);
	});

	it('drops a state write after applying it, through a fault posted over HTTP', async () => {
		const api = await h.legacy();
		await h.anonymous.post('/__sandbox/faults', {
			type: 'drop',
			when: 'afterHandling',
			times: 1,
			match: { method: 'PUT' },
		});
		await expect(
			api.put(`/asset/${seed.assetIds.humidity}/state`, { value: 70 }),
		).rejects.toThrow();
		expect(
			h.emulator.state.assets.find((asset) => asset.id === seed.assetIds.humidity)?.state?.value,
		).toBe(70);
	});
});
