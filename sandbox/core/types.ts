/** One request as it arrived on the wire; tests assert on these. */
export interface RecordedRequest {
	method: string;
	/** Raw request target, query string included, exactly as sent (not decoded). */
	path: string;
	/** Raw path without the query string (not decoded). */
	pathname: string;
	query: Record<string, string | string[]>;
	/** Lower-cased names; repeated headers joined with ', '. */
	headers: Record<string, string>;
	rawBody: Buffer;
	/** Parsed JSON, a form object for urlencoded bodies, or undefined (empty or raw bytes). */
	body: unknown;
	/** ISO timestamp. */
	receivedAt: string;
}

/** What a route handler answers; `body` is serialized as JSON unless `rawBody` is given. */
export interface EmulatorResponse {
	status: number;
	body?: unknown;
	rawBody?: string | Buffer;
	headers?: Record<string, string>;
}

/** Thrown by handlers to answer with the provider's error envelope. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}
