/**
 * Opt-out and opt-in keywords in inbound messages. A message counts only when its whole text is a
 * keyword: "STOP" opts out, "Please don't stop" does not. Case is ignored, as are spaces around
 * the text (and runs of spaces inside it, for keywords of several words) and punctuation at its
 * end, because people answer "Stop." or "STOP!" and an opt-out missed is worse than one honoured.
 */

/** The keywords US carriers and most SMS platforms honour. */
export const DEFAULT_OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'];
export const DEFAULT_OPT_IN_KEYWORDS = ['START', 'UNSTOP'];

const TRAILING_PUNCTUATION = /[\s.!?,;:]+$/u;

/** A text as keywords are compared: trimmed, punctuation at its end removed, spaces single, upper case. */
function normalise(text: string): string {
	return text.trim().replace(TRAILING_PUNCTUATION, '').replace(/\s+/gu, ' ').toUpperCase();
}

export interface KeywordLists {
	optOut: ReadonlySet<string>;
	optIn: ReadonlySet<string>;
}

export interface KeywordListsInput {
	/** Comma-separated text or a list; empty or left out: the default keywords. */
	optOut?: unknown;
	optIn?: unknown;
}

export type KeywordListsCheck =
	| { valid: true; lists: KeywordLists }
	| { valid: false; reason: string };

function keywordList(value: unknown, defaults: string[]): string[] {
	const entries = Array.isArray(value)
		? value.map(String)
		: typeof value === 'string'
			? value.split(',')
			: [];
	const keywords = entries.map(normalise).filter((keyword) => keyword !== '');
	return keywords.length > 0 ? keywords : defaults;
}

/** Reads the keyword lists a user gave (the defaults for a list left empty), or says what is wrong. */
export function parseKeywordLists(input: KeywordListsInput = {}): KeywordListsCheck {
	const optOut = new Set(keywordList(input.optOut, DEFAULT_OPT_OUT_KEYWORDS));
	const optIn = new Set(keywordList(input.optIn, DEFAULT_OPT_IN_KEYWORDS));
	const both = [...optOut].filter((keyword) => optIn.has(keyword));
	if (both.length > 0)
		return {
			valid: false,
			reason: `${both.map((keyword) => `"${keyword}"`).join(', ')} cannot be both an opt-out and an opt-in keyword`,
		};
	return { valid: true, lists: { optOut, optIn } };
}

const defaultLists: KeywordLists = {
	optOut: new Set(DEFAULT_OPT_OUT_KEYWORDS),
	optIn: new Set(DEFAULT_OPT_IN_KEYWORDS),
};

export type KeywordMatch = { kind: 'optOut' | 'optIn'; keyword: string } | undefined;

/** Whether an inbound text is, as a whole, an opt-out or opt-in keyword, and which one. */
export function matchKeyword(text: unknown, lists: KeywordLists = defaultLists): KeywordMatch {
	if (typeof text !== 'string') return undefined;
	const keyword = normalise(text);
	if (lists.optOut.has(keyword)) return { kind: 'optOut', keyword };
	if (lists.optIn.has(keyword)) return { kind: 'optIn', keyword };
	return undefined;
}

/** The fields a trigger adds to an inbound message's item: `optOut` and `optIn`, both always there. */
export function keywordFields(
	text: unknown,
	lists: KeywordLists = defaultLists,
): { optOut: boolean; optIn: boolean } {
	const match = matchKeyword(text, lists);
	return { optOut: match?.kind === 'optOut', optIn: match?.kind === 'optIn' };
}
