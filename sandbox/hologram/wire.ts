import { isRecord, toInteger } from '../core/body';
import { HttpError, type EmulatorResponse, type RecordedRequest } from '../core/types';

export type Params = Record<string, unknown>;

/** `"YYYY-MM-DD HH:MM:SS"` in UTC, the API's date format. */
export function hologramDate(date: Date): string {
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function unixSeconds(hologramDateText: string): number {
	return Date.parse(`${hologramDateText.replace(' ', 'T')}Z`) / 1000;
}

export function ok(data?: unknown, extra: Record<string, unknown> = {}): EmulatorResponse {
	return {
		status: 200,
		body: data === undefined ? { success: true, ...extra } : { success: true, data, ...extra },
	};
}

export function badRequest(message: string): HttpError {
	return new HttpError(400, message);
}

export function notFound(message: string): HttpError {
	return new HttpError(404, message);
}

/**
 * The SDK sends every field, including query parameters on GET, in a JSON body, and serializes unset fields as
 * null; the documented API uses the query string. Both are merged here, nulls dropped.
 */
export function requestParams(request: RecordedRequest): Params {
	const params: Params = { ...request.query };
	if (isRecord(request.body)) {
		for (const [name, value] of Object.entries(request.body)) {
			if (value !== null && value !== undefined) params[name] = value;
		}
	}
	return params;
}

/** First present name wins, so current and legacy spellings can be read together. */
export function pick(params: Params, ...names: string[]): unknown {
	for (const name of names) {
		const value = params[name];
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

export function optionalInteger(params: Params, ...names: string[]): number | undefined {
	const value = pick(params, ...names);
	if (value === undefined) return undefined;
	const integer = toInteger(value);
	if (integer === undefined) throw badRequest(`${names[0]} must be an integer`);
	return integer;
}

export function requiredInteger(params: Params, ...names: string[]): number {
	const integer = optionalInteger(params, ...names);
	if (integer === undefined) throw badRequest(`Missing required parameter ${names[0]}`);
	return integer;
}

/** Limits share one rule: an integer no lower than `minimum` (-1 means "no limit" for overage). */
export function optionalIntegerAtLeast(
	params: Params,
	minimum: number,
	...names: string[]
): number | undefined {
	const value = pick(params, ...names);
	if (value === undefined) return undefined;
	const integer = toInteger(value);
	if (integer === undefined || integer < minimum)
		throw badRequest(`${names[0]} must be an integer >= ${minimum}`);
	return integer;
}

export function optionalString(params: Params, ...names: string[]): string | undefined {
	const value = pick(params, ...names);
	if (value === undefined) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw badRequest(`${names[0]} must be a string`);
}

/** Accepts a JSON array, a comma-separated string, or repeated form fields. */
export function optionalList(params: Params, ...names: string[]): string[] | undefined {
	const value = pick(params, ...names);
	if (value === undefined) return undefined;
	const items = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: [value];
	return items.map((item) => String(item).trim()).filter((item) => item !== '');
}

export function optionalIntegerList(params: Params, ...names: string[]): number[] | undefined {
	const items = optionalList(params, ...names);
	if (items === undefined) return undefined;
	return items.map((item) => {
		const integer = toInteger(item);
		if (integer === undefined) throw badRequest(`${names[0]} must contain only integer ids`);
		return integer;
	});
}

export function requiredIntegerList(params: Params, ...names: string[]): number[] {
	const ids = optionalIntegerList(params, ...names);
	if (!ids || ids.length === 0) throw badRequest(`Missing required parameter ${names[0]}`);
	return ids;
}

export function optionalBoolean(params: Params, name: string): boolean | undefined {
	const value = pick(params, name);
	if (value === undefined) return undefined;
	if (value === true || value === 1 || value === '1' || value === 'true') return true;
	if (value === false || value === 0 || value === '0' || value === 'false') return false;
	throw badRequest(`${name} must be a boolean`);
}

/** Money arrives as a float or numeric string and is stored as a two-decimal string. */
export function positiveAmount(params: Params, name: string): number {
	const value = pick(params, name);
	const amount =
		typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
	if (value === undefined) throw badRequest(`Missing required parameter ${name}`);
	if (!Number.isFinite(amount) || amount <= 0)
		throw badRequest(`${name} must be a positive number`);
	return amount;
}

export function money(amount: number): string {
	return (Math.round(amount * 100) / 100).toFixed(2);
}

export function nextId(records: readonly { id: number }[], floor: number): number {
	return records.reduce((max, record) => Math.max(max, record.id), floor) + 1;
}

const defaultPageSize = 50;
const maxPageSize = 1000;

/**
 * Current API cursor pagination: `limit` (default 50, max 1000) and `startafter=<id>` over records ordered by id.
 * `continues` is present only when more records remain.
 */
export function paginated<T extends { id: number }>(
	request: RecordedRequest,
	params: Params,
	records: readonly T[],
	render: (record: T) => unknown = (record) => record,
): EmulatorResponse {
	const requestedLimit = optionalInteger(params, 'limit');
	if (requestedLimit !== undefined && requestedLimit < 1)
		throw badRequest('limit must be a positive integer');
	const limit = Math.min(requestedLimit ?? defaultPageSize, maxPageSize);
	const startAfter = optionalInteger(params, 'startafter');
	const ordered = [...records]
		.sort((a, b) => a.id - b.id)
		.filter((record) => startAfter === undefined || record.id > startAfter);
	const page = ordered.slice(0, limit);
	const continues = ordered.length > page.length;
	const lastid = page.length > 0 ? page[page.length - 1].id : undefined;
	const body: Record<string, unknown> = {
		success: true,
		data: page.map(render),
		limit,
		size: page.length,
	};
	if (continues) body.continues = true;
	if (lastid !== undefined) body.lastid = lastid;
	body.links = {
		base: request.headers.host ?? 'dashboard.hologram.io',
		path: request.pathname,
		next:
			continues && lastid !== undefined ? nextLink(request.pathname, params, limit, lastid) : null,
	};
	return { status: 200, body };
}

/** Carries the caller's filters forward; never the API key. */
function nextLink(pathname: string, params: Params, limit: number, lastid: number): string {
	const query = new URLSearchParams();
	for (const [name, value] of Object.entries(params)) {
		if (name === 'apikey' || name === 'limit' || name === 'startafter') continue;
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
			query.set(name, String(value));
		else if (Array.isArray(value)) query.set(name, value.join(','));
	}
	query.set('limit', String(limit));
	query.set('startafter', String(lastid));
	return `${pathname}?${query.toString()}`;
}
