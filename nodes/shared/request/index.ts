import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { ProviderProfile } from './provider';
import type { RequestScheduler } from './throttle';
import { redactText, redactValue } from './redact';
import {
	DEFAULT_MAX_RETRIES,
	MAX_RETRY_AFTER_MS,
	NOT_PROCESSED_STATUSES,
	TRANSIENT_STATUSES,
	backoffDelay,
	parseRetryAfter,
	requestNeverSent,
} from './retry';

export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| ITriggerFunctions
	| IPollFunctions;

export interface ProviderRequest {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, each segment already encoded (see `pathWith`). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | URLSearchParams | Buffer;
	headers?: IDataObject;
	/**
	 * Whether repeating the request is harmless. Defaults to true for GET, HEAD and DELETE and false for
	 * POST, PUT and PATCH: a send whose outcome is unknown is never repeated, and some providers send with
	 * a PUT (Vumi Go messages, SmartLiving commands). Writes that are safe to repeat say so.
	 */
	idempotent?: boolean;
	/** False for the few calls that carry their own secret in the URL (Hologram's webhook send). */
	authenticate?: boolean;
	/** Return the body as a Buffer instead of parsing JSON (attachment downloads). */
	binaryResponse?: boolean;
	itemIndex?: number;
}

export interface RequestSettings {
	/** Milliseconds before a request is given up. */
	timeout?: number;
	maxRetries?: number;
	/** Spaces requests to the rate limit and spreads a provider's "slow down" to every request sharing it. */
	scheduler?: RequestScheduler;
}

export interface ProviderResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, unknown>;
	body: T;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: string | Buffer;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Methods whose repetition changes nothing; a PUT is not among them, since some providers send with it. */
const REPEATABLE_METHODS: IHttpRequestMethods[] = ['GET', 'HEAD', 'DELETE'];

/**
 * Whether a value is a dot segment (`.` or `..`). No encoding keeps it one segment: URL resolution
 * removes `.` and goes up a level for `..`, so `/asset/../state` would become `/state`.
 */
export function isDotSegment(value: unknown): boolean {
	return value === '.' || value === '..';
}

/** Builds a path from segments, encoding each one so an ID like `../x?y#z` cannot change the path. */
export function pathWith(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = values[name];
		if (value === undefined || value === '') throw new Error(`No value for path segment "${name}"`);
		// The fields are refused earlier with a message naming them (readFieldValues); this catches the rest.
		if (isDotSegment(String(value)))
			throw new Error(
				`The path segment "${name}" cannot be "${value}": it would change the request path`,
			);
		return encodeURIComponent(String(value));
	});
}

/**
 * The one way every node talks to a provider: authenticates through the credential, retries what is
 * safe to retry, unwraps the provider's envelope and turns every failure into a NodeApiError that
 * carries the provider's own message and never a secret.
 */
