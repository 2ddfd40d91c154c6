/** Phone numbers in E.164 (`+` and 8 to 15 digits), the form every provider here accepts. */

/**
 * The number every phone-number error shows as the way to write it. Errors reach n8n's pop-up, which renders
 * them as HTML, so they show a real number rather than a pattern in angle brackets.
 */
export const EXAMPLE_PHONE_NUMBER = '+6591234567';
const LIKE_EXAMPLE = `like ${EXAMPLE_PHONE_NUMBER}`;

const SEPARATORS = /[\s().\-/]/g;

export interface PhoneNumberOptions {
	/** Country calling code for numbers written without one, digits only (`65` for Singapore). */
	defaultCountryCode?: string;
}

export type PhoneNumberCheck = { valid: true; number: string } | { valid: false; reason: string };

/** Normalises a number to E.164, or says why it cannot be one. */
export function checkPhoneNumber(
	input: unknown,
	options: PhoneNumberOptions = {},
): PhoneNumberCheck {
	if (typeof input !== 'string' && typeof input !== 'number') {
		return { valid: false, reason: `is not a phone number (${JSON.stringify(input)})` };
	}
	const text = String(input).trim();
	if (text === '') return { valid: false, reason: 'is empty' };
	const compact = text.replace(SEPARATORS, '');
	let international: string;
	if (compact.startsWith('+')) international = compact.slice(1);
	else if (compact.startsWith('00')) international = compact.slice(2);
	else {
		const countryCode = (options.defaultCountryCode ?? '').replace(/^\+/, '');
		if (countryCode === '') {
			return {
				valid: false,
				reason: `"${text}" has no country code: write it with its country code, ${LIKE_EXAMPLE}`,
			};
		}
		// A national number's leading trunk 0 is dropped when the country code is added.
		international = countryCode + compact.replace(/^0+/, '');
	}
	if (!/^\d+$/.test(international))
		return {
			valid: false,
			reason: `"${text}" contains characters that are not digits: write + and digits only, ${LIKE_EXAMPLE}`,
		};
	if (international.startsWith('0'))
		return {
			valid: false,
			reason: `"${text}" has no valid country code (none starts with 0): write it ${LIKE_EXAMPLE}`,
		};
	if (international.length < 8 || international.length > 15) {
		return {
			valid: false,
			reason: `"${text}" must have 8 to 15 digits including the country code, ${LIKE_EXAMPLE}`,
		};
	}
	return { valid: true, number: `+${international}` };
}

/** A field's `validate` for a phone number in international format: says what is wrong, or undefined. */
export function phoneNumberProblem(value: unknown): string | undefined {
	const check = checkPhoneNumber(value);
	return check.valid ? undefined : check.reason;
}

/** A field's `toWire` for a checked phone number: the number in E.164. */
export function toE164(value: unknown): unknown {
	const check = checkPhoneNumber(value);
	return check.valid ? check.number : value;
}
