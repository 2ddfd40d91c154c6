/** When and how long to wait before repeating a request. */

export const DEFAULT_MAX_RETRIES = 3;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
/** A Retry-After longer than this is not worth blocking a workflow for: fail and say when to retry. */
export const MAX_RETRY_AFTER_MS = 120_000;

/** Rate limiting and "unavailable" mean the provider did not carry the request out: always safe to repeat. */
export const NOT_PROCESSED_STATUSES = [429, 503];
/** Gateway failures may or may not have reached the provider: repeat only requests that are safe to repeat. */
export const TRANSIENT_STATUSES = [500, 502, 504];

/** Network errors where the request never left this machine, so repeating it cannot send twice. */
const NOT_SENT_CODES = [
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EADDRNOTAVAIL',
];

export function requestNeverSent(code: string | undefined): boolean {
	return code !== undefined && NOT_SENT_CODES.includes(code);
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with a little jitter so parallel executions do not retry in lockstep. */
export function backoffDelay(attempt: number, random = Math.random): number {
	const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
	return Math.round(exponential * (0.8 + 0.4 * random()));
}
