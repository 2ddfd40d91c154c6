/**
 * The longest SMS text sent where a provider documents no limit of its own: 1,600 characters, about
 * ten parts of a concatenated SMS. Phones and carriers reassemble long messages reliably only up to
 * about that many parts, every part is charged, and it is the limit the large SMS APIs document
 * (Twilio's 1,600). Anything longer is almost always an expression that picked up the wrong data.
 */
export const SMS_MAX_CHARACTERS = 1600;

/** The base64 text of at most `bytes` bytes of data: 4 characters for every 3 bytes. */
export function base64Length(bytes: number): number {
	return Math.ceil(bytes / 3) * 4;
}
