import { request as httpRequest, type Agent as HttpAgent } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';

/** How a call to a user's webhook went: the status it answered with, or why there was no answer. */
export type WebhookOutcome = { status: number } | { error: string };

export interface WebhookPost {
	/** Content type, user agent, authorization...; the length is added. */
	headers: Record<string, string | number>;
	body: string;
	/** No answer (the socket idle) for this long aborts the call with `timeoutMessage`. */
	timeoutMs: number;
	timeoutMessage: string;
	/**
	 * Agents the calls share, so that closing them aborts every call under way. Default none: a socket per
	 * call, never kept alive, since an idle pooled socket would outlive the test that caused it.
	 */
	agents?: { http: HttpAgent; https: HttpsAgent };
}

/** POSTs to a webhook, as the providers' callbacks do; never throws, the outcome says what happened. */
export function postWebhook(url: URL, post: WebhookPost): Promise<WebhookOutcome> {
	return new Promise((resolve) => {
		const secure = url.protocol === 'https:';
		const send = secure ? httpsRequest : httpRequest;
		const headers = { ...post.headers, 'content-length': Buffer.byteLength(post.body) };
		const agent = post.agents ? (secure ? post.agents.https : post.agents.http) : false;
		try {
			const request = send(url, { method: 'POST', headers, agent }, (response) => {
				response.resume();
				response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
				response.on('error', (error) => resolve({ error: error.message }));
			});
			request.setTimeout(post.timeoutMs, () => request.destroy(new Error(post.timeoutMessage)));
			request.on('error', (error) => resolve({ error: error.message }));
			request.end(post.body);
		} catch (error) {
			resolve({ error: (error as Error).message });
		}
	});
}

/** Takes `user:pass@` out of the URL and returns the Basic authorization it stands for, if any. */
export function takeBasicAuth(url: URL): string | undefined {
	if (url.username === '' && url.password === '') return undefined;
	const user = decodeURIComponent(url.username);
	const password = decodeURIComponent(url.password);
	url.username = '';
	url.password = '';
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
