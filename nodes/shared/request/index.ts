import type { ICredentialsDecrypted, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ProviderProfile } from '../provider';
import {
	DEFAULT_MAX_RETRIES,
	MAX_RETRY_AFTER_MS,
	NOT_PROCESSED_STATUSES,
	TRANSIENT_STATUSES,
	backoffDelay,
	parseRetryAfter,
	requestNeverSent,
} from '../retry';
import { FailureFactory } from './failures';
import type { RawResponse } from './response';
import { readJsonBody, toBuffer } from './response';
import { httpOptions, networkErrorCode, responseOf, send } from './transport';
import type { ProviderRequest, ProviderResponse, RequestContext, RequestSettings } from './types';

export { ExecutionCredentials } from './credentials';
export { isDotSegment, pathWith } from './path';
export type { ProviderRequest, ProviderResponse, RequestContext, RequestSettings } from './types';

/** Methods whose repetition changes nothing; a PUT is not among them, since some providers send with it. */
const REPEATABLE_METHODS = ['GET', 'HEAD', 'DELETE'];

/** A wait before the next attempt; `everyone`: every request sharing the scheduler waits too. */
interface Retry {
	delay: number;
	everyone: boolean;
}

function isRetry(outcome: object): outcome is Retry {
	return 'delay' in outcome;
}

/**
 * One request to a provider, attempt after attempt: each step judges one thing (the connection, the
 * status, the body, the envelope) and says whether to give the answer back, to try again, or to fail.
 */
class ProviderCall {
	private readonly idempotent: boolean;
	/**
	 * An empty 200 is a normal answer to a write, but not to a read, nor from a provider that wraps every
	 * answer in an envelope: there it means the answer was lost on the way.
	 */
	private readonly expectsContent: boolean;
	private readonly maxRetries: number;

	constructor(
		private readonly context: RequestContext,
		private readonly profile: ProviderProfile,
		private readonly request: ProviderRequest,
		private readonly settings: RequestSettings,
		private readonly options: IHttpRequestOptions,
		private readonly failure: FailureFactory,
		/** The credential already read, handed to n8n's helper so it does not read it again. */
		private readonly credentials?: ICredentialsDecrypted,
	) {
		this.idempotent = request.idempotent ?? REPEATABLE_METHODS.includes(request.method);
		this.expectsContent =
			this.idempotent && (request.method === 'GET' || profile.envelopeFailure !== undefined);
		this.maxRetries = settings.maxRetries ?? DEFAULT_MAX_RETRIES;
	}

	/** One attempt: the provider's usable answer, or a retry; failures are thrown. */
	async attempt(attempt: number): Promise<ProviderResponse | Retry> {
		const answer = await this.exchange(attempt);
		if (isRetry(answer)) return answer;
		return this.statusRetry(answer, attempt) ?? this.result(answer, attempt);
	}

	/** Waits before the next attempt; through the scheduler so every request of the execution waits too. */
	async wait(retry: Retry): Promise<void> {
		if (retry.everyone && this.settings.scheduler) this.settings.scheduler.pauseFor(retry.delay);
		else await sleep(retry.delay);
	}

	/** Sends once, in a slot of the rate limit: the provider's answer, whatever its status. */
	private async exchange(attempt: number): Promise<RawResponse | Retry> {
		const releaseRequest = await this.settings.scheduler?.acquire();
		const authenticate = this.request.authenticate ?? true;
		try {
			return await send(this.context, this.profile, this.options, {
				authenticate,
				credentials: this.credentials,
			}).finally(releaseRequest);
		} catch (error) {
			return responseOf(error) ?? this.afterNetworkError(error, attempt);
		}
	}

	/** No answer: tried again when that cannot send twice, else the failure says it may have been sent. */
	private afterNetworkError(error: unknown, attempt: number): Retry {
		const loginFailure = this.profile.loginFailure?.(error);
		if (loginFailure) throw this.failure.login(loginFailure);
		const code = networkErrorCode(error);
		const safeToRepeat = this.idempotent || requestNeverSent(code);
		if (safeToRepeat && attempt < this.maxRetries)
			return { delay: backoffDelay(attempt), everyone: false };
		throw this.failure.network(error, code, safeToRepeat);
	}

	/** "Slow down" and "not now" are retried, as the provider asks; a 429 holds back every request. */
	private statusRetry(response: RawResponse, attempt: number): Retry | undefined {
		const { statusCode } = response;
		const retryable =
			NOT_PROCESSED_STATUSES.includes(statusCode) ||
			(this.idempotent && TRANSIENT_STATUSES.includes(statusCode));
		if (!retryable || attempt >= this.maxRetries) return undefined;
		const retryAfter = parseRetryAfter(response.headers['retry-after']);
		if ((retryAfter ?? 0) > MAX_RETRY_AFTER_MS) return undefined;
		return { delay: retryAfter ?? backoffDelay(attempt), everyone: statusCode === 429 };
	}

	/** The answer as the caller gets it: a failure status, an unreadable body or an envelope failure throw. */
	private result(response: RawResponse, attempt: number): ProviderResponse | Retry {
		const { statusCode, headers } = response;
		if (statusCode < 200 || statusCode >= 300) throw this.failure.http(response, attempt);
		if (this.request.binaryResponse) return { statusCode, headers, body: toBuffer(response.body) };
		const read = readJsonBody(response, this.expectsContent);
		if ('unreadable' in read) {
			// A cut-off or missing body on a read is worth another try; a send is never repeated.
			if (this.idempotent && attempt < this.maxRetries)
				return { delay: backoffDelay(attempt), everyone: false };
			throw this.failure.unreadable(response, read.unreadable, this.idempotent, attempt);
		}
		const envelopeFailure = this.profile.envelopeFailure?.(read.body);
		if (envelopeFailure?.rateLimited && attempt < this.maxRetries)
			return { delay: backoffDelay(attempt), everyone: true };
		if (envelopeFailure) throw this.failure.envelope(envelopeFailure, statusCode, read.body);
		return { statusCode, headers, body: read.body };
	}
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
	const type = profile.credentialType;
	const credentials = settings.credentials
		? await settings.credentials.get(type)
		: await context.getCredentials(type);
	const secrets = profile.secretFields
		.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value !== '');
	const failure = new FailureFactory(context, profile, request, secrets);
	const options = httpOptions(profile, credentials, request, settings);
	const decrypted = settings.credentials?.decrypted(type, credentials);
	const call = new ProviderCall(context, profile, request, settings, options, failure, decrypted);
	for (let attempt = 0; ; attempt++) {
		const outcome = await call.attempt(attempt);
		if (!isRetry(outcome)) return outcome as ProviderResponse<T>;
		await call.wait(outcome);
	}
}
