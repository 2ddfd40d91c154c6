/**
 * The pieces every trigger's hostile-request corpus is made of: a seeded random source, so a failing
 * request is the same on every run, and the request shape the sender sends.
 */

export interface CorpusRequest {
	/** The kind of hostility: 'truncated', 'wrong types', 'secrets'... one tally name each. */
	group: string;
	/** What this request tries, unique within its group. */
	name: string;
	method: string;
	/** Path and query below the trigger's origin, already percent-encoded. */
	path: string;
	/** Header values; an array sends the header once per value. */
	headers: Record<string, string | string[]>;
	body: Buffer;
	/** `unauthorized`: must get 401. `refused`: must get a 4xx other than 401 (the secret was right). */
	expect: 'unauthorized' | 'refused';
}

/** A deterministic random source (mulberry32): the same seed gives the same corpus. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(values: readonly T[]): T {
		return values[this.int(0, values.length - 1)];
	}

	bytes(length: number): Buffer {
		const buffer = Buffer.alloc(length);
		for (let index = 0; index < length; index++) buffer[index] = this.int(0, 255);
		return buffer;
	}

	/** A short text of letters, digits and a few symbols. */
	word(maxLength = 12): string {
		const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.';
		let word = '';
		for (let index = this.int(1, maxLength); index > 0; index--) word += this.pick([...alphabet]);
		return word;
	}

	/** Any JSON value, nested up to `depth` levels. */
	json(depth = 3): unknown {
		const kind = this.int(0, depth > 0 ? 7 : 4);
		switch (kind) {
			case 0:
				return null;
			case 1:
				return this.next() < 0.5;
			case 2:
				return this.int(-1e6, 1e6) / this.pick([1, 7, 100]);
			case 3:
			case 4:
				return this.word(20);
			case 5:
				return Array.from({ length: this.int(0, 4) }, () => this.json(depth - 1));
			default: {
				const object: Record<string, unknown> = {};
				for (let index = this.int(0, 5); index > 0; index--)
					object[this.word()] = this.json(depth - 1);
				return object;
			}
		}
	}
}

/** Content types a sender might put on any body. */
export const CONTENT_TYPES = [
	'application/json',
	'application/json; charset=utf-8',
	'application/x-www-form-urlencoded',
	'text/plain',
	'application/octet-stream',
	'multipart/form-data; boundary=corpus',
	'',
];

/** Every shorter prefix of a body: cut at offsets 0 to length - 1. */
export function truncations(body: Buffer): Buffer[] {
	return Array.from({ length: body.length }, (_, offset) => body.subarray(0, offset));
}

/** `depth` arrays inside each other around `inner`, as JSON text. */
export function nestedArrays(depth: number, inner = '1'): string {
	return `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
}

/** `depth` objects inside each other (`{"a":{"a":...}}`), as JSON text. */
export function nestedObjects(depth: number, inner = '1'): string {
	return `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}

/** Texts that look like `text` to a person but are not it. */
export function lookalikes(text: string): Array<[string, string]> {
	const vowel = text.search(/[aeo]/);
	const cyrillic: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e' };
	const variants: Array<[string, string]> = [
		['zero-width space inside', `${text.slice(0, 2)}\u200b${text.slice(2)}`],
		['zero-width joiner at the end', `${text}\u200d`],
		['right-to-left override', `\u202e${text}`],
		['fullwidth letters', [...text].map(fullwidth).join('')],
		['upper case', text.toUpperCase()],
		['combining accent', `${text.slice(0, 1)}\u0301${text.slice(1)}`],
		['trailing space', `${text} `],
		['non-breaking space', `\u00a0${text}`],
		['lone high surrogate', `${text}\ud800`],
		['lone low surrogate', `\udc00${text}`],
		['NUL at the end', `${text}\u0000`],
		['replacement character', `${text}\ufffd`],
	];
	if (vowel >= 0)
		variants.push([
			'Cyrillic homoglyph',
			text.slice(0, vowel) + cyrillic[text[vowel]] + text.slice(vowel + 1),
		]);
	return variants;
}

function fullwidth(character: string): string {
	const code = character.charCodeAt(0);
	return code > 0x20 && code < 0x7f ? String.fromCharCode(code + 0xfee0) : character;
}

/** A copy of `value` with the value at `path` replaced (or removed when `replacement` is REMOVE). */
export const REMOVE = Symbol('remove');
export function withValue(value: unknown, path: string[], replacement: unknown): unknown {
	const copy = structuredClone(value) as Record<string, unknown>;
	let target = copy;
	for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
	const last = path[path.length - 1];
	if (replacement === REMOVE) delete target[last];
	else target[last] = replacement;
	return copy;
}

const MARKER = '__corpus_marker__';

/** A JSON text with `key: rawJson` added to the object at `path`, raw: any key, any nesting. */
export function withRawMember(
	value: unknown,
	path: string[],
	key: string,
	rawJson: string,
): string {
	const text = JSON.stringify(withValue(value, [...path, MARKER], 0));
	return text.replace(`"${MARKER}":0`, () => `${JSON.stringify(key)}:${rawJson}`);
}
