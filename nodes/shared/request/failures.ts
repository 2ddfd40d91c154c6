import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ProviderProfile } from '../provider';
import { redactText, redactValue } from '../redact';
import type { RawResponse, Unreadable } from './response';
import { looksLikeHtml, snippet, textOf, tryParseJson } from './response';
import type { ProviderRequest, RequestContext } from './types';

/** Builds the NodeApiErrors of one request, with the provider's words and without secrets. */
export class FailureFactory {
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
			`${describeStatus(response.statusCode, this.request.idFields)}.${retried}${hint}`,
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

/** What a failure status means; a 404 names the parameters the path's IDs came from. */
function describeStatus(status: number, idFields: string[] = []): string {
	if (status === 401) return 'The credential was not accepted: check its API key or token';
	if (status === 403) return 'The credential is not allowed to do this';
	if (status === 404)
		return `The item was not found: check the ${idFields.length > 0 ? idFields.join(' and ') : 'ID'}`;
	if (status === 409) return 'The item was changed or already exists';
	if (status === 429) return 'The provider is rate limiting requests and retries ran out';
	if (status >= 500) return 'The provider failed to process the request';
	return 'The provider rejected the request: check the parameters';
}
