import type { IDataObject } from 'n8n-workflow';

import { firstDelivery } from '../../nodes/shared/webhook';

describe('firstDelivery', () => {
	test('a redelivered event ID is refused, whichever copy of the static data the call got', () => {
		// n8n loads a copy of the static data for each webhook call and saves it whole afterwards: two
		// events arriving together each see a copy without the other, and the last save wins.
		const saved: IDataObject = {};
		const firstCall = structuredClone(saved);
		const secondCall = structuredClone(saved);

		expect(firstDelivery(firstCall, 'event-1', 'registration-a')).toBe(true);
		expect(firstDelivery(secondCall, 'event-2', 'registration-a')).toBe(true);
		const afterBoth = secondCall; // the last save wins: event-1 is not in it
		expect(afterBoth.seenEventIds).toEqual(['event-2']);

		expect(firstDelivery(structuredClone(afterBoth), 'event-1', 'registration-a')).toBe(false);
		expect(firstDelivery(structuredClone(afterBoth), 'event-2', 'registration-a')).toBe(false);
	});

	test('another registration, or no scope, relies on its static data alone', () => {
		const data: IDataObject = { seenEventIds: [] };
		expect(firstDelivery(data, 'event-9', 'registration-b')).toBe(true);

		expect(firstDelivery({}, 'event-9', 'registration-c')).toBe(true);
		expect(firstDelivery({}, 'event-9')).toBe(true);
		expect(firstDelivery(data, 'event-9')).toBe(false);
	});

	test('keeps only the latest IDs', () => {
		const data: IDataObject = {};
		for (const id of ['a', 'b', 'c']) firstDelivery(data, id, undefined, 2);
		expect(data.seenEventIds).toEqual(['b', 'c']);
		expect(firstDelivery(data, 'a', undefined, 2)).toBe(true);
	});
});
