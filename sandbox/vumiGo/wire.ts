import { randomUUID } from 'node:crypto';

import { isRecord } from '../core/body';
import type { EmulatorResponse } from '../core/types';

/** `"%Y-%m-%d %H:%M:%S.%f"` in UTC: no `T`, no zone, microseconds. */
export function vumiTimestamp(date: Date): string {
	return `${date.toISOString().slice(0, 23).replace('T', ' ')}000`;
}

/** Vumi ids are uuid4 hex strings. */
export function hexId(): string {
	return randomUUID().replace(/-/g, '');
}

/**
 * Vumi Go's APIs each have their own error envelope; a handler throws this with the exact response, and the
 * route wrapper answers it.
 */
export class VumiResponseError extends Error {
	constructor(readonly response: EmulatorResponse) {
		super(`HTTP ${response.status}`);
	}
}

/** Contacts, groups and metrics APIs (go-api collections): `{"status_code", "reason"}`. */
export function collectionError(status: number, reason: string): VumiResponseError {
	return new VumiResponseError({ status, body: { status_code: status, reason } });
}

/** Opt-out API: `{"status": {"code", "reason"}}`. */
export function optoutStatus(code: number, reason: string): { code: number; reason: string } {
	return { code, reason };
}

export function optoutError(code: number, reason: string): VumiResponseError {
	return new VumiResponseError({ status: code, body: { status: optoutStatus(code, reason) } });
}

/** Conversation HTTP API: `{"success": false, "reason"}`. */
export function httpApiError(reason: string, status = 400): VumiResponseError {
	return new VumiResponseError({ status, body: { success: false, reason } });
}

/** What twisted's guard answers for bad Basic credentials: not JSON. */
export function unauthorizedPage(): EmulatorResponse {
	return {
		status: 401,
		rawBody: 'Unauthorized',
		headers: {
			'content-type': 'text/html',
			'www-authenticate': 'basic realm="Conversation Realm"',
		},
	};
}

export function ok(body: unknown): EmulatorResponse {
	return { status: 200, body };
}

/** Python's `repr` of the small values faults quote (`%r`), e.g. `{'uuid': 'x'}`. */
export function pythonRepr(value: unknown): string {
	if (value === null || value === undefined) return 'None';
	if (value === true) return 'True';
	if (value === false) return 'False';
	if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
	if (typeof value === 'number') return String(value);
	if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
	if (isRecord(value)) {
		return `{${Object.entries(value)
			.map(([key, item]) => `${pythonRepr(key)}: ${pythonRepr(item)}`)
			.join(', ')}}`;
	}
	return String(value);
}

/** Address lookups normalise an msisdn to a leading `+` (a `+` sent unencoded arrives as a space). */
export function normaliseMsisdn(value: string): string {
	const trimmed = value.trim();
	return trimmed.startsWith('+') ? trimmed : `+${trimmed}`;
}

/** One value of a query parameter; the first wins when repeated. */
export function queryValue(query: Record<string, string | string[]>, name: string) {
	const value = query[name];
	return Array.isArray(value) ? value[0] : value;
}

export function queryValues(query: Record<string, string | string[]>, name: string): string[] {
	const value = query[name];
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
