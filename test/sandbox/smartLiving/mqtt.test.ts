import mqtt, { type MqttClient } from 'mqtt';

import { smartLivingSeed as seed } from '../../../sandbox';
import { eventually, useSmartLivingSandbox } from './harness';

const { assetIds, deviceIds, clientId } = seed;
const inTopic = (rest: string) => `client/${clientId}/in/${rest}`;

/** mqtt.js rejects a SUBACK holding a failure code; the granted codes travel on the error. */
async function grantedQos(client: MqttClient, topics: string[]): Promise<number[]> {
	try {
		return (await client.subscribeAsync(topics)).map((grant) => grant.qos);
	} catch (error) {
		return (error as { packet: { granted: number[] } }).packet.granted;
	}
}

describe('SmartLiving emulator MQTT broker', () => {
	const h = useSmartLivingSandbox();

	describe('authentication and topic rules', () => {
		it('accepts the legacy "<clientId>:<clientId>" user with the client key, and a Maker token', async () => {
			const legacy = await h.connect(h.legacyMqttOptions);
			const maker = await h.connect({
				username: seed.makerDeviceToken,
				password: seed.makerDeviceToken,
			});
			expect(legacy.client.connected).toBe(true);
			expect(maker.client.connected).toBe(true);
			expect(h.emulator.mqttUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
		});

		it('refuses a wrong client key, a user that is not "<id>:<id>", an unknown token and an empty password', async () => {
			const attempts = [
				{ username: `${clientId}:${clientId}`, password: 'wrong-key' },
				{ username: clientId, password: seed.clientKey },
				{ username: 'not-a-token', password: 'x' },
				{ username: seed.makerDeviceToken },
			];
			for (const options of attempts) {
				await expect(
					mqtt.connectAsync(h.emulator.mqttUrl, { ...options, reconnectPeriod: 0 }),
				).rejects.toThrow(/Bad username or password/);
			}
		});

		it("refuses subscriptions outside the client's own namespace or devices (granted 128)", async () => {
			const legacy = await h.connect(h.legacyMqttOptions);
			const grants = await grantedQos(legacy.client, [
				inTopic('asset/+/state'),
				`client/${seed.friend.clientId}/in/#`,
				'#',
			]);
			expect(grants).toEqual([0, 128, 128]);

			const maker = await h.connect({ username: seed.makerDeviceToken, password: 'x' });
			const makerGrants = await grantedQos(maker.client, [
				`device/${deviceIds.thermostat}/asset/+/command`,
				`device/${deviceIds.door}/asset/+/command`,
				inTopic('#'),
			]);
			expect(makerGrants).toEqual([0, 128, 128]);
		});

		it('closes the connection of a client publishing in another namespace', async () => {
			const legacy = await h.connect(h.legacyMqttOptions);
			const closed = new Promise<void>((resolve) => legacy.client.once('close', () => resolve()));
			legacy.client.publish(
				`client/${seed.friend.clientId}/in/asset/${assetIds.trackerNote}/command`,
				'hi',
			);
			await closed;
			expect(h.emulator.messageCount()).toBe(0);
		});

		it('narrows a Maker "device/+/..." subscription to the devices the token reaches', async () => {
			const maker = await h.connect({ username: seed.makerDeviceToken, password: 'x' });
			await maker.client.subscribeAsync('device/+/asset/+/feed');
			const api = await h.legacy();
			await api.put(`/asset/${assetIds.doorBattery}/state`, { value: 50 });
			await api.put(`/asset/${assetIds.humidity}/state`, { value: 51 });
			const [message] = await maker.waitFor(1);
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(maker.messages.map((each) => each.topic)).toEqual([
				`device/${deviceIds.thermostat}/asset/humidity/feed`,
			]);
			expect(JSON.parse(message.text)).toEqual({ value: 51, at: expect.any(String) });
		});
	});

	describe('REST changes published over MQTT', () => {
		it('publishes a REST state as {"value","at"} on every legacy in-topic form and on the Maker feed', async () => {
			const app = await h.connect(h.legacyMqttOptions);
			await app.client.subscribeAsync(inTopic('#'), { qos: 1 });
			const maker = await h.connect({ username: seed.makerGroundToken, password: 'x' });
			await maker.client.subscribeAsync(`device/${deviceIds.plug}/asset/power/+`, { qos: 1 });

			const api = await h.legacy();
			await api.put(`/asset/${assetIds.plugPower}/state`, {
				value: 30.5,
				at: '2024-06-01T10:00:00Z',
			});

			const received = await app.waitFor(3);
			expect(received.map((message) => message.topic).sort()).toEqual(
				[
					inTopic(`asset/${assetIds.plugPower}/state`),
					inTopic(`device/${deviceIds.plug}/asset/power/state`),
					inTopic(`gateway/${seed.gatewayId}/device/${seed.plugDeviceName}/asset/power/state`),
				].sort(),
			);
			for (const message of received) {
				expect(JSON.parse(message.text)).toEqual({ value: 30.5, at: '2024-06-01T10:00:00.000Z' });
				expect(message.qos).toBe(1);
			}
			const makerMessages = await maker.waitFor(2);
			expect(makerMessages.map((message) => message.topic).sort()).toEqual([
				`device/${deviceIds.plug}/asset/power/feed`,
				`device/${deviceIds.plug}/asset/power/state`,
			]);
		});

		it('capitalises Value/At on legacy in-topics when asked, or alternates', async () => {
			const app = await h.connect(h.legacyMqttOptions);
			await app.client.subscribeAsync(inTopic(`asset/${assetIds.humidity}/state`));
			const api = await h.legacy();
			h.emulator.settings.legacyPayloadCasing = 'alternate';
			await api.put(`/asset/${assetIds.humidity}/state`, { value: 40 });
			await api.put(`/asset/${assetIds.humidity}/state`, { value: 41 });
			const [first, second] = await app.waitFor(2);
			expect(Object.keys(JSON.parse(first.text))).toEqual(['Value', 'At']);
			expect(Object.keys(JSON.parse(second.text))).toEqual(['value', 'at']);
		});

		it('publishes a REST command as plain text to the device subscription the device library uses', async () => {
			const device = await h.connect(h.legacyMqttOptions);
			await device.client.subscribeAsync(inTopic(`device/${deviceIds.thermostat}/asset/+/command`));
			const maker = await h.connect({ username: seed.makerDeviceToken, password: 'x' });
			await maker.client.subscribeAsync(`device/${deviceIds.thermostat}/asset/+/command`);
			const api = await h.legacy();
			await api.put(`/asset/${assetIds.target}/command`, { value: 22.5 });
			const [message] = await device.waitFor(1);
			expect(message).toMatchObject({
				topic: inTopic(`device/${deviceIds.thermostat}/asset/target/command`),
				text: '22.5',
			});
			const [makerMessage] = await maker.waitFor(1);
			expect(JSON.parse(makerMessage.text)).toEqual({ value: 22.5, at: expect.any(String) });
		});

		it('publishes shared-ground changes to the owner and to the user it is shared with', async () => {
			const owner = await h.connect({
				username: `${seed.friend.clientId}:${seed.friend.clientId}`,
				password: seed.friend.clientKey,
			});
			await owner.client.subscribeAsync(`client/${seed.friend.clientId}/in/asset/+/state`);
			const guest = await h.connect(h.legacyMqttOptions);
			await guest.client.subscribeAsync(inTopic('asset/+/state'));
			const api = await h.legacy();
			await api.put(`/asset/${assetIds.trackerNote}/state`, { value: 'Back at depot' });
			expect((await owner.waitFor(1))[0].topic).toBe(
				`client/${seed.friend.clientId}/in/asset/${assetIds.trackerNote}/state`,
			);
			expect((await guest.waitFor(1))[0].topic).toBe(
				inTopic(`asset/${assetIds.trackerNote}/state`),
			);
		});
	});

	describe('messages from clients', () => {
		it('applies a command published as send_command_mqtt does, and fans it out to the other forms', async () => {
			const device = await h.connect(h.legacyMqttOptions);
			await device.client.subscribeAsync([
				inTopic(`device/${deviceIds.door}/asset/+/command`),
				inTopic(`device/${deviceIds.door}/asset/+/state`),
			]);
			const app = await h.connect(h.legacyMqttOptions);
			await app.client.publishAsync(inTopic(`asset/${assetIds.doorLock}/command`), 'False');
			const received = await device.waitFor(2);
			expect(received.map((message) => [message.topic, message.text])).toEqual([
				[inTopic(`device/${deviceIds.door}/asset/lock/command`), 'false'],
				[
					inTopic(`device/${deviceIds.door}/asset/lock/state`),
					expect.stringContaining('"value":false'),
				],
			]);
			await eventually(() => expect(h.emulator.state.commands).toHaveLength(1));
			expect(h.emulator.state.commands).toEqual([
				expect.objectContaining({
					assetId: assetIds.doorLock,
					value: false,
					via: 'mqtt',
					platform: 'legacy',
				}),
			]);
		});

		it('applies a device state in the "<unix-seconds>|<value>" format and republishes it as JSON', async () => {
			const app = await h.connect(h.legacyMqttOptions);
			await app.client.subscribeAsync([
				`client/${clientId}/out/#`,
				inTopic(`asset/${assetIds.doorOpen}/state`),
			]);
			const sent = await h.emulator.simulateDeviceState(assetIds.doorOpen, true, {
				at: '2024-06-01T00:00:00Z',
			});
			expect(sent).toEqual({
				topic: `client/${clientId}/out/device/${deviceIds.door}/asset/open/state`,
				payload: '1717200000|true',
			});
			const received = await app.waitFor(2);
			expect(received.map((message) => message.text)).toEqual([
				'1717200000|true',
				JSON.stringify({ value: true, at: '2024-06-01T00:00:00.000Z' }),
			]);
			expect(h.emulator.state.history.at(-1)).toEqual({
				assetId: assetIds.doorOpen,
				value: true,
				at: '2024-06-01T00:00:00.000Z',
			});
		});

		it('applies a state a real device client publishes on its out topic, JSON or piped', async () => {
			const device = await h.connect(h.legacyMqttOptions);
			await device.client.publishAsync(
				`client/${clientId}/out/gateway/${seed.gatewayId}/asset/uptime/state`,
				'1717200000|90000',
				{ qos: 1 },
			);
			await device.client.publishAsync(
				`client/${clientId}/out/device/${deviceIds.thermostat}/asset/schedule/state`,
				JSON.stringify({ Value: { weekday: '07:00' }, At: '2024-06-01T01:00:00Z' }),
				{ qos: 1 },
			);
			const byId = (id: string) => h.emulator.state.assets.find((asset) => asset.id === id)?.state;
			await eventually(() => {
				expect(byId(assetIds.gatewayUptime)).toEqual({
					value: 90000,
					at: '2024-06-01T00:00:00.000Z',
				});
				expect(byId(assetIds.schedule)).toEqual({
					value: { weekday: '07:00' },
					at: '2024-06-01T01:00:00.000Z',
				});
			});
		});

		it('applies a Maker device state and publishes it on the feed', async () => {
			const device = await h.connect({
				username: seed.makerDeviceToken,
				password: seed.makerDeviceToken,
			});
			await device.client.subscribeAsync(`device/${deviceIds.thermostat}/asset/+/feed`);
			await device.client.publishAsync(
				`device/${deviceIds.thermostat}/asset/humidity/state`,
				JSON.stringify({ value: 61 }),
			);
			const [feed] = await device.waitFor(1);
			expect(feed.topic).toBe(`device/${deviceIds.thermostat}/asset/humidity/feed`);
			expect(JSON.parse(feed.text)).toMatchObject({ value: 61 });
		});

		it('records payloads the platform cannot apply instead of failing', async () => {
			const device = await h.connect(h.legacyMqttOptions);
			await device.client.publishAsync(
				`client/${clientId}/out/device/${deviceIds.thermostat}/asset/humidity/state`,
				'1717200000|very humid',
			);
			await device.client.publishAsync(`client/${clientId}/out/asset/asset-nope/state`, '1');
			await eventually(() =>
				expect(h.emulator.state.mqtt.rejected.map((entry) => entry.reason)).toEqual([
					'value "very humid" does not match the asset\'s profile (integer)',
					'unknown asset',
				]),
			);
		});
	});

	describe('robustness tools', () => {
		it('publishes arbitrary payloads unchanged: binary, non-UTF-8, huge, deeply nested JSON', async () => {
			const app = await h.connect(h.legacyMqttOptions);
			const topic = inTopic(`asset/${assetIds.humidity}/state`);
			await app.client.subscribeAsync(topic);
			let nested: unknown = 1;
			for (let depth = 0; depth < 500; depth++) nested = { value: nested };
			const payloads = [
				Buffer.from([0x00, 0xff, 0xfe, 0x80]),
				Buffer.from('caf\xe9', 'latin1'),
				Buffer.alloc(1024 * 1024, 'a'),
				Buffer.from(JSON.stringify(nested)),
			];
			for (const payload of payloads) await h.emulator.publishRaw(topic, payload, { qos: 1 });
			const received = await app.waitFor(4);
			received.forEach((message, index) =>
				expect(message.payload.equals(payloads[index])).toBe(true),
			);
		});

		it('honours retain: a later subscriber gets the retained message', async () => {
			const topic = inTopic(`asset/${assetIds.heating}/state`);
			await h.emulator.publishRaw(topic, '{"value":true}', { retain: true, qos: 1 });
			const late = await h.connect(h.legacyMqttOptions);
			await late.client.subscribeAsync(topic);
			const [message] = await late.waitFor(1);
			expect(message).toMatchObject({ text: '{"value":true}', retain: true });
		});

		it('keeps a persistent QoS 1 session across a broker restart and delivers what was published meanwhile', async () => {
			const subscriber = await h.connect({
				...h.legacyMqttOptions,
				clientId: 'n8n-smartliving-trigger-workflow-1234-node-abcdef',
				clean: false,
				reconnectPeriod: 50,
			});
			const topic = inTopic(`asset/${assetIds.humidity}/state`);
			await subscriber.client.subscribeAsync(topic, { qos: 1 });
			const api = await h.legacy();

			await h.emulator.stopBroker();
			expect(h.emulator.brokerListening).toBe(false);
			for (let value = 1; value <= 5; value++) {
				expect((await api.put(`/asset/${assetIds.humidity}/state`, { value })).status).toBe(200);
			}
			await h.emulator.startBroker();

			const received = await subscriber.waitFor(5);
			expect(received.map((message) => JSON.parse(message.text).value)).toEqual([1, 2, 3, 4, 5]);
			expect(h.emulator.messageCount(topic)).toBe(5);
			expect(h.emulator.messageCount(inTopic('#'))).toBe(10);
		});

		it('loses none of 1,000 QoS 1 messages when the broker restarts in the middle', async () => {
			const subscriber = await h.connect({
				...h.legacyMqttOptions,
				clientId: 'restart-under-load',
				clean: false,
				reconnectPeriod: 50,
			});
			const topic = inTopic(`asset/${assetIds.plugPower}/event`);
			await subscriber.client.subscribeAsync(topic, { qos: 1 });
			for (let index = 0; index < 1000; index++) {
				if (index === 300) await h.emulator.stopBroker();
				if (index === 700) await h.emulator.startBroker();
				await h.emulator.publishRaw(topic, String(index), { qos: 1 });
			}
			await eventually(
				() => expect(new Set(subscriber.messages.map((message) => message.text)).size).toBe(1000),
				15000,
			);
		}, 30000);

		it('fans a device event out to the in-topics, bytes unchanged', async () => {
			const app = await h.connect(h.legacyMqttOptions);
			await app.client.subscribeAsync(inTopic(`asset/${assetIds.doorOpen}/event`));
			const device = await h.connect(h.legacyMqttOptions);
			await device.client.publishAsync(
				`client/${clientId}/out/device/${deviceIds.door}/asset/open/event`,
				Buffer.from([0x01, 0x02]),
			);
			const [event] = await app.waitFor(1);
			expect(event.payload).toEqual(Buffer.from([0x01, 0x02]));
			expect(h.emulator.state.events).toEqual([
				expect.objectContaining({ assetId: assetIds.doorOpen }),
			]);
		});

		it('restarts the broker on the same port', async () => {
			const url = h.emulator.mqttUrl;
			await h.emulator.restartBroker(20);
			expect(h.emulator.mqttUrl).toBe(url);
			const client = await h.connect(h.legacyMqttOptions);
			expect(client.client.connected).toBe(true);
			expect(h.emulator.mqttClientIds).toHaveLength(1);
		});
	});
});
