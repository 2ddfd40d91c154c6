import type { IDataObject } from 'n8n-workflow';

import type { Platform } from '../../../nodes/SmartLiving/login';
import { addressFromTopic } from './topics';

/**
 * What a message on the broker carries: read into an item (`{"value","at"}` JSON, the devices'
 * `<unix-seconds>|<value>` text, bare values, and what cannot be read, kept raw with the reason), and
 * written for a state or command the node publishes.
 */

/**
 * A command as the SDK published it on legacy: primitives as plain text, the rest as JSON
 * (docs/wire-formats/smartLiving.md#payloads).
 */
export function legacyCommandPayload(value: unknown): string {
	return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * `{"value","at"}` JSON: Maker's format for states and commands, and what legacy devices sent for
 * values that are not primitives. Used for every published state, so a text "12" stays a text.
 */
export function valueAtPayload(value: unknown, at: string): string {
	return JSON.stringify({ value, at });
}

export interface ParsedPayload {
	value?: unknown;
	at?: string;
	/** Why the payload could not be read; the raw text is still emitted. */
	parseError?: string;
}

/** Unix seconds or milliseconds, or an ISO text, to ISO 8601. */
function isoTime(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = Number(value);
	const date = Number.isFinite(number)
		? new Date(number < 1e12 ? number * 1000 : number)
		: new Date(String(value));
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * Deeper JSON than this is kept as text: JSON.parse copes with any depth, but n8n copies and saves
 * execution data recursively, and a value 100,000 levels deep overflows the stack there.
 */
export const MAX_JSON_DEPTH = 100;

/** How deeply the brackets of a JSON text nest, counted without parsing (strings skipped). */
function jsonDepth(text: string): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const char = text.charCodeAt(index);
		if (inString) {
			if (char === 0x5c) index++;
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) inString = true;
		else if (char === 0x7b || char === 0x5b) deepest = Math.max(deepest, ++depth);
		else if (char === 0x7d || char === 0x5d) depth--;
	}
	return deepest;
}

type JsonResult = { json: unknown } | { error: 'invalid' | 'tooDeep' };

function readJson(text: string): JsonResult {
	if (jsonDepth(text) > MAX_JSON_DEPTH) return { error: 'tooDeep' };
	try {
		return { json: JSON.parse(text) as unknown };
	} catch {
		return { error: 'invalid' };
	}
}

const TOO_DEEP = `The message is JSON nested more than ${MAX_JSON_DEPTH} levels deep; it is kept as text`;

/**
 * `true`, `12.5`, `"text"`: device payloads carry primitives as text
 * (docs/wire-formats/smartLiving.md#payloads).
 */
function primitive(text: string): unknown {
	const trimmed = text.trim();
	if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
	if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
	const read = readJson(trimmed);
	return 'json' in read ? read.json : text;
}

/**
 * Reads a message: `{"value","at"}` JSON (also spelt `Value`/`At`, as the legacy broker sent it),
 * `<unix-seconds>|<value>` device payloads, a bare JSON value or plain text. Never throws.
 */
function parsePayload(raw: string): ParsedPayload {
	const text = raw.trim();
	if (text === '') return { parseError: 'The message is empty' };
	const pipe = /^(\d{9,13})\|([\s\S]*)$/.exec(text);
	if (pipe) {
		const value = primitive(pipe[2]);
		const result: ParsedPayload = { value, at: isoTime(pipe[1]) };
		if (value === pipe[2] && jsonDepth(pipe[2]) > MAX_JSON_DEPTH) result.parseError = TOO_DEEP;
		return result;
	}
	const read = readJson(text);
	if ('error' in read) {
		if (read.error === 'tooDeep') return { parseError: TOO_DEEP };
		if (text.startsWith('{') || text.startsWith('['))
			return { parseError: 'The message looks like JSON but cannot be read as JSON' };
		return { value: text };
	}
	const json = read.json;
	if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
		const object = json as IDataObject;
		const hasValue = 'value' in object || 'Value' in object;
		if (hasValue) {
			const at = object.at ?? object.At;
			const result: ParsedPayload = { value: object.value ?? object.Value };
			if (at !== undefined && at !== null) {
				result.at = isoTime(at);
				if (result.at === undefined) result.parseError = `"at" is not a time: ${String(at)}`;
			}
			return result;
		}
	}
	return { value: json };
}

/** n8n's own limit for a webhook body; a bigger message is reported by its size instead of passed on. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The payload as text, or undefined when it is bytes rather than text (not UTF-8, or with NUL bytes). */
function payloadText(payload: Buffer): string | undefined {
	if (payload.includes(0)) return undefined;
	try {
		return utf8.decode(payload);
	} catch {
		return undefined;
	}
}

/**
 * Turns one MQTT message into an item; an unreadable payload is kept raw with the reason: bytes
 * that are not text in base64 (`payloadEncoding`), a message over 16 MiB only by its size.
 */
export function messageItem(topic: string, payload: Buffer, platform: Platform): IDataObject {
	const item: IDataObject = {
		value: null,
		at: null,
		...addressFromTopic(topic, platform),
		topic,
		payload: '',
		receivedAt: new Date().toISOString(),
	};
	if (payload.length > MAX_PAYLOAD_BYTES) {
		item.payloadBytes = payload.length;
		item.parseError = `The message is ${payload.length} bytes, more than the ${MAX_PAYLOAD_BYTES} the trigger passes on`;
		return item;
	}
	const raw = payloadText(payload);
	if (raw === undefined) {
		item.payload = payload.toString('base64');
		item.payloadEncoding = 'base64';
		item.parseError = 'The message is binary, not UTF-8 text; "payload" holds its bytes in base64';
		return item;
	}
	const parsed = parsePayload(raw);
	item.value = (parsed.value ?? null) as IDataObject[string];
	item.at = parsed.at ?? null;
	item.payload = raw;
	if (parsed.parseError) item.parseError = parsed.parseError;
	return item;
}
