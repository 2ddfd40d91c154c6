import { smartLivingSeed as seed } from '../../sandbox';
import { runNode } from '../harness/n8n';
import { useSmartLiving } from './useSmartLiving';

const sl = useSmartLiving();
const { temperature, humidity } = seed.assetIds;
/** The seeded humidity's one state (sandbox/smartLiving/seed.ts). */
const humiditySeenAt = '2024-05-01T11:55:00.000Z';

/** A device reports a state, as it would over MQTT; the platform applies it and keeps it in the history. */
async function deviceReports(assetId: string, value: number, at: string): Promise<void> {
	await sl.emulator().simulateDeviceState(assetId, value, { at, platform: 'maker' });
}

/** "METHOD /path?query" of the requests made since `from` (an index into the emulator's requests). */
function callsSince(from: number): string[] {
	return sl
		.requests()
		.slice(from)
		.map((request) => {
			const query = new URLSearchParams(request.query as Record<string, string>).toString();
			return `${request.method} ${request.pathname}${query ? `?${query}` : ''}`;
		});
}

const watching = (...assetIds: string[]) => ({ assetIds });

describe('SmartLiving Trigger (polling)', () => {
	test('activation notes where each asset is and starts nothing; the next poll emits only what came since, oldest first', async () => {
		const poller = await sl.activatePoller('maker', watching(temperature, humidity));

		expect(poller.activationItems).toBeNull();
		expect(callsSince(0)).toEqual([
			`GET /asset/${temperature}/state`,
			`GET /asset/${humidity}/state`,
		]);
		expect(poller.savedStaticData()).toEqual({
			'node:Node Under Test': {
				assets: {
					[temperature]: { at: seed.historyEnd, seenAtNewest: [expect.any(String)] },
					[humidity]: { at: humiditySeenAt, seenAtNewest: [expect.any(String)] },
				},
			},
		});

		await deviceReports(temperature, 23.4, '2024-05-01T12:20:00.000Z');
		await deviceReports(humidity, 48, '2024-05-01T12:15:00.000Z');
		await deviceReports(temperature, 23.1, '2024-05-01T12:10:00.000Z');
		const before = sl.requests().length;
		const items = await poller.poll();

		expect(callsSince(before)).toEqual([
			`GET /asset/${temperature}/states?from=${encodeURIComponent(seed.historyEnd)}`,
			`GET /asset/${humidity}/states?from=${encodeURIComponent(humiditySeenAt)}`,
		]);
		expect(items?.map((item) => item.json)).toEqual([
			{ assetId: temperature, value: 23.1, at: '2024-05-01T12:10:00.000Z' },
			{ assetId: humidity, value: 48, at: '2024-05-01T12:15:00.000Z' },
			{ assetId: temperature, value: 23.4, at: '2024-05-01T12:20:00.000Z' },
		]);
		expect(poller.executions).toHaveLength(1);
	});

	test('no repeats: a poll with nothing new starts nothing, and a new state at the same time as the last one still counts once', async () => {
		const poller = await sl.activatePoller('maker', watching(temperature));
		await deviceReports(temperature, 23.4, '2024-05-01T12:20:00.000Z');
		expect((await poller.poll())?.map((item) => item.json.value)).toEqual([23.4]);

		const before = sl.requests().length;
		expect(await poller.poll()).toBeNull();
		expect(callsSince(before)).toEqual([
			`GET /asset/${temperature}/states?from=${encodeURIComponent('2024-05-01T12:20:00.000Z')}`,
		]);

		await deviceReports(temperature, 23.6, '2024-05-01T12:20:00.000Z');
		expect((await poller.poll())?.map((item) => item.json)).toEqual([
			{ assetId: temperature, value: 23.6, at: '2024-05-01T12:20:00.000Z' },
		]);
		expect(await poller.poll()).toBeNull();
		expect(poller.executions).toHaveLength(2);
	});

	test('after a restart (new context, the saved static data) nothing repeats and what came meanwhile is emitted', async () => {
		const first = await sl.activatePoller('maker', watching(temperature));
		await deviceReports(temperature, 23.4, '2024-05-01T12:20:00.000Z');
		expect((await first.poll())?.map((item) => item.json.value)).toEqual([23.4]);
		const saved = first.savedStaticData();

		// n8n is down while the device reports again; on start it activates the workflow anew.
		await deviceReports(temperature, 24, '2024-05-01T12:30:00.000Z');
		const restarted = await sl.activatePoller('maker', watching(temperature), {
			staticData: saved,
		});

		expect(restarted.activationItems?.map((item) => item.json)).toEqual([
			{ assetId: temperature, value: 24, at: '2024-05-01T12:30:00.000Z' },
		]);
		expect(await restarted.poll()).toBeNull();
	});

	test('an asset added to the list starts from its current state; one removed is forgotten', async () => {
		const first = await sl.activatePoller('maker', watching(temperature));
		const changed = await sl.activatePoller('maker', watching(humidity), {
			staticData: first.savedStaticData(),
		});

		expect(changed.activationItems).toBeNull();
		expect(Object.keys(changed.savedStaticData()['node:Node Under Test'] as object)).toEqual([
			'assets',
		]);
		expect(
			Object.keys((changed.savedStaticData()['node:Node Under Test'] as { assets: object }).assets),
		).toEqual([humidity]);
		await deviceReports(humidity, 50, '2024-05-01T12:40:00.000Z');
		expect((await changed.poll())?.map((item) => item.json.value)).toEqual([50]);
	});

	test('legacy platform: logs in, then polls the same asset calls with the session', async () => {
		const poller = await sl.activatePoller('smartLiving', watching(humidity));
		await sl.emulator().simulateDeviceState(humidity, 47, { at: '2024-05-01T12:05:00.000Z' });
		const items = await poller.poll();

		expect(callsSince(0)).toEqual([
			'POST /login',
			`GET /asset/${humidity}/state`,
			`GET /asset/${humidity}/states?from=${encodeURIComponent(humiditySeenAt)}`,
		]);
		expect(sl.lastRequest().headers.authorization).toMatch(/^Bearer .+/);
		expect(items?.map((item) => item.json)).toEqual([
			{ assetId: humidity, value: 47, at: '2024-05-01T12:05:00.000Z' },
		]);
	});

	test('Fetch Test Event (a manual run) returns the current state of each asset', async () => {
		const { items, error } = await runNode({
			node: 'smartLivingPollTrigger',
			parameters: watching(temperature, humidity),
			credentials: sl.credentials('maker'),
		});

		expect(error).toBeUndefined();
		expect(sl.calls()).toEqual([`GET /asset/${temperature}/state`, `GET /asset/${humidity}/state`]);
		expect(items.map((item) => item.json)).toEqual([
			{ assetId: temperature, value: expect.any(Number), at: seed.historyEnd },
			{ assetId: humidity, value: expect.any(Number), at: humiditySeenAt },
		]);
	});

	test('an asset that does not exist fails the activation, naming the asset, in the platform’s words', async () => {
		await expect(sl.activatePoller('maker', watching(temperature, 'asset-nope'))).rejects.toThrow(
			/^Could not read the states of asset "asset-nope": .*Asset asset-nope not found/,
		);
	});

	test('a failed scheduled poll is reported and loses nothing: the next one emits what it missed', async () => {
		const poller = await sl.activatePoller('maker', watching(temperature));
		await deviceReports(temperature, 23.4, '2024-05-01T12:20:00.000Z');
		sl.emulator().faults.inject({
			type: 'status',
			status: 403,
			body: '{"message":"No access right now"}',
			contentType: 'application/json',
			times: 1,
			match: { path: '/states' },
		});

		expect(await poller.poll()).toBeNull();
		expect(poller.errors.map((error) => error.message)).toEqual([
			expect.stringMatching(/^Could not read the states of asset "asset-thermostat-temperature": /),
		]);
		expect((await poller.poll())?.map((item) => item.json.value)).toEqual([23.4]);
	});

	test('an empty asset list is refused with a clear error', async () => {
		await expect(sl.activatePoller('maker', watching())).rejects.toThrow(
			'Choose at least one asset to watch',
		);
		expect(sl.requests()).toEqual([]);
	});
});
