import {
	SendWindowGate,
	describeSendWindow,
	parseSendWindow,
	sendWindowState,
} from '../../../nodes/shared/campaign';
import type { SendWindow, SendWindowInput } from '../../../nodes/shared/campaign';

function windowOf(input: SendWindowInput): SendWindow {
	const check = parseSendWindow(input);
	if (!check.valid) throw new Error(check.reason);
	return check.window;
}

const officeHours = windowOf({ start: '09:00', end: '18:00', days: 'Mon-Fri' });

describe('parseSendWindow', () => {
	test.each([
		['Mon-Fri', 'Mon–Fri'],
		[['monday', 'wednesday', 'friday'], 'Mon, Wed, Fri'],
		['sat, SUN', 'Sat, Sun'],
		['0,6', 'Sat, Sun'],
		['7', 'Sun'],
		['Fri-Mon', 'Mon, Fri–Sun'],
		['mon-wed, fri', 'Mon–Wed, Fri'],
		['Mon-Sun', 'every day'],
	])('reads the days %p as %s', (days, described) => {
		expect(describeSendWindow(windowOf({ start: '09:00', end: '18:00', days }))).toBe(
			`09:00–18:00, ${described}`,
		);
	});

	test('takes 24:00 as the end of the day and a one-digit hour', () => {
		expect(windowOf({ start: '9:30', end: '24:00', days: ['monday'] })).toEqual({
			start: 570,
			end: 1440,
			days: new Set([1]),
		});
	});

	test.each([
		[{ start: '25:00', end: '18:00', days: 'Mon' }, 'start "25:00" is not a time (HH:mm)'],
		[{ start: '09:00', end: '9.30', days: 'Mon' }, 'end "9.30" is not a time (HH:mm)'],
		[{ start: '24:00', end: '06:00', days: 'Mon' }, 'start "24:00" is not a time (HH:mm)'],
		[{ start: '09:00', end: '18:00', days: '' }, 'has no days of the week'],
		[{ start: '09:00', end: '18:00', days: [] }, 'has no days of the week'],
		[
			{ start: '09:00', end: '18:00', days: 'Mon, Funday' },
			'day "Funday" is not a day of the week',
		],
		[{ start: '09:00', end: '18:00', days: '8' }, 'day "8" is not a day of the week'],
	])('refuses %p with a reason', (input, reason) => {
		expect(parseSendWindow(input)).toEqual({ valid: false, reason });
	});
});