export async function providerRequest<T = unknown>(
	context: RequestContext,
	profile: ProviderProfile,
	request: ProviderRequest,
	settings: RequestSettings = {},
): Promise<ProviderResponse<T>> {
	const credentials = await context.getCredentials(profile.credentialType);
	const secrets = profile.secretFields
		.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value !== '');
	const failure = new FailureFactory(context, profile, request, secrets);
	const idempotent = request.idempotent ?? REPEATABLE_METHODS.includes(request.method);
	// An empty 200 is a normal answer to a write, but not to a read, nor from a provider that wraps every
	// answer in an envelope: there it means the answer was lost on the way.
	const expectsContent =
		idempotent && (request.method === 'GET' || profile.envelopeFailure !== undefined);
	const maxRetries = settings.maxRetries ?? DEFAULT_MAX_RETRIES;

	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${profile.baseUrl(credentials)}/${request.path.replace(/^\/+/, '')}`,
		qs: request.qs,
		body: request.body,
		headers: {
			Accept: request.binaryResponse ? '*/*' : 'application/json',
			...(profile.bodyFormat === 'form' && isPlainBody(request.body)
				? { 'Content-Type': 'application/x-www-form-urlencoded' }
				: {}),
			...request.headers,
		},
		timeout: settings.timeout ?? DEFAULT_TIMEOUT_MS,
		// Status codes, bodies and parse failures are judged here, per provider, not by the HTTP client.
		// A 401 must still throw where n8n renews the credential's token and repeats the request.
		returnFullResponse: true,
		ignoreHttpStatusErrors: profile.refreshesTokenOnUnauthorized
			? { ignore: true, except: [401] }
			: true,
		encoding: request.binaryResponse ? 'arraybuffer' : 'text',
		json: false,
	};

	const { scheduler } = settings;
	/** Waits before the next attempt; through the scheduler so every request of the execution waits too. */
	const holdOff = async (ms: number) => {
		if (scheduler) scheduler.pauseFor(ms);
		else await sleep(ms);
	};
	for (let attempt = 0; ; attempt++) {
		const releaseRequest = await scheduler?.acquire();
		let response: RawResponse;
		try {
			response = (await send(context, profile, options, request.authenticate ?? true).finally(
				releaseRequest,
			)) as RawResponse;
		} catch (error) {
			const answered = responseOf(error);
			if (answered) {
				response = answered;
			} else {
				const loginFailure = profile.loginFailure?.(error);
				if (loginFailure) throw failure.login(loginFailure);
				const code = networkErrorCode(error);
				const safeToRepeat = idempotent || requestNeverSent(code);
				if (safeToRepeat && attempt < maxRetries) {
					await sleep(backoffDelay(attempt));
					continue;
				}
				throw failure.network(error, code, safeToRepeat);
			}
		}

		const { statusCode } = response;
		const retryable =
			NOT_PROCESSED_STATUSES.includes(statusCode) ||
			(idempotent && TRANSIENT_STATUSES.includes(statusCode));
		if (retryable) {
			const retryAfter = parseRetryAfter(response.headers['retry-after']);
			if (attempt < maxRetries && (retryAfter ?? 0) <= MAX_RETRY_AFTER_MS) {
				const delay = retryAfter ?? backoffDelay(attempt);
				if (statusCode === 429) await holdOff(delay);
				else await sleep(delay);
				continue;
			}
		}
		if (statusCode < 200 || statusCode >= 300) {
			throw failure.http(response, attempt);
		}
		if (request.binaryResponse) {
			return { statusCode, headers: response.headers, body: toBuffer(response.body) as T };
		}

		const read = readJsonBody(response, expectsContent);
		if ('unreadable' in read) {
			// A cut-off or missing body on a read is worth another try; a send is never repeated.
			if (idempotent && attempt < maxRetries) {
				await sleep(backoffDelay(attempt));
				continue;
			}
			throw failure.unreadable(response, read.unreadable, idempotent, attempt);
		}
		const { body } = read;
		const envelopeFailure = profile.envelopeFailure?.(body);
		if (envelopeFailure?.rateLimited && attempt < maxRetries) {
			await holdOff(backoffDelay(attempt));
			continue;
		}
		if (envelopeFailure) throw failure.envelope(envelopeFailure, statusCode, body);
		return { statusCode, headers: response.headers, body: body as T };
	}
}

async function send(
	context: RequestContext,
	profile: ProviderProfile,
	options: IHttpRequestOptions,
	authenticate: boolean,
): Promise<unknown> {
	if (!authenticate) return await context.helpers.httpRequest(options);
	return await context.helpers.httpRequestWithAuthentication.call(
		context,
		profile.credentialType,
		options,
	);
}

function isPlainBody(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		!Buffer.isBuffer(body) &&
		!(body instanceof URLSearchParams)
	);
}

/** An HTTP error that n8n threw (only a 401 under token renewal) still carries the provider's answer. */
function responseOf(error: unknown): RawResponse | undefined {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const response = (
			candidate as { response?: { status?: unknown; headers?: unknown; data?: unknown } }
		)?.response;
		if (response && typeof response.status === 'number') {
			const data = response.data;
			return {
				statusCode: response.status,
				headers: (response.headers ?? {}) as Record<string, unknown>,
				body: Buffer.isBuffer(data) || typeof data === 'string' ? data : JSON.stringify(data ?? ''),
			};
		}
	}
	return undefined;
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	return Buffer.from(String(body ?? ''));
}

/** n8n wraps transport errors in a NodeApiError; the socket's error code sits on the original. */
function networkErrorCode(error: unknown): string | undefined {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
	}
	const message = String((error as { message?: unknown })?.message ?? '');
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	return undefined;
}

/** Builds the NodeApiErrors of one request, with the provider's words and without secrets. */
class FailureFactory {
	constructor(
		private readonly context: RequestContext,
		private readonly profile: ProviderProfile,
		private readonly request: ProviderRequest,
		private readonly secrets: string[],
	) {}

	network(error: unknown, code: string | undefined, repeatedSafely: boolean): NodeApiError {
		const name = this.profile.displayName;
		const reason =
			code === 'ETIMEDOUT' || code === 'ECONNABORTED'
				? 'did not answer in time'
				: 'could not be reached';
		const description = repeatedSafely
			? `The request was tried again where it was safe to do so. Network error: ${code ?? this.clean(String((error as Error)?.message))}.`
			: `The connection failed after the request was sent (${code ?? 'network error'}), so ${name} may have carried it out. ` +
				'It was not repeated, to avoid sending twice: check in ' +
				`${name} before running it again.`;
		return this.error(
			{ provider: name, networkError: code ?? 'unknown' },
			repeatedSafely
				? `${name} ${reason}`
				: `${name} ${reason}: the request may have been carried out`,
			description,
		);
	}

	login(message: string): NodeApiError {
		const name = this.profile.displayName;
		return this.error(
			{ provider: name, login: 'failed' },
			message,
			`The credential could not log in to ${name}, so nothing was sent: check its username, password and API URL.`,
		);
	}

	http(response: RawResponse, retries: number): NodeApiError {
		const name = this.profile.displayName;
		const text = textOf(response);
		const body = tryParseJson(text);
		const providerMessage = body === undefined ? undefined : this.profile.errorMessage(body);
		let message: string;
		if (providerMessage) message = `${name}: ${providerMessage}`;
		else if (looksLikeHtml(text))
			message = `${name} answered with an HTML error page (HTTP ${response.statusCode})`;
		else message = `${name} answered HTTP ${response.statusCode}`;
		const retried =
			retries > 0 ? ` It was retried ${retries} time${retries === 1 ? '' : 's'}.` : '';
		const retryAfter = response.headers['retry-after'];
		const hint =
			retryAfter !== undefined ? ` ${name} asked to retry after ${String(retryAfter)} s.` : '';
		return this.error(
			{
				provider: name,
				httpCode: response.statusCode,
				body: (body ?? snippet(text)) as JsonObject,
			},
			message,
			`${describeStatus(response.statusCode)}.${retried}${hint}`,
			String(response.statusCode),
		);
	}

	unreadable(
		response: RawResponse,
		kind: Unreadable,
		idempotent: boolean,
		retries: number,
	): NodeApiError {
		const name = this.profile.displayName;
		const what =
			kind === 'empty'
				? 'an empty response'
				: kind === 'html'
					? 'an HTML page'
					: 'a response that is not valid JSON';
		const problem =
			kind === 'empty'
				? 'The response had no content where a result was expected.'
				: 'The response could not be read as JSON.';
		const retried =
			retries > 0 ? ` It was retried ${retries} time${retries === 1 ? '' : 's'}.` : '';
		const sendNote = idempotent
			? ''
			: ` The request reached ${name} and may have been carried out: check before running it again.`;
		return this.error(
			{ provider: name, httpCode: response.statusCode, body: snippet(textOf(response)) },
			`${name} returned ${what} (HTTP ${response.statusCode})`,
			`${problem}${retried}${sendNote}`,
			String(response.statusCode),
		);
	}

	envelope(
		failure: { message: string; code?: string; rateLimited?: boolean },
		statusCode: number,
		body: unknown,
	): NodeApiError {
		const name = this.profile.displayName;
		const code = failure.code ? ` (${failure.code})` : '';
		return this.error(
			{ provider: name, httpCode: statusCode, body: body as JsonObject },
			`${name}: ${failure.message}`,
			`${name} reported the failure inside an HTTP ${statusCode} response${code}.`,
			String(statusCode),
		);
	}

	private error(
		details: JsonObject,
		message: string,
		description: string,
		httpCode?: string,
	): NodeApiError {
		return new NodeApiError(
			this.context.getNode(),
			redactValue(details, this.secrets) as JsonObject,
			{
				message: this.clean(message),
				description: this.clean(description),
				httpCode,
				itemIndex: this.request.itemIndex,
			},
		);
	}

	private clean(text: string): string {
		return redactText(text, this.secrets);
	}
}

type Unreadable = 'empty' | 'html' | 'invalid';

function textOf(response: RawResponse): string {
	return typeof response.body === 'string' ? response.body : response.body.toString('utf8');
}

/** The parsed JSON of a successful response, or why it cannot be used; an accepted empty body is `{}`. */
function readJsonBody(
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

function tryParseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

function looksLikeHtml(text: string): boolean {
	return /^\s*<(!doctype|html|head|body)/i.test(text);
}

function snippet(text: string): string {
	return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

function describeStatus(status: number): string {
	if (status === 401) return 'The credential was not accepted: check its API key or token';
	if (status === 403) return 'The credential is not allowed to do this';
	if (status === 404) return 'The item was not found: check the ID';
	if (status === 409) return 'The item was changed or already exists';
	if (status === 429) return 'The provider is rate limiting requests and retries ran out';
	if (status >= 500) return 'The provider failed to process the request';
	return 'The provider rejected the request: check the parameters';
}
