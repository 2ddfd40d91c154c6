import { randomBytes } from 'node:crypto';

import { toInteger } from '../core/body';
import { HttpError, type EmulatorResponse, type RecordedRequest } from '../core/types';

/**
 * SCG paths (docs/wire-formats/syniverseScg.md#base-urls-and-auth); the emulator's `url` is the host root,
 * like `https://api.syniverse.com`.
 */
export const scgApi = '/scg-external-api/api/v1';
export const scgAttachmentApi = '/scg-attachment/api/v1';
export const essApi = '/ess/v1';

/**
 * SCG documents no error body (docs/wire-formats/syniverseScg.md#errors), so the sandbox uses one shape
 * everywhere: `{"error": {"code": "<CODE>", "description": "<sentence>"}}`, the code derived from the HTTP
 * status unless given.
 */
export class ScgError extends HttpError {
	constructor(
		status: number,
		message: string,
		readonly code: string = codeForStatus(status),
	) {
		super(status, message);
	}
}

export function codeForStatus(status: number): string {
	switch (status) {
		case 400:
			return 'INVALID_REQUEST';
		case 401:
			return 'UNAUTHORIZED';
		case 403:
			return 'FORBIDDEN';
		case 404:
			return 'NOT_FOUND';
		case 405:
			return 'METHOD_NOT_ALLOWED';
		case 409:
			return 'CONFLICT';
		case 429:
			return 'TOO_MANY_REQUESTS';
		default:
			return status >= 500 ? 'SERVER_ERROR' : `HTTP_${status}`;
	}
}

export function errorBody(status: number, message: string, code = codeForStatus(status)): unknown {
	return { error: { code, description: message } };
}

export const badRequest = (message: string) => new ScgError(400, message);
export const notFound = (message: string) => new ScgError(404, message);

export function ok(body: unknown): EmulatorResponse {
	return { status: 200, body };
}

/** The SDK accepts 200 or 204 for a delete; the sandbox answers 204 with no body. */
export function noContent(): EmulatorResponse {
	return { status: 204 };
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 22-character base62 ids, like `aQWY9PeMCO01TEH9bk1ek5`. */
export function newId(): string {
	const bytes = randomBytes(22);
	let id = '';
	for (const byte of bytes) id += base62[byte % 62];
	return id;
}

/** What every record the API stores starts with: a new id, the account's application, version 1. */
export function newRecord(now: number) {
	return {
		id: newId(),
		application_id: 1704,
		version_number: 1,
		created_date: now,
		last_update_date: now,
	};
}

/** Readable fixed ids for the seed, still 22 characters: `SeedContact00000000001`. */
export function seedId(prefix: string, n: number): string {
	return `${prefix.padEnd(20, '0')}${String(n).padStart(2, '0')}`;
}

export type Body = Record<string, unknown>;

/**
 * The JSON object body of a create or change. SCG's JSON API reads a body on every such call (the SDK sends
 * `{}` when it has nothing to say, docs/wire-formats/syniverseScg.md#attachment-upload): none, or another
 * content type, is a 400.
 */
export function jsonObject(request: RecordedRequest): Body {
	if (request.rawBody.length === 0)
		throw badRequest('The request body is missing: send a JSON object ({} when it has no fields)');
	const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (!/^application\/([\w.-]+\+)?json$/.test(mediaType))
		throw badRequest(
			`The request body must be JSON (Content-Type: application/json), not ${mediaType || 'untyped'}`,
		);
	const body = request.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw badRequest('The request body must be a JSON object');
	return body as Body;
}

export function queryValue(request: RecordedRequest, name: string): string | undefined {
	const value = request.query[name];
	return Array.isArray(value) ? value[value.length - 1] : value;
}

/** A JSON array, or a comma-separated string, of non-empty strings. */
export function stringList(value: unknown, name: string): string[] {
	const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
	if (items === null) throw badRequest(`${name} must be an array`);
	return items.map((item) => String(item).trim()).filter((item) => item !== '');
}

/** Epoch milliseconds, from a number, a numeric string or an ISO date. */
export function epochMs(value: unknown, name: string): number {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string') {
		if (/^\d+$/.test(value.trim())) return Number(value.trim());
		const parsed = Date.parse(value);
		if (!Number.isNaN(parsed)) return parsed;
	}
	throw badRequest(`${name} must be a date in epoch milliseconds`);
}

export const defaultPageSize = 50;
export const maxPageSize = 100;

/**
 * `offset` (default 0) and `limit` (default 50, capped at 100) → `{list, total, offset, limit}`. Whether the
 * real API echoes offset and limit is not confirmed (docs/wire-formats/syniverseScg.md#lists-and-pagination);
 * echoing them costs a client nothing.
 */
export function page<T>(
	request: RecordedRequest,
	records: readonly T[],
	render: (record: T) => unknown = (record) => record,
): EmulatorResponse {
	const offsetText = queryValue(request, 'offset');
	const limitText = queryValue(request, 'limit');
	const offset = offsetText === undefined || offsetText === '' ? 0 : toInteger(offsetText);
	const limit =
		limitText === undefined || limitText === '' ? defaultPageSize : toInteger(limitText);
	if (offset === undefined || offset < 0) throw badRequest('offset must be a non-negative integer');
	if (limit === undefined || limit < 1) throw badRequest('limit must be a positive integer');
	const size = Math.min(limit, maxPageSize);
	return ok({
		list: records.slice(offset, offset + size).map(render),
		total: records.length,
		offset,
		limit: size,
	});
}

const pagingParameters = new Set(['offset', 'limit', 'sort']);

/**
 * Query parameters naming a known field filter by equality (or membership, for array fields); `sort=<field>`
 * (or `-<field>`, descending) orders the result. Other parameters are ignored.
 */
export function filterAndSort<T extends Body>(
	request: RecordedRequest,
	records: readonly T[],
	knownFields: readonly string[],
): T[] {
	let result = [...records];
	for (const [name, raw] of Object.entries(request.query)) {
		if (pagingParameters.has(name) || !knownFields.includes(name)) continue;
		const wanted = Array.isArray(raw) ? raw : [raw];
		result = result.filter((record) => {
			const value = record[name];
			if (Array.isArray(value)) return wanted.some((item) => value.map(String).includes(item));
			return value !== undefined && value !== null && wanted.includes(String(value));
		});
	}
	const sort = queryValue(request, 'sort');
	if (sort) {
		const descending = sort.startsWith('-');
		const field = descending ? sort.slice(1) : sort;
		result.sort((a, b) => {
			const left = a[field];
			const right = b[field];
			const order =
				typeof left === 'number' && typeof right === 'number'
					? left - right
					: String(left ?? '').localeCompare(String(right ?? ''));
			return descending ? -order : order;
		});
	}
	return result;
}

/** `https://user:secret@host/path` → `https://user:*****@host/path`: a webhook password is never shown. */
export function maskUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '*****';
		return parsed.href;
	} catch {
		return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:*****@');
	}
}