describe('SendWindowGate: recipients in their own time zones', () => {
	// Monday 2 June 2025, 13:00 UTC: 21:00 in Singapore, 14:00 in London, 09:00 in New York.
	const mondayAfternoonUtc = Date.UTC(2025, 5, 2, 13, 0);
	const gate = new SendWindowGate(officeHours, mondayAfternoonUtc);

	test('sends to a recipient whose local time is inside the window', () => {
		expect(gate.check('+447911123456')).toEqual({
			outcome: 'inside',
			timeZone: 'Europe/London',
			timeZoneSource: 'number',
		});
		expect(gate.check('+12125550123')).toEqual({
			outcome: 'inside',
			timeZone: 'America/New_York',
			timeZoneSource: 'number',
		});
	});

	test('defers a recipient after hours to the next morning, in local time with its offset', () => {
		expect(gate.check('+6591234567')).toEqual({
			outcome: 'outside',
			timeZone: 'Asia/Singapore',
			timeZoneSource: 'number',
			opensAt: '2025-06-03T09:00:00+08:00',
			opensAtEpochMs: Date.UTC(2025, 5, 3, 1, 0),
			reason:
				'outside the send window (09:00–18:00, Mon–Fri) in Asia/Singapore; it opens at 2025-06-03T09:00:00+08:00',
		});
	});

	test('a +1 number is in the Eastern default unless the item gives its time zone', () => {
		// 06:00 in Los Angeles: too early there, though the number alone says New York (09:00).
		expect(gate.check('+13105550123')).toMatchObject({ outcome: 'inside' });
		expect(gate.check('+13105550123', 'America/Los_Angeles')).toEqual({
			outcome: 'outside',
			timeZone: 'America/Los_Angeles',
			timeZoneSource: 'item',
			opensAt: '2025-06-02T09:00:00-07:00',
			opensAtEpochMs: Date.UTC(2025, 5, 2, 16, 0),
			reason:
				'outside the send window (09:00–18:00, Mon–Fri) in America/Los_Angeles; it opens at 2025-06-02T09:00:00-07:00',
		});
	});

	test('a Russian number is in Moscow time by default, and in the item time zone when given', () => {
		// 16:00 in Moscow, 23:00 in Vladivostok.
		expect(gate.check('+74951234567')).toMatchObject({
			outcome: 'inside',
			timeZone: 'Europe/Moscow',
		});
		const farEast = gate.check('+74232123456', 'Asia/Vladivostok');
		expect(farEast).toMatchObject({ outcome: 'outside', opensAt: '2025-06-03T09:00:00+10:00' });
		if (farEast.outcome === 'outside')
			expect(farEast.reason).toBe(
				'outside the send window (09:00–18:00, Mon–Fri) in Asia/Vladivostok; it opens at 2025-06-03T09:00:00+10:00',
			);
	});

	test("says when a country's default zone was used for a deferred recipient", () => {
		// 13:00 UTC is 10:00 in São Paulo and 08:00 in Acre, whose area code 68 refines the default.
		const early = new SendWindowGate(
			windowOf({ start: '09:00', end: '18:00', days: 'Mon-Fri' }),
			Date.UTC(2025, 5, 2, 11, 30),
		);
		expect(early.check('+5511912345678')).toMatchObject({
			outcome: 'outside',
			timeZone: 'America/Sao_Paulo',
			opensAt: '2025-06-02T09:00:00-03:00',
			reason:
				'outside the send window (09:00–18:00, Mon–Fri) in America/Sao_Paulo (the default for +55 numbers); it opens at 2025-06-02T09:00:00-03:00',
		});
		expect(early.check('+5568912345678')).toMatchObject({
			outcome: 'outside',
			timeZone: 'America/Rio_Branco',
			opensAt: '2025-06-02T09:00:00-05:00',
		});
	});

	test('an item time zone in another case is taken, and a wrong one is the item’s fault', () => {
		expect(gate.check('+6591234567', 'europe/london')).toEqual({
			outcome: 'inside',
			timeZone: 'Europe/London',
			timeZoneSource: 'item',
		});
		expect(gate.check('+6591234567', 'Mars/Olympus_Mons')).toEqual({
			outcome: 'noTimeZone',
			cause: 'itemTimeZone',
			reason:
				'"Mars/Olympus_Mons" is not a time zone: use an IANA name such as Europe/Berlin or America/New_York',
		});
	});

	test('a number whose country code has no zone needs the item time zone', () => {
		expect(gate.check('+80012345678')).toEqual({
			outcome: 'noTimeZone',
			cause: 'unknownCountry',
			reason:
				'the time zone of +80012345678 is not known from its country code: give the item a time zone',
		});
		expect(gate.check('+80012345678', 'Europe/Berlin')).toMatchObject({
			outcome: 'inside',
			timeZone: 'Europe/Berlin',
		});
	});

	test('defers a weekend recipient to Monday', () => {
		// Saturday 7 June 2025, 12:00 in Singapore.
		const saturday = new SendWindowGate(officeHours, new Date('2025-06-07T04:00:00Z'));
		expect(saturday.check('+6591234567')).toMatchObject({
			outcome: 'outside',
			opensAt: '2025-06-09T09:00:00+08:00',
		});
	});

	test('a recipient before the window opens today is deferred to later today', () => {
		// Monday 2 June 2025, 07:30 in Singapore.
		const early = new SendWindowGate(officeHours, Date.UTC(2025, 5, 1, 23, 30));
		expect(early.check('+6591234567')).toMatchObject({
			outcome: 'outside',
			opensAt: '2025-06-02T09:00:00+08:00',
		});
	});
});

