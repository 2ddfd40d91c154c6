import type { IncomingMessage } from 'node:http';

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A whole number, sent as a JSON number or as its digits in text (query strings, form fields). */
export function toInteger(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
	if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
	return undefined;
}

export function readRawBody(request: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

/** Repeated keys become arrays; a PHP-style `name[]` key is always an array under `name`. */
export function parseSearchParams(text: string): Record<string, string | string[]> {
	const result: Record<string, string | string[]> = {};
	for (const [rawKey, value] of new URLSearchParams(text)) {
		const isArrayKey = rawKey.endsWith('[]');
		const key = isArrayKey ? rawKey.slice(0, -2) : rawKey;
		const existing = result[key];
		if (existing === undefined) result[key] = isArrayKey ? [value] : value;
		else if (Array.isArray(existing)) existing.push(value);
		else result[key] = [existing, value];
	}
	return result;
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

const formLike = /^[^=&\s{[]+=[^\s]*$/;

/**
 * Lenient on purpose: providers accept JSON under odd content types, and SmartLiving sends form data
 * under a JSON content type, so the content type is a hint rather than a rule.
 */
export function parseBody(rawBody: Buffer, contentType: string | undefined): unknown {
	if (rawBody.length === 0) return undefined;
	const type = (contentType ?? '').toLowerCase();
	const text = rawBody.toString('utf8');
	const trimmed = text.trim();
	const looksLikeJson = trimmed.startsWith('{') || trimmed.startsWith('[');
	if (type.includes('json') || looksLikeJson) {
		const parsed = tryJson(trimmed);
		if (parsed.ok) return parsed.value;
		if (type.includes('json') && formLike.test(trimmed)) return parseSearchParams(trimmed);
		return undefined;
	}
	if (type.includes('application/x-www-form-urlencoded')) return parseSearchParams(text);
	return undefined;
}
