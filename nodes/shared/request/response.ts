/** What came back from a provider, and how its body is read. */

export interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: string | Buffer;
}

/** Why a successful answer cannot be used: no content, an HTML page, or text that is not JSON. */
export type Unreadable = 'empty' | 'html' | 'invalid';

export function textOf(response: RawResponse): string {
	return typeof response.body === 'string' ? response.body : response.body.toString('utf8');
}

/** The parsed JSON of a successful response, or why it cannot be used; an accepted empty body is `{}`. */
export function readJsonBody(
	response: RawResponse,
	expectsContent: boolean,
): { body: unknown } | { unreadable: Unreadable } {
	const text = textOf(response);
	if (text.trim() === '') {
		return expectsContent && response.statusCode !== 204 ? { unreadable: 'empty' } : { body: {} };
	}
	const body = tryParseJson(text);
	if (body !== undefined) return { body };
	return { unreadable: looksLikeHtml(text) ? 'html' : 'invalid' };
}

export function tryParseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

export function looksLikeHtml(text: string): boolean {
	return /^\s*<(!doctype|html|head|body)/i.test(text);
}

export function snippet(text: string): string {
	return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

export function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	return Buffer.from(String(body ?? ''));
}
