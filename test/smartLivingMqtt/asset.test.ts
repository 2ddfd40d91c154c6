import { smartLivingSeed as seed } from '../../sandbox';
import { useSmartLiving } from '../smartLiving/useSmartLiving';

const sl = useSmartLiving();
const { thermostat } = seed.deviceIds;

/** What the broker saw on a topic: the payload as text, from which client, with which QoS. */
function published(topic: string) {
	return sl
		.state()
		.mqtt.messages.filter((message) => message.topic === topic)
		.map(({ preview, clientId, qos }) => ({ payload: preview, clientId, qos }));
}

describe('SmartLiving MQTT → Asset (legacy)', () => {
	test('Send Command publishes the plain value on the account’s command topic, and the platform takes it', async () => {
		const { items, error } = await sl.runMqtt('smartLiving', {
			resource: 'asset',
			operation: 'sendCommand',
			assetBy: 'id',
			assetId: seed.assetIds.heating,
			valueType: 'boolean',
			booleanValue: true,
		});

		expect(error).toBeUndefined();
		// The broker login comes from the REST login of the account
		// (docs/wire-formats/smartLiving.md#broker-login).
		expect(sl.calls()).toEqual(['POST /login']);
		const topic = `client/${seed.clientId}/in/asset/${seed.assetIds.heating}/command`;
		expect(published(topic)).toEqual([
			{ payload: 'true', clientId: expect.stringMatching(/^n8n-sl-/), qos: 1 },
		]);
		await sl.emulator().whenIdle();
		expect(sl.state().commands).toEqual([
			expect.objectContaining({ assetId: seed.assetIds.heating, value: true, via: 'mqtt' }),
		]);
		expect(items.map((item) => item.json)).toEqual([
			{ assetId: seed.assetIds.heating, value: true, topic },
		]);
	});

	test('Send State publishes {value, at} on the device’s state topic, as the device would', async () => {
		const { items, error } = await sl.runMqtt('smartLiving', {
			resource: 'asset',
			operation: 'sendState',
			assetBy: 'device',
			deviceId: thermostat,
			assetName: 'temperature',
			valueType: 'number',
			numberValue: 23.5,
			additionalFields: { timestamp: '2024-06-01T10:00:00.000Z' },
		});

		expect(error).toBeUndefined();
		const topic = `client/${seed.clientId}/out/device/${thermostat}/asset/temperature/state`;
		expect(published(topic).map((message) => JSON.parse(message.payload))).toEqual([
			{ value: 23.5, at: '2024-06-01T10:00:00.000Z' },
		]);
		await sl.emulator().whenIdle();
		const temperature = sl.state().assets.find((asset) => asset.id === seed.assetIds.temperature);
		expect(temperature?.state).toEqual({ value: 23.5, at: '2024-06-01T10:00:00.000Z' });
		expect(items[0].json).toEqual({
			deviceId: thermostat,
			assetName: 'temperature',
			value: 23.5,
			at: '2024-06-01T10:00:00.000Z',
			topic,
		});
	});

	test('a refused login is an API error in the platform’s words, without the password', async () => {
		const { error } = await sl.runMqtt(
			'smartLiving',
			{
				resource: 'asset',
				operation: 'sendCommand',
				assetBy: 'id',
				assetId: seed.assetIds.heating,
				valueType: 'boolean',
				booleanValue: true,
			},
			{ password: 'wrong-password-123' },
		);

		expect(error?.message).toMatch(/^SmartLiving could not log in: .+\(HTTP 4\d\d\)$/);
		expect(JSON.stringify(error)).not.toContain('wrong-password-123');
		expect(sl.state().mqtt.messages).toEqual([]);
	});
});

