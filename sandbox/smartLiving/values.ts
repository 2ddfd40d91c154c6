import { isRecord } from '../core/body';
import { HttpError } from '../core/types';

export const profileTypes = ['integer', 'number', 'boolean', 'string', 'object', 'array'];

export function badRequest(message: string): HttpError {
	return new HttpError(400, message);
}

/** Field names read case-insensitively: Maker's python SDK sends `Name`, `Is`, `Profile`, the legacy one `name`. */
export function lowerKeys(body: unknown): Record<string, unknown> {
	if (!isRecord(body)) return {};
	const result: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(body)) result[key.toLowerCase()] = value;
	return result;
}

/**
 * A profile arrives as a type name (`"integer"`, the seed's `"text"`), a full JSON-schema object, or that object
 * as a JSON string; none means string.
 */
export function normaliseProfile(input: unknown): Record<string, unknown> {
	if (input === undefined || input === null || input === '') return { type: 'string' };
	let profile: unknown = input;
	if (typeof input === 'string') {
		const trimmed = input.trim();
		if (trimmed.startsWith('{')) {
			try {
				profile = JSON.parse(trimmed);
			} catch {
				throw badRequest('profile is not valid JSON');
			}
		} else {
			profile = { type: trimmed };
		}
	}
	if (!isRecord(profile)) throw badRequest('profile must be a type name or a JSON-schema object');
	const type = typeof profile.type === 'string' ? profile.type.toLowerCase() : undefined;
	const normalisedType = type === 'text' ? 'string' : type;
	if (normalisedType === undefined || !profileTypes.includes(normalisedType)) {
		throw badRequest(`profile type must be one of ${profileTypes.join(', ')}`);
	}
	return { ...profile, type: normalisedType };
}

/** Typed values are accepted as such or as their text (devices send text); anything else is a 400. */
export function coerceValue(value: unknown, profile: Record<string, unknown>): unknown {
	const type = profile.type;
	const mismatch = () =>
		badRequest(
			`value ${JSON.stringify(value)} does not match the asset's profile (${String(type)})`,
		);
	const text = typeof value === 'string' ? value.trim() : undefined;
	switch (type) {
		case 'integer':
			if (typeof value === 'number' && Number.isInteger(value)) return value;
			if (text !== undefined && /^-?\d+$/.test(text)) return Number(text);
			throw mismatch();
		case 'number':
			if (typeof value === 'number' && Number.isFinite(value)) return value;
			if (text !== undefined && text !== '' && Number.isFinite(Number(text))) return Number(text);
			throw mismatch();
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (text !== undefined && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
			throw mismatch();
		case 'string':
			if (typeof value === 'string') return value;
			if (typeof value === 'number' || typeof value === 'boolean') return String(value);
			throw mismatch();
		case 'object':
		case 'array': {
			let parsed = value;
			if (text !== undefined) {
				try {
					parsed = JSON.parse(text);
				} catch {
					throw mismatch();
				}
			}
			if (type === 'object' ? isRecord(parsed) : Array.isArray(parsed)) return parsed;
			throw mismatch();
		}
		default:
			return value;
	}
}

/** ISO 8601, or unix seconds / milliseconds; null or absent means now (the SDK sends `"at": null`). */
export function parseAt(input: unknown, now: Date): string {
	if (input === undefined || input === null || input === '') return now.toISOString();
	const asNumber =
		typeof input === 'number'
			? input
			: typeof input === 'string' && /^\d+(\.\d+)?$/.test(input.trim())
				? Number(input)
				: undefined;
	if (asNumber !== undefined) {
		return new Date(asNumber < 1e11 ? asNumber * 1000 : asNumber).toISOString();
	}
	if (typeof input === 'string') {
		const parsed = Date.parse(input);
		if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
	}
	throw badRequest(`at ${JSON.stringify(input)} is not an ISO 8601 date or a unix timestamp`);
}

function isUtf8(payload: Buffer): boolean {
	return Buffer.from(payload.toString('utf8'), 'utf8').equals(payload);
}

export type ParsedPayload =
	| { ok: true; value: unknown; at?: string }
	| { ok: false; reason: string };

/**
 * What a device or app publishes: JSON `{"value","at"}` (or the broker's `Value`/`At`), the legacy device
 * library's `"<unix-seconds>|<value>"`, or a bare value; the value is then typed by the asset's profile.
 */
export function parsePayload(
	payload: Buffer,
	profile: Record<string, unknown>,
	now: Date,
): ParsedPayload {
	if (!isUtf8(payload)) return { ok: false, reason: 'payload is not UTF-8 text' };
	const text = payload.toString('utf8').trim();
	try {
		if (text.startsWith('{')) {
			let parsed: unknown;
			try {
				parsed = JSON.parse(text);
			} catch {
				return { ok: false, reason: 'payload looks like JSON but does not parse' };
			}
			const fields = lowerKeys(parsed);
			if ('value' in fields) {
				return { ok: true, value: coerceValue(fields.value, profile), at: parseAt(fields.at, now) };
			}
			return { ok: true, value: coerceValue(parsed, profile) };
		}
		const piped = /^(\d{9,13}(?:\.\d+)?)\|([\s\S]*)$/.exec(text);
		if (piped)
			return { ok: true, value: coerceValue(piped[2], profile), at: parseAt(piped[1], now) };
		if (profile.type === 'string') return { ok: true, value: text };
		return { ok: true, value: coerceValue(text, profile) };
	} catch (error) {
		return { ok: false, reason: (error as Error).message };
	}
}

export type PayloadCasing = 'lower' | 'capitalized';

/** `in` topics carry JSON; the 2016 broker sometimes capitalised the keys, which the SDK had to undo. */
export function jsonStatePayload(
	value: unknown,
	at: string,
	casing: PayloadCasing = 'lower',
): string {
	return casing === 'capitalized'
		? JSON.stringify({ Value: value, At: at })
		: JSON.stringify({ value, at });
}

/** The legacy device library's format: `<unix-seconds>|<value lower-cased>`, JSON for objects and lists. */
export function pipePayload(value: unknown, at: string): string {
	if (typeof value === 'object' && value !== null) return JSON.stringify({ value, at });
	return `${Math.floor(Date.parse(at) / 1000)}|${String(value).toLowerCase()}`;
}

/** Commands reach legacy devices as plain text for primitives, JSON otherwise (as `send_command_mqtt` sends). */
export function plainCommandPayload(value: unknown): string {
	if (typeof value === 'object' && value !== null) return JSON.stringify(value);
	return String(value);
}