describe('sendWindowState: a window across midnight belongs to the day it opens', () => {
	const fridayNight = windowOf({ start: '22:00', end: '06:00', days: ['friday'] });
	const tokyo = 'Asia/Tokyo';

	test('inside after midnight, on the Saturday morning of a Friday window', () => {
		// Saturday 7 June 2025, 03:00 in Tokyo.
		expect(sendWindowState(fridayNight, tokyo, Date.UTC(2025, 5, 6, 18, 0))).toEqual({
			inside: true,
		});
	});

	test('inside before midnight on the Friday', () => {
		expect(sendWindowState(fridayNight, tokyo, Date.UTC(2025, 5, 6, 14, 30))).toEqual({
			inside: true,
		});
	});

	test('closed once it ends, until the next Friday night', () => {
		// Saturday 7 June 2025, 07:00 in Tokyo.
		expect(sendWindowState(fridayNight, tokyo, Date.UTC(2025, 5, 6, 22, 0))).toEqual({
			inside: false,
			opensAt: '2025-06-13T22:00:00+09:00',
			opensAtEpochMs: Date.UTC(2025, 5, 13, 13, 0),
		});
	});

	test('closed after midnight when the evening before is not one of its days', () => {
		// Friday 6 June 2025, 03:00 in Tokyo: Thursday's night is not in the window.
		expect(sendWindowState(fridayNight, tokyo, Date.UTC(2025, 5, 5, 18, 0))).toMatchObject({
			inside: false,
			opensAt: '2025-06-06T22:00:00+09:00',
		});
	});

	test('an end equal to the start is a whole day from that time', () => {
		const fromNoon = windowOf({ start: '12:00', end: '12:00', days: 'Mon' });
		// Tuesday 11:59 in Tokyo is still Monday's day; 12:00 is not.
		expect(sendWindowState(fromNoon, tokyo, Date.UTC(2025, 5, 3, 2, 59))).toEqual({
			inside: true,
		});
		expect(sendWindowState(fromNoon, tokyo, Date.UTC(2025, 5, 3, 3, 0))).toMatchObject({
			inside: false,
			opensAt: '2025-06-09T12:00:00+09:00',
		});
	});
});

describe('sendWindowState across daylight saving changes', () => {
	const newYork = 'America/New_York';

	test('the next opening after clocks go forward carries the new offset', () => {
		// Saturday 8 March 2025, 18:00 EST; clocks go forward on Sunday at 02:00.
		expect(
			sendWindowState(
				windowOf({ start: '09:00', end: '17:00', days: 'Mon-Sun' }),
				newYork,
				Date.UTC(2025, 2, 8, 23, 0),
			),
		).toEqual({
			inside: false,
			opensAt: '2025-03-09T09:00:00-04:00',
			opensAtEpochMs: Date.UTC(2025, 2, 9, 13, 0),
		});
	});

	test('a window opening in the hour the clocks skip opens when they jump', () => {
		// Sunday 9 March 2025, 01:00 EST; 02:30 never shows, the clocks go from 01:59 to 03:00.
		const window = windowOf({ start: '02:30', end: '05:00', days: 'Mon-Sun' });
		expect(sendWindowState(window, newYork, Date.UTC(2025, 2, 9, 6, 0))).toEqual({
			inside: false,
			opensAt: '2025-03-09T03:00:00-04:00',
			opensAtEpochMs: Date.UTC(2025, 2, 9, 7, 0),
		});
		expect(sendWindowState(window, newYork, Date.UTC(2025, 2, 9, 7, 0))).toEqual({ inside: true });
	});

	test('a window the skipped hour swallows whole opens the next day', () => {
		const window = windowOf({ start: '02:00', end: '02:45', days: 'Mon-Sun' });
		expect(sendWindowState(window, newYork, Date.UTC(2025, 2, 9, 6, 0))).toMatchObject({
			inside: false,
			opensAt: '2025-03-10T02:00:00-04:00',
		});
	});

	test('a window in the hour the clocks repeat opens again the second time round', () => {
		// Sunday 2 November 2025, 01:45 EDT; at 02:00 EDT the clocks go back to 01:00 EST.
		const window = windowOf({ start: '01:00', end: '01:30', days: 'Sun' });
		expect(sendWindowState(window, newYork, Date.UTC(2025, 10, 2, 5, 45))).toEqual({
			inside: false,
			opensAt: '2025-11-02T01:00:00-05:00',
			opensAtEpochMs: Date.UTC(2025, 10, 2, 6, 0),
		});
	});

	test('in the southern hemisphere, the opening after clocks go back has the standard offset', () => {
		// Saturday 5 April 2025, 23:00 AEDT in Sydney; at 03:00 on Sunday clocks go back an hour.
		const gate = new SendWindowGate(
			windowOf({ start: '09:00', end: '17:00', days: 'Sat, Sun' }),
			Date.UTC(2025, 3, 5, 12, 0),
		);
		expect(gate.check('+61412345678')).toMatchObject({
			outcome: 'outside',
			timeZone: 'Australia/Sydney',
			opensAt: '2025-04-06T09:00:00+10:00',
			opensAtEpochMs: Date.UTC(2025, 3, 5, 23, 0),
		});
	});
});
