/**
 * Hostile MQTT messages reach the SmartLiving Trigger through the sandbox's broker: binary and non-UTF-8 bytes,
 * payloads of several MB, JSON nested 100,000 levels deep, invalid JSON, empty payloads and topics with odd
 * characters. Each must become one item the workflow (and n8n, which copies and saves it) can handle, kept raw
 * with a reason when it cannot be read, or refused with a reason: never a crash, a thrown error, an
 * unhandled rejection, or a trigger that stops listening. Counted: a message that never became an item is
 * lost, one that became two is duplicated.
 */
import type { IDataObject } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import { smartLivingSeed as seed } from '../../sandbox';
import type { RunningTrigger } from '../harness/n8n';
import { useSmartLiving } from '../smartLiving/useSmartLiving';
import { tallyCase } from './tally';

const suite = 'mqtt payload hostility';
const sl = useSmartLiving();
const device = seed.deviceIds.thermostat;
const stateTopic = (asset: string) => `device/${device}/asset/${asset}/state`;

const MB = 1024 * 1024;
const deepArrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const deepObjects = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

interface HostileCase {
	name: string;
	topic?: string;
	payload: string | Buffer;
	/** What the item must say. */
	expect: (item: IDataObject) => void;
}

const binary = Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 37) % 256));
const latin1 = Buffer.from('caf\xe9 cr\xe8me', 'latin1');

const cases: HostileCase[] = [
	{
		name: 'binary bytes',
		payload: binary,
		expect: (item) => {
			expect(item.payloadEncoding).toBe('base64');
			expect(Buffer.from(item.payload as string, 'base64').equals(binary)).toBe(true);
			expect(item.parseError).toContain('binary');
			expect(item.value).toBeNull();
		},
	},
	{
		name: 'non-UTF-8 text (Latin-1)',
		payload: latin1,
		expect: (item) => {
			expect(item.payloadEncoding).toBe('base64');
			expect(Buffer.from(item.payload as string, 'base64').equals(latin1)).toBe(true);
			expect(item.parseError).toContain('not UTF-8');
		},
	},
	{
		name: 'text with NUL bytes',
		payload: Buffer.from('{"value": 1}\0\0\0', 'utf8'),
		expect: (item) => {
			expect(item.payloadEncoding).toBe('base64');
			expect(item.parseError).toContain('binary');
		},
	},
	{
		name: 'a huge JSON message (5 MB)',
		payload: JSON.stringify({ value: 'x'.repeat(5 * MB), at: '2024-06-01T10:00:00Z' }),
		expect: (item) => {
			expect((item.value as string).length).toBe(5 * MB);
			expect(item.at).toBe('2024-06-01T10:00:00.000Z');
			expect(item.parseError).toBeUndefined();
		},
	},
	{
		name: 'a message over 16 MiB',
		payload: Buffer.alloc(17 * MB, 0x61),
		expect: (item) => {
			expect(item.payloadBytes).toBe(17 * MB);
			expect(item.payload).toBe('');
			expect(item.parseError).toContain('more than the');
		},
	},
	{
		name: 'JSON arrays nested 100,000 levels',
		payload: deepArrays(100_000),
		expect: (item) => {
			expect(item.parseError).toContain('nested more than');
			expect((item.payload as string).length).toBe(200_000);
			expect(item.value).toBeNull();
		},
	},
	{
		name: 'a value of objects nested 100,000 levels',
		payload: `{"value": ${deepObjects(100_000)}}`,
		expect: (item) => {
			expect(item.parseError).toContain('nested more than');
		},
	},
	{
		name: 'a device payload with a value nested 100,000 levels',
		payload: `1717236000|${deepArrays(100_000)}`,
		expect: (item) => {
			expect(item.at).toBe('2024-06-01T10:00:00.000Z');
			expect(typeof item.value).toBe('string');
			expect(item.parseError).toContain('nested more than');
		},
	},
	{
		name: 'JSON nested 50 levels is still read',
		payload: `{"value": ${deepArrays(50)}}`,
		expect: (item) => {
			expect(item.parseError).toBeUndefined();
			expect(Array.isArray(item.value)).toBe(true);
		},
	},
	{
		name: 'invalid JSON',
		payload: '{"value": 21.5, "at": ',
		expect: (item) => {
			expect(item.parseError).toBe('The message looks like JSON but cannot be read as JSON');
			expect(item.payload).toBe('{"value": 21.5, "at": ');
		},
	},
	{
		name: 'an empty payload',
		payload: '',
		expect: (item) => {
			expect(item.parseError).toBe('The message is empty');
			expect(item.payload).toBe('');
		},
	},
	{
		name: 'a payload of whitespace only',
		payload: ' \r\n\t ',
		expect: (item) => expect(item.parseError).toBe('The message is empty'),
	},
	{
		name: 'a byte order mark before the JSON',
		payload: '\ufeff{"value": 3}',
		expect: (item) => {
			expect(item.value).toBe(3);
			expect(item.parseError).toBeUndefined();
		},
	},
	{
		name: 'an "at" that is no time',
		payload: '{"value": 4, "at": "yesterday-ish"}',
		expect: (item) => {
			expect(item.value).toBe(4);
			expect(item.at).toBeNull();
			expect(item.parseError).toContain('"at" is not a time');
		},
	},
	{
		name: 'a __proto__ key (no prototype pollution)',
		payload: '{"value": {"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}}',
		expect: (item) => {
			expect(({} as IDataObject).polluted).toBeUndefined();
			expect(Object.getPrototypeOf(item.value)).toBe(Object.prototype);
		},
	},
	{
		name: 'a topic level with spaces, accents and emoji',
		topic: stateTopic('température salon 🌡'),
		payload: '{"value": 5}',
		expect: (item) => {
			expect(item.assetName).toBe('température salon 🌡');
			expect(item.value).toBe(5);
		},
	},
	{
		name: 'a topic level with $, %, &, ? and control characters',
		topic: stateTopic('$sys%20&x=1?\t\u0007'),
		payload: '{"value": 6}',
		expect: (item) => {
			expect(item.assetName).toBe('$sys%20&x=1?\t\u0007');
			expect(item.value).toBe(6);
		},
	},
	{
		name: 'a topic level of 60,000 characters',
		topic: stateTopic('a'.repeat(60_000)),
		payload: '{"value": 7}',
		expect: (item) => expect((item.assetName as string).length).toBe(60_000),
	},
	{
		name: 'a topic level with JSON and quote characters',
		topic: stateTopic('"},{"x":"\\'),
		payload: '{"value": 8}',
		expect: (item) => expect(item.assetName).toBe('"},{"x":"\\'),
	},
];

