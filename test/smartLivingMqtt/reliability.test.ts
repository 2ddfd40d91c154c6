import { smartLivingSeed as seed } from '../../sandbox';
import { useSmartLiving } from '../smartLiving/useSmartLiving';

const sl = useSmartLiving();
const topic = `device/${seed.deviceIds.thermostat}/asset/humidity/state`;

const total = 1000;
/** The broker goes down after this many messages were published, and comes back after `restartAfter`. */
const stopAfter = 300;
const restartAfter = 650;

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return true;
}

describe('SmartLiving MQTT Trigger reliability', () => {
	test('a broker restart in the middle of 1,000 QoS 1 messages loses none of them', async () => {
		const trigger = await sl.startTrigger('maker', {
			level: 'device',
			direction: 'out',
			kinds: ['state'],
			deviceId: seed.deviceIds.thermostat,
		});
		expect(await until(() => sl.emulator().mqttClientIds.length === 1, 10_000)).toBe(true);
		// Message 0 proves the subscription is in place before the count starts; retained, it reaches the
		// trigger even when its subscription follows the publish.
		await sl.emulator().publishRaw(topic, '{"value": 0}', { qos: 1, retain: true });
		await trigger.waitForEmit(1);
		const received = () =>
			trigger.emitted
				.flatMap((run) => run[0].map((item) => item.json.value))
				.filter((value): value is number => typeof value === 'number' && value >= 1);

		// In bursts, so that at the stop many messages are still in flight (sent, not yet acknowledged).
		const publish = (from: number, to: number) =>
			Promise.all(
				Array.from({ length: to - from + 1 }, (_, index) =>
					sl.emulator().publishRaw(topic, JSON.stringify({ value: from + index }), { qos: 1 }),
				),
			);
		await publish(1, stopAfter);
		await sl.emulator().stopBroker();
		const receivedAtStop = received().length;
		// Published while the broker is down: queued in the trigger's persistent session.
		await publish(stopAfter + 1, restartAfter);
		await sl.emulator().startBroker();
		await publish(restartAfter + 1, total);
		await until(() => new Set(received()).size === total, 30_000);

		const seen = new Map<number, number>();
		for (const n of received()) seen.set(n, (seen.get(n) ?? 0) + 1);
		const lost = Array.from({ length: total }, (_, index) => index + 1).filter((n) => !seen.has(n));
		const duplicates = received().length - seen.size;
		const outOfOrder = received().filter((n, index, all) => index > 0 && n < all[index - 1]).length;
		console.log(
			`SmartLiving broker restart: ${total} QoS 1 messages, broker stopped after ${stopAfter} were published ` +
				`(${receivedAtStop} processed by then) and restarted after ${restartAfter}: ` +
				`${lost.length} lost, ${duplicates} duplicates, ${outOfOrder} out of order, ` +
				`${received().length} executions`,
		);
		expect(lost).toEqual([]);
		expect(trigger.errors).toEqual([]);
	}, 60_000);
});
