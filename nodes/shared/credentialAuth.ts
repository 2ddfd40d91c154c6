import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * What the credentials' `authenticate` functions write into a request: exactly what n8n writes from a
 * declarative `authenticate` (`={{ $credentials.apiKey }}`, `=Bearer {{ ... }}`), without n8n evaluating
 * an expression for every request (a tenth of a millisecond each, profiled in BENCHMARKS.md#1-overhead).
 */

/** A whole value (`={{ $credentials.x }}`): n8n writes '' for an empty one and the value's text otherwise. */
export function credentialText(value: unknown): string {
	return value ? String(value) : '';
}

/** A value inside a text (`=Bearer {{ $credentials.x }}`): nothing for a missing one. */
export function templateText(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

/**
 * Adds values to one part of the request as n8n does for a declarative `authenticate`: into the part
 * the request already has, or a new one (n8n also gives every request headers).
 */
export function authenticateWith(
	requestOptions: IHttpRequestOptions,
	part: 'headers' | 'qs' | 'body' | 'auth',
	values: Record<string, string>,
): IHttpRequestOptions {
	if (requestOptions.headers === undefined) requestOptions.headers = {};
	const parts = requestOptions as unknown as Record<string, IDataObject | undefined>;
	if (!parts[part]) parts[part] = {};
	Object.assign(parts[part], values);
	return requestOptions;
}
