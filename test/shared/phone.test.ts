import { checkPhoneNumber } from '../../nodes/shared/phone';

describe('checkPhoneNumber', () => {
	test.each([
		['+65 9123 4567', '+6591234567'],
		['+1 (650) 555-0123', '+16505550123'],
		['0044 20 7946 0958', '+442079460958'],
		[6591234567, undefined],
	])('normalises %p', (input, expected) => {
		const result = checkPhoneNumber(input);
		if (expected) expect(result).toEqual({ valid: true, number: expected });
		else expect(result.valid).toBe(false);
	});

	test('adds the default country code to a national number and drops its trunk 0', () => {
		expect(checkPhoneNumber('091234567', { defaultCountryCode: '65' })).toEqual({
			valid: true,
			number: '+6591234567',
		});
		expect(checkPhoneNumber('91234567', { defaultCountryCode: '+65' })).toEqual({
			valid: true,
			number: '+6591234567',
		});
	});

	test.each([
		['', 'is empty'],
		['91234567', 'has no country code'],
		['+65 9123 45x7', 'not digits'],
		['+0123456789', 'no valid country code'],
		['+1234', '8 to 15 digits'],
		['+1234567890123456', '8 to 15 digits'],
	])('rejects %p with a reason', (input, reason) => {
		const result = checkPhoneNumber(input);
		expect(result.valid).toBe(false);
		if (!result.valid) expect(result.reason).toContain(reason);
	});
});