describe('SmartLiving MQTT → Asset (AllThingsTalk Maker)', () => {
	test('Send Command publishes JSON on the Maker command topic, with the token as broker login', async () => {
		const { items, error } = await sl.runMqtt('maker', {
			resource: 'asset',
			operation: 'sendCommand',
			assetBy: 'device',
			deviceId: thermostat,
			assetName: 'target',
			valueType: 'number',
			numberValue: 19,
		});

		expect(error).toBeUndefined();
		expect(sl.calls()).toEqual([]);
		const topic = `device/${thermostat}/asset/target/command`;
		const [message] = published(topic);
		expect(JSON.parse(message.payload)).toEqual({ value: 19, at: expect.any(String) });
		await sl.emulator().whenIdle();
		expect(sl.state().commands).toEqual([
			expect.objectContaining({
				assetId: seed.assetIds.target,
				value: 19,
				via: 'mqtt',
				platform: 'maker',
			}),
		]);
		expect(items[0].json).toEqual({ deviceId: thermostat, assetName: 'target', value: 19, topic });
	});

	test('an asset given by ID is looked up over REST first: Maker topics name the device and the asset', async () => {
		const { items, error } = await sl.runMqtt('maker', {
			resource: 'asset',
			operation: 'sendState',
			assetBy: 'id',
			assetId: seed.assetIds.humidity,
			valueType: 'number',
			numberValue: 61,
		});

		expect(error).toBeUndefined();
		expect(sl.calls()).toEqual([`GET /asset/${seed.assetIds.humidity}`]);
		const topic = `device/${thermostat}/asset/humidity/state`;
		expect(published(topic).map((message) => JSON.parse(message.payload).value)).toEqual([61]);
		await sl.emulator().whenIdle();
		expect(
			sl.state().assets.find((asset) => asset.id === seed.assetIds.humidity)?.state?.value,
		).toBe(61);
		expect(items[0].json).toMatchObject({ assetId: seed.assetIds.humidity, value: 61, topic });
	});

	test('a name that would change the topic is refused before anything is published, naming the field', async () => {
		const { error } = await sl.runMqtt('maker', {
			resource: 'asset',
			operation: 'sendCommand',
			assetBy: 'device',
			deviceId: thermostat,
			assetName: 'target/#',
			valueType: 'number',
			numberValue: 19,
		});

		expect(error?.message).toBe('Asset name "target/#" cannot be part of an MQTT topic');
		expect(error?.context?.itemIndex).toBe(0);
		expect(sl.state().mqtt.messages).toEqual([]);
	});

	test('with the broker down the item fails saying so and where it tried; with Continue On Fail the error is the item', async () => {
		await sl.emulator().stopBroker();
		try {
			const parameters = {
				resource: 'asset',
				operation: 'sendCommand',
				assetBy: 'device',
				deviceId: thermostat,
				assetName: 'target',
				valueType: 'number',
				numberValue: 19,
				requestOptions: { timeout: 2000 },
			};
			const { error } = await sl.runMqtt('maker', parameters);
			expect(error?.message).toBe('The MQTT broker did not take the command');
			expect(error?.description).toMatch(/ECONNREFUSED/);
			expect(error?.description).toContain(`(${sl.emulator().mqttUrl})`);

			const { items } = await sl.runMqtt('maker', parameters, { continueOnFail: true });
			expect(items[0].json.error).toBe('The MQTT broker did not take the command');
		} finally {
			await sl.emulator().startBroker();
		}
		expect(sl.state().commands).toEqual([]);
	});

	test('addressing by gateway fails before anything is sent, naming what Maker lacks', async () => {
		const { error } = await sl.runMqtt('maker', {
			resource: 'asset',
			operation: 'sendCommand',
			assetBy: 'gateway',
			gatewayId: seed.gatewayId,
			gatewayAssetName: 'uptime',
			valueType: 'number',
			numberValue: 1,
		});
		expect(error?.message).toContain('AllThingsTalk Maker has no gateways');
		expect(sl.requests()).toHaveLength(0);
		expect(sl.state().mqtt.messages).toEqual([]);
	});
});
