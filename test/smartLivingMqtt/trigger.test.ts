import { smartLivingSeed as seed } from '../../sandbox';
import { useSmartLiving } from '../smartLiving/useSmartLiving';

const sl = useSmartLiving();
const { thermostat } = seed.deviceIds;

/** Waits until the trigger's client is subscribed (the emulator lists connected client IDs). */
async function untilConnected(count = 1): Promise<void> {
	for (let i = 0; i < 100; i++) {
		if (sl.emulator().mqttClientIds.length >= count) {
			await new Promise((resolve) => setTimeout(resolve, 200));
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error('The trigger never connected');
}

describe('SmartLiving MQTT Trigger (n8n-nodes-telco-iot-mqtt)', () => {
	// Triggers of this file share their node ID, so their broker sessions would carry over between tests.
	beforeEach(async () => await sl.emulator().wipeBroker());

	test('legacy: a device state reaches the workflow as value, time and address, from the pipe payload', async () => {
		const trigger = await sl.startTrigger('smartLiving', {
			level: 'asset',
			direction: 'out',
			kinds: ['state'],
			assetBy: 'device',
			deviceId: thermostat,
			assetName: '+',
		});
		await untilConnected();
		const { topic } = await sl.emulator().simulateDeviceState(seed.assetIds.temperature, 22.5, {
			at: '2024-06-01T10:00:00.000Z',
		});

		const [[[item]]] = await trigger.waitForEmit(1);
		expect(item.json).toMatchObject({
			value: 22.5,
			at: '2024-06-01T10:00:00.000Z',
			deviceId: thermostat,
			assetName: 'temperature',
			kind: 'state',
			direction: 'From Devices',
			topic,
		});
		expect(item.json.payload).toMatch(/^\d+\|22\.5$/);
	});

	test('legacy: states the platform passes on ("in") arrive as JSON, and each trigger has its own client ID', async () => {
		const first = await sl.startTrigger('smartLiving', {
			level: 'asset',
			direction: 'in',
			kinds: ['state'],
			assetBy: 'id',
			assetId: seed.assetIds.temperature,
		});
		await untilConnected();
		await sl.run('smartLiving', {
			resource: 'asset',
			operation: 'sendState',
			assetBy: 'id',
			assetId: seed.assetIds.temperature,
			valueType: 'number',
			numberValue: 19.5,
		});
		const [[[item]]] = await first.waitForEmit(1);
		expect(item.json).toMatchObject({
			value: 19.5,
			assetId: seed.assetIds.temperature,
			direction: 'From the Platform',
		});
		expect(new Set(sl.emulator().mqttClientIds).size).toBe(sl.emulator().mqttClientIds.length);
	});

	test('Maker: every asset of a device, out states; garbage is emitted raw with a reason', async () => {
		const trigger = await sl.startTrigger('maker', {
			level: 'device',
			direction: 'out',
			kinds: ['state'],
			deviceId: thermostat,
		});
		await untilConnected();
		await sl.emulator().simulateDeviceState(seed.assetIds.humidity, 40, { platform: 'maker' });
		await sl.emulator().publishRaw(`device/${thermostat}/asset/humidity/state`, '{not json');

		const emitted = await trigger.waitForEmit(2);
		expect(emitted[0][0][0].json).toMatchObject({
			value: 40,
			assetName: 'humidity',
			deviceId: thermostat,
		});
		expect(emitted[1][0][0].json).toMatchObject({
			payload: '{not json',
			parseError: 'The message looks like JSON but cannot be read as JSON',
		});
	});

	test('one at a time: the next message waits until the previous execution finished', async () => {
		const trigger = await sl.startTrigger(
			'maker',
			{ level: 'device', direction: 'out', kinds: ['state'], deviceId: thermostat },
			{ holdExecutions: true },
		);
		await untilConnected();
		await sl
			.emulator()
			.publishRaw(`device/${thermostat}/asset/humidity/state`, '{"value": 1}', { qos: 1 });
		await sl
			.emulator()
			.publishRaw(
				`device/${thermostat}/asset/humidity/state`,
				'{"Value": 2, "At": "2024-01-01T00:00:00Z"}',
				{ qos: 1 },
			);
		await trigger.waitForEmit(1);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(trigger.emitted).toHaveLength(1);
		trigger.finishExecution();
		const emitted = await trigger.waitForEmit(2);
		expect(emitted[1][0][0].json).toMatchObject({ value: 2, at: '2024-01-01T00:00:00.000Z' });
	});

	test('one at a time: a run whose end n8n never reports holds the next message only for Longest Wait for a Run', async () => {
		// n8n in queue mode can lose the end of a run a worker finished quickly (README: "One message at a time
		// in queue mode"); the held executions here stand for that.
		const trigger = await sl.startTrigger(
			'maker',
			{
				level: 'device',
				direction: 'out',
				kinds: ['state'],
				deviceId: thermostat,
				options: { runWaitSeconds: 2 },
			},
			{ holdExecutions: true },
		);
		await untilConnected();
		for (const value of [1, 2, 3])
			await sl
				.emulator()
				.publishRaw(`device/${thermostat}/asset/humidity/state`, `{"value": ${value}}`, { qos: 1 });
		await trigger.waitForEmit(1);
		const first = Date.now();
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(trigger.emitted).toHaveLength(1);
		await trigger.waitForEmit(2, 5000);
		expect(Date.now() - first).toBeGreaterThanOrEqual(1900);
		// Runs that do end let the next message go without that wait.
		trigger.finishExecution();
		trigger.finishExecution();
		const emitted = await trigger.waitForEmit(3, 1500);
		expect(emitted.map((run) => run[0][0].json.value)).toEqual([1, 2, 3]);
	});

	test('batching: up to N messages in one execution', async () => {
		const trigger = await sl.startTrigger('maker', {
			level: 'device',
			direction: 'out',
			kinds: ['state'],
			deviceId: thermostat,
			options: { batchSize: 3, batchWindowMs: 5000 },
		});
		await untilConnected();
		for (const value of [1, 2, 3])
			await sl
				.emulator()
				.publishRaw(`device/${thermostat}/asset/humidity/state`, `{"value": ${value}}`, { qos: 1 });
		const [batch] = await trigger.waitForEmit(1);
		expect(batch[0].map((item) => item.json.value)).toEqual([1, 2, 3]);
	});

	test('activation succeeds while the broker is down, reports the outage, and connects when it is back', async () => {
		await sl.emulator().stopBroker();
		const trigger = await sl.startTrigger('maker', {
			level: 'device',
			direction: 'out',
			kinds: ['state'],
			deviceId: thermostat,
			options: { reportDownAfterSeconds: 0 },
		});
		const [outage] = await trigger.waitForError(1);
		expect(outage.message).toContain('unreachable');
		await sl.emulator().startBroker();
		await untilConnected();
		await sl
			.emulator()
			.publishRaw(`device/${thermostat}/asset/humidity/state`, '{"value": 7}', { qos: 1 });
		const [[[item]]] = await trigger.waitForEmit(1, 10_000);
		expect(item.json.value).toBe(7);
	}, 20_000);

	test('Maker has no gateways: such a trigger fails its activation with that reason', async () => {
		await expect(
			sl.startTrigger('maker', {
				level: 'gateway',
				direction: 'in',
				kinds: ['state'],
				gatewayId: 'g',
			}),
		).rejects.toThrow('AllThingsTalk Maker has no gateways');
	});

	test('manual mode: the test button listens and returns the first message', async () => {
		const trigger = await sl.startTrigger(
			'maker',
			{ level: 'device', direction: 'out', kinds: ['state'], deviceId: thermostat },
			{ mode: 'manual' },
		);
		await trigger.manualTrigger?.();
		await untilConnected();
		await sl.emulator().publishRaw(`device/${thermostat}/asset/humidity/state`, '1717236000|55');
		const [[[item]]] = await trigger.waitForEmit(1);
		expect(item.json).toMatchObject({ value: 55, at: '2024-06-01T10:00:00.000Z' });
	});
});
