/**
 * How an SMS text travels: its encoding, its length as providers count it, and how many SMS
 * (segments) it takes, which is what the recipient's phone receives and what providers charge for.
 *
 * GSM-7 is the GSM 03.38 (3GPP TS 23.038) default alphabet: 7 bits a character, 160 in one SMS. Its
 * extension table is reached through an escape, so those characters count twice. A text with any
 * other character goes as UCS-2: 16 bits a unit, 70 in one SMS, and a character beyond the Basic
 * Multilingual Plane (most emoji) takes two units, as in UTF-16. A longer text is split into
 * concatenated segments whose header takes room: 153 GSM-7 characters or 67 UCS-2 units each.
 */

/** The GSM 03.38 default alphabet, in table order (LF and CR included; the escape is not text). */
const GSM7_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: each takes an escape plus the character, two of the 160. */
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Characters in one SMS, and per segment of a concatenated one. */
export const SEGMENT_LIMITS: Readonly<
	Record<SmsEncoding, { single: number; concatenated: number }>
> = {
	'GSM-7': { single: 160, concatenated: 153 },
	'UCS-2': { single: 70, concatenated: 67 },
};

export interface MessagePreview {
	encoding: SmsEncoding;
	/** Length as providers count it: GSM-7 extension characters twice, UCS-2 in UTF-16 units. */
	characters: number;
	segments: number;
	/** For UCS-2: the characters that rule out GSM-7, each once, so a user can replace them. */
	nonGsmCharacters: string[];
}

/**
 * The encoding, length and segment count of an SMS text. Segments are filled as phones and SMS
 * centres fill them: an extension character's two halves, or an emoji's two units, never straddle
 * two segments, so a character that does not fit starts the next one. An empty text still goes as
 * one SMS.
 */
export function previewMessage(text: string): MessagePreview {
	const characters = [...text];
	const nonGsm = characters.filter(
		(character) => !basic.has(character) && !extension.has(character),
	);
	const encoding: SmsEncoding = nonGsm.length === 0 ? 'GSM-7' : 'UCS-2';
	const sizes = characters.map((character) =>
		encoding === 'GSM-7' ? (extension.has(character) ? 2 : 1) : character.length,
	);
	const length = sizes.reduce((total, size) => total + size, 0);
	const limits = SEGMENT_LIMITS[encoding];
	let segments = 1;
	if (length > limits.single) {
		let used = 0;
		for (const size of sizes) {
			if (used + size > limits.concatenated) {
				segments++;
				used = 0;
			}
			used += size;
		}
	}
	return {
		encoding,
		characters: length,
		segments,
		nonGsmCharacters: [...new Set(nonGsm)],
	};
}

/**
 * Why a text is too long for a segment limit (for the caller's error naming the item and the
 * field), or undefined when it fits.
 */
export function segmentLimitProblem(
	preview: MessagePreview,
	maxSegments: number,
): string | undefined {
	if (preview.segments <= maxSegments) return undefined;
	const limits = SEGMENT_LIMITS[preview.encoding];
	const fits = maxSegments === 1 ? limits.single : maxSegments * limits.concatenated;
	const hint =
		preview.encoding === 'UCS-2'
			? `; it is UCS-2 because of ${preview.nonGsmCharacters
					.slice(0, 5)
					.map((character) => JSON.stringify(character))
					.join(', ')}`
			: '';
	return `takes ${preview.segments} SMS segments (${preview.characters} ${preview.encoding} characters), more than the ${maxSegments} allowed, which hold ${fits}${hint}`;
}