describe('MQTT payload hostility', () => {
	let trigger: RunningTrigger;
	const crashes: unknown[] = [];
	const onCrash = (error: unknown) => crashes.push(error);

	beforeAll(() => {
		process.on('uncaughtException', onCrash);
		process.on('unhandledRejection', onCrash);
	});
	afterAll(() => {
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
	});

	beforeEach(async () => {
		await sl.emulator().wipeBroker();
		trigger = await sl.startTrigger('maker', {
			level: 'device',
			direction: 'out',
			kinds: ['state'],
			deviceId: device,
		});
		// Subscribed once a probe gets through.
		const deadline = Date.now() + 10_000;
		while (trigger.emitted.length === 0) {
			if (Date.now() > deadline) throw new Error('The trigger did not subscribe');
			await sl.emulator().publishRaw(stateTopic('probe'), '{"value": 0}', { qos: 1 });
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	});

	test.each(cases)('$name: one item, safe for n8n to copy and save', async (hostile) => {
		const before = trigger.emitted.length;
		await sl.emulator().publishRaw(hostile.topic ?? stateTopic('humidity'), hostile.payload, { qos: 1 });
		// The trigger still listens: a plain message after the hostile one arrives too.
		await sl.emulator().publishRaw(stateTopic('humidity'), '{"value": 99}', { qos: 1 });
		await trigger.waitForEmit(before + 2, 20_000).catch(() => {});
		await new Promise((resolve) => setTimeout(resolve, 100));

		const items = trigger.emitted.slice(before).map((run) => run[0][0].json);
		const hostileItems = items.filter((item) => item.value !== 99 || hostile.payload === '{"value": 99}');
		const lost = hostileItems.length === 0 ? 1 : 0;
		const duplicated = Math.max(0, hostileItems.length - 1);
		tallyCase({ suite, name: hostile.name, lost, duplicated });

		expect(hostileItems).toHaveLength(1);
		const [item] = hostileItems;
		hostile.expect(item);
		// What n8n does with every item: copy it and save the execution as JSON.
		expect(() => JSON.stringify(deepCopy(item))).not.toThrow();
		expect(items.some((other) => other.value === 99)).toBe(true);
		expect(trigger.errors).toEqual([]);
		expect(crashes).toEqual([]);
	}, 60_000);
});
