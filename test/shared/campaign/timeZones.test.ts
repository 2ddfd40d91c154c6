import { checkTimeZone, timeZoneOfNumber } from '../../../nodes/shared/campaign';
import { tabledTimeZones } from '../../../nodes/shared/campaign/timeZones';

describe('timeZoneOfNumber', () => {
	test.each([
		['+6591234567', '65', 'Asia/Singapore', false],
		['+447911123456', '44', 'Europe/London', false],
		['+2348031234567', '234', 'Africa/Lagos', false],
		['+12125550123', '1', 'America/New_York', true],
		['+18765551234', '1876', 'America/Jamaica', false],
		['+18085551234', '1808', 'Pacific/Honolulu', false],
		['+79161234567', '7', 'Europe/Moscow', true],
		['+77011234567', '77', 'Asia/Almaty', false],
		['+5511912345678', '55', 'America/Sao_Paulo', true],
		['+5592912345678', '5592', 'America/Manaus', false],
		['+262692123456', '262', 'Indian/Reunion', false],
		['+262639123456', '262639', 'Indian/Mayotte', false],
		['+61412345678', '61', 'Australia/Sydney', true],
		['+6281234567890', '62', 'Asia/Jakarta', true],
		['+243812345678', '243', 'Africa/Kinshasa', true],
	])('%s: prefix %s, %s (country default: %p)', (number, prefix, timeZone, countryDefault) => {
		expect(timeZoneOfNumber(number)).toEqual({ prefix, timeZone, countryDefault });
	});

	test.each(['+80012345678', '+88212345678', '+0123', 'not a number', ''])(
		'has no zone for %p',
		(number) => {
			expect(timeZoneOfNumber(number)).toBeUndefined();
		},
	);

	test('every zone in the table is one this Node.js knows', () => {
		const unknown = tabledTimeZones().filter((zone) => !checkTimeZone(zone).valid);
		expect(unknown).toEqual([]);
		expect(tabledTimeZones().length).toBeGreaterThan(200);
	});
});

describe('checkTimeZone', () => {
	test.each([
		['Asia/Singapore', 'Asia/Singapore'],
		[' asia/singapore ', 'Asia/Singapore'],
		// Node names it Asia/Calcutta; the user's current name is kept.
		['Asia/Kolkata', 'Asia/Kolkata'],
		['UTC', 'UTC'],
		['+08:00', '+08:00'],
	])('takes %p as %p', (input, timeZone) => {
		expect(checkTimeZone(input)).toEqual({ valid: true, timeZone });
	});

	test.each([
		['Europe/Atlantis', '"Europe/Atlantis" is not a time zone'],
		['', 'is not a time zone name ("")'],
		[8, 'is not a time zone name (8)'],
	])('refuses %p', (input, reason) => {
		const check = checkTimeZone(input);
		expect(check.valid).toBe(false);
		if (!check.valid) expect(check.reason).toContain(reason);
	});
});
