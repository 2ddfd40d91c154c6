import { hoiioSeed } from '../../sandbox';
import { sentParameters, useHoiio } from './useHoiio';

const hoiio = useHoiio();

describe('Hoiio → Voice', () => {
	test('Call connects two numbers with caller ID, max duration and tag', async () => {
		const { items } = await hoiio.run({
			resource: 'voice',
			operation: 'call',
			secondNumber: '+6598765432',
			additionalFields: {
				firstNumber: '+6591234567',
				callerId: 'private',
				maxDuration: 600,
				tag: 'support',
			},
		});

		expect(hoiio.lastRequest().pathname).toBe('/open/voice/call');
		expect(sentParameters(hoiio.lastRequest())).toEqual({
			dest1: '+6591234567',
			dest2: '+6598765432',
			caller_id: 'private',
			max_duration: '600',
			tag: 'support',
		});
		expect(items[0].json).toEqual({ txn_ref: expect.any(String) });
	});

	test('Conference calls the participants into a room and lists their txn_refs', async () => {
		const { items } = await hoiio.run({
			resource: 'voice',
			operation: 'conference',
			participants: '+6591110001, +6591110002',
			additionalFields: { room: 'OPS-ROOM' },
		});

		expect(hoiio.lastRequest().pathname).toBe('/open/voice/conference');
		expect(sentParameters(hoiio.lastRequest())).toEqual({
			dest: '+6591110001,+6591110002',
			room: 'OPS-ROOM',
		});
		expect(items[0].json.room).toBe('OPS-ROOM');
		expect(items[0].json.txn_refs).toEqual([expect.any(String), expect.any(String)]);
	});

	test('Conference refuses more than 8 participants before sending', async () => {
		const { error } = await hoiio.run({
			resource: 'voice',
			operation: 'conference',
			participants: Array.from({ length: 9 }, (_, index) => `+659111000${index}`).join(','),
		});

		expect(error?.message).toBe('Item 0: "Participants" can hold at most 8 numbers');
		expect(hoiio.requests()).toHaveLength(0);
	});

	test('Hang Up sends the txn_ref', async () => {
		const call = await hoiio.run({
			resource: 'voice',
			operation: 'call',
			secondNumber: '+6598765432',
		});
		const { items } = await hoiio.run({
			resource: 'voice',
			operation: 'hangup',
			txnRef: call.items[0].json.txn_ref as string,
		});

		expect(hoiio.lastRequest().pathname).toBe('/open/voice/hangup');
		expect(sentParameters(hoiio.lastRequest())).toEqual({ txn_ref: call.items[0].json.txn_ref });
		expect(items[0].json).toEqual({ success: true, txn_ref: call.items[0].json.txn_ref });
	});

	test('Get Status returns the call with numbers as numbers', async () => {
		const { items } = await hoiio.run({
			resource: 'voice',
			operation: 'getStatus',
			txnRef: hoiioSeed.firstCallRef,
		});

		expect(hoiio.lastRequest().pathname).toBe('/open/voice/query_status');
		expect(items[0].json).toMatchObject({ txn_ref: hoiioSeed.firstCallRef });
		expect(typeof items[0].json.rate).toBe('number');
		expect(items[0].json.date).toMatch(/\+08:00$/);
	});

	test('Get History returns every seeded call', async () => {
		const { items } = await hoiio.run({
			resource: 'voice',
			operation: 'getHistory',
			returnAll: true,
		});

		expect(hoiio.lastRequest().pathname).toBe('/open/voice/get_history');
		expect(items.length).toBeGreaterThanOrEqual(hoiioSeed.seededCallCount);
	});

	test('Get Rate prices a call between two numbers', async () => {
		const { items } = await hoiio.run({
			resource: 'voice',
			operation: 'getRate',
			firstNumber: '+6591234567',
			secondNumber: '+12015550199',
		});

		expect(sentParameters(hoiio.lastRequest())).toEqual({
			dest1: '+6591234567',
			dest2: '+12015550199',
		});
		expect(items[0].json).toMatchObject({ currency: expect.any(String) });
		expect(typeof items[0].json.rate).toBe('number');
		expect(typeof items[0].json.talktime).toBe('number');
	});
});
