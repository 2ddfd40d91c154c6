import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { findInErrorChain } from '../errors';
import type { ProviderProfile } from '../provider';
import type { RawResponse } from './response';
import type { ProviderRequest, RequestContext, RequestSettings } from './types';

/** Sending one request through n8n's HTTP client, and what its failures carry. */

const DEFAULT_TIMEOUT_MS = 30_000;

function isPlainBody(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		!Buffer.isBuffer(body) &&
		!(body instanceof URLSearchParams)
	);
}

/** The options n8n's HTTP client gets: the whole answer back, judged by us rather than the client. */
export function httpOptions(
	profile: ProviderProfile,
	credentials: ICredentialDataDecryptedObject,
	request: ProviderRequest,
	settings: RequestSettings,
): IHttpRequestOptions {
	return {
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
		// Status codes, bodies and parse failures are judged per provider, not by the HTTP client.
		// A 401 must still throw where n8n renews the credential's token and repeats the request.
		returnFullResponse: true,
		ignoreHttpStatusErrors: profile.refreshesTokenOnUnauthorized
			? { ignore: true, except: [401] }
			: true,
		encoding: request.binaryResponse ? 'arraybuffer' : 'text',
		json: false,
	};
}

/**
 * Sends through the credential's authentication, or without it for calls that carry their own secret.
 * Given the credential already read, n8n's helper applies it instead of reading it again.
 */
export async function send(
	context: RequestContext,
	profile: ProviderProfile,
	options: IHttpRequestOptions,
	how: { authenticate: boolean; credentials?: ICredentialsDecrypted },
): Promise<RawResponse> {
	if (!how.authenticate) return (await context.helpers.httpRequest(options)) as RawResponse;
	return (await context.helpers.httpRequestWithAuthentication.call(
		context,
		profile.credentialType,
		options,
		how.credentials ? { credentialsDecrypted: how.credentials } : undefined,
	)) as RawResponse;
}

/** An HTTP error that n8n threw (only a 401 under token renewal) still carries the provider's answer. */
export function responseOf(error: unknown): RawResponse | undefined {
	return findInErrorChain(error, (candidate) => {
		const response = (
			candidate as { response?: { status?: unknown; headers?: unknown; data?: unknown } }
		)?.response;
		if (!response || typeof response.status !== 'number') return undefined;
		const data = response.data;
		return {
			statusCode: response.status,
			headers: (response.headers ?? {}) as Record<string, unknown>,
			body: Buffer.isBuffer(data) || typeof data === 'string' ? data : JSON.stringify(data ?? ''),
		};
	});
}

/** n8n wraps transport errors in a NodeApiError; the socket's error code sits on the original. */
export function networkErrorCode(error: unknown): string | undefined {
	const code = findInErrorChain(error, (candidate) => {
		const value = (candidate as { code?: unknown })?.code;
		return typeof value === 'string' && /^E[A-Z_]+$/.test(value) ? value : undefined;
	});
	if (code) return code;
	const message = String((error as { message?: unknown })?.message ?? '');
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	return undefined;
}
