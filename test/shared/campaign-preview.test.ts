/**
 * Every SMS send says how its text travels (encoding, characters, segments), and Campaign → Max
 * Segments refuses a longer text with an error naming the item and the field, before anything of
 * the run is sent.
 */
import type { INodeParameters } from 'n8n-workflow';

import { scgSeed } from '../../sandbox';
import { processedDataStore } from '../harness/n8n';
import { useHoiio } from '../hoiio/useHoiio';
import { useScg } from '../syniverseScg/useScg';

const hoiio = useHoiio();
const scg = useScg();

beforeEach(() => processedDataStore().clear());

const smsTo = (campaign: INodeParameters = {}) => ({
	resource: 'sms',
	operation: 'send',
	to: '+6581000001',
	message: '={{ $json.text }}',
	campaign,
});

const sendRequests = () => hoiio.requests().filter((r) => r.pathname.endsWith('/sms/send'));

describe('Message preview on every SMS send', () => {
	test.each([
		[
			'GSM-7, 150 letters and 5 euro signs (each counts twice): one SMS',
			'x'.repeat(150) + '€'.repeat(5),
			'GSM-7',
			160,
			1,
		],
		['GSM-7, one euro sign more: two segments', 'x'.repeat(150) + '€'.repeat(6), 'GSM-7', 162, 2],
		['GSM-7 extension characters [ ] { } ~ | ^ \\ count twice', '[]{}~|^\\', 'GSM-7', 16, 1],
		['UCS-2 for Chinese: 70 characters in one SMS', '你好'.repeat(35), 'UCS-2', 70, 1],
		['UCS-2, 71 characters: two segments of 67', '你好'.repeat(35) + '！', 'UCS-2', 71, 2],
		['an emoji takes two UCS-2 units: 35 emoji fill one SMS', '🎉'.repeat(35), 'UCS-2', 70, 1],
		['36 emoji: two segments', '🎉'.repeat(36), 'UCS-2', 72, 2],
	])('%s', async (_name, text, encoding, characters, segments) => {
		const { items, error } = await hoiio.run(smsTo(), { items: [{ text }] });

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'sent', encoding, characters, segments });
		expect(sendRequests()).toHaveLength(1);
	});

	test('a bulk send reports the preview on every recipient’s item', async () => {
		const { items } = await hoiio.run({
			resource: 'sms',
			operation: 'sendBulk',
			recipientSource: 'list',
			recipients: '+6581000001,+6581000002',
			message: 'Grüße aus Zürich',
		});

		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				recipient: '+6581000001',
				encoding: 'GSM-7',
				characters: 16,
				segments: 1,
			}),
			expect.objectContaining({
				recipient: '+6581000002',
				encoding: 'GSM-7',
				characters: 16,
				segments: 1,
			}),
		]);
	});
});

describe('Max Segments', () => {
	const texts = [
		{ text: 'Short one' },
		{ text: 'x'.repeat(150) + '€'.repeat(6) },
		{ text: 'Another' },
	];

	test('a text longer than Max Segments stops the run before any item is sent, naming the item and the field', async () => {
		const { error } = await hoiio.run(smsTo({ maxSegments: 1 }), { items: texts });

		expect(error?.message).toBe(
			'Item 1: "Message" takes 2 SMS segments (162 GSM-7 characters), more than the 1 allowed, which hold 160 (Campaign → Max Segments)',
		);
		expect(hoiio.requests()).toHaveLength(0);
	});

	test('with Continue On Fail only the long one fails; the others are sent', async () => {
		const { items } = await hoiio.run(smsTo({ maxSegments: 1 }), {
			items: texts,
			continueOnFail: true,
		});

		expect(items.map((item) => item.json.status ?? item.json.error)).toEqual([
			'sent',
			'Item 1: "Message" takes 2 SMS segments (162 GSM-7 characters), more than the 1 allowed, which hold 160 (Campaign → Max Segments)',
			'sent',
		]);
		expect(sendRequests()).toHaveLength(2);
	});

	test('a message request says which characters made the text UCS-2, and nothing is created', async () => {
		const { error } = await scg.run({
			resource: 'messageRequest',
			operation: 'create',
			sender: scgSeed.activeSenderId,
			messageType: 'SMS',
			recipients: '+14085551212,+14085551213',
			message: `Your order ships today ✓ ${'x'.repeat(50)}`,
			campaign: { maxSegments: 1 },
		});

		expect(error?.message).toBe(
			'Item 0: "Message" takes 2 SMS segments (75 UCS-2 characters), more than the 1 allowed, which hold 70; it is UCS-2 because of "✓" (Campaign → Max Segments)',
		);
		expect(scg.requests().filter((request) => request.method === 'POST')).toHaveLength(0);
	});

	test('Hoiio Send Bulk refuses before its first chunk', async () => {
		const { error } = await hoiio.run({
			resource: 'sms',
			operation: 'sendBulk',
			recipientSource: 'list',
			recipients: '+6581000001,+6581000002',
			message: 'x'.repeat(161),
			campaign: { maxSegments: 1 },
		});

		expect(error?.message).toMatch(/^Item 0: "Message" takes 2 SMS segments/);
		expect(hoiio.requests()).toHaveLength(0);
	});
});
