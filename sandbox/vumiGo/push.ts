import { delay } from '../core/delay';
import { postWebhook, takeBasicAuth, type WebhookOutcome } from '../core/webhook';
import type { VumiPushDelivery } from './state';

export interface PushOptions {
	/** Wait before each delivery, in ms; default 5. */
	delayMs: number;
	/** Wait between attempts after a 5xx or a connection error, in ms; default 20. */
	retryDelayMs: number;
	/** Attempts per delivery, the first included; default 3. */
	maxAttempts: number;
	/** Per-attempt timeout, in ms; default 5000. */
	timeoutMs: number;
}

export const defaultPushOptions: PushOptions = {
	delayMs: 5,
	retryDelayMs: 20,
	maxAttempts: 3,
	timeoutMs: 5000,
};

/** `http://user:pass@host/path` → the URL without credentials, and the Basic header they become. */
export function splitCredentials(url: string): { url: string; authorization?: string } {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return { url };
	}
	const authorization = takeBasicAuth(parsed);
	return authorization === undefined ? { url } : { url: parsed.toString(), authorization };
}

/** For state and responses: the credentials of a push URL never show. */
export function redactUrl(url: string | null): string | null {
	if (url === null) return null;
	try {
		const parsed = new URL(url);
		if (parsed.username === '' && parsed.password === '') return url;
		parsed.username = '***';
		parsed.password = '';
		return parsed.toString();
	} catch {
		return url;
	}
}

/**
 * Pushes go out one at a time, in the order they were queued (so an ack always lands before its delivery
 * report), fire-and-forget: outcomes are written to the delivery record, never thrown.
 */
export class PushQueue {
	private chain: Promise<void> = Promise.resolve();
	private generation = 0;

	constructor(private readonly options: PushOptions) {}

	enqueue(delivery: VumiPushDelivery, fullUrl: string): void {
		const generation = this.generation;
		this.chain = this.chain.then(() => this.deliver(delivery, fullUrl, generation));
	}

	/** Resolves once every queued push, retries included, has finished. */
	async flush(): Promise<void> {
		for (;;) {
			const current = this.chain;
			await current;
			if (current === this.chain) return;
		}
	}

	/** Forgets queued pushes (on reset and close); one already on the wire still completes. */
	cancel(): void {
		this.generation++;
	}

	private async deliver(
		delivery: VumiPushDelivery,
		fullUrl: string,
		generation: number,
	): Promise<void> {
		const { url, authorization } = splitCredentials(fullUrl);
		const payload = JSON.stringify(delivery.body);
		await delay(this.options.delayMs);
		while (generation === this.generation && delivery.attempts < this.options.maxAttempts) {
			delivery.attempts++;
			const result = await this.post(url, payload, authorization);
			if ('status' in result) {
				delivery.status = result.status;
				delete delivery.error;
				if (result.status >= 200 && result.status < 300) {
					delivery.outcome = 'delivered';
					return;
				}
				// 4xx: the user's endpoint refused it, and retrying would not help.
				if (result.status < 500) {
					delivery.outcome = 'dropped';
					return;
				}
			} else {
				delivery.error = result.error;
			}
			if (delivery.attempts < this.options.maxAttempts) await delay(this.options.retryDelayMs);
		}
		if (delivery.outcome === 'pending' && delivery.attempts >= this.options.maxAttempts)
			delivery.outcome = 'failed';
	}

	private post(
		url: string,
		payload: string,
		authorization: string | undefined,
	): Promise<WebhookOutcome> {
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			return Promise.resolve({ error: `Invalid push URL` });
		}
		const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
		if (authorization) headers.authorization = authorization;
		return postWebhook(target, {
			headers,
			body: payload,
			timeoutMs: this.options.timeoutMs,
			timeoutMessage: 'Push timed out',
		});
	}
}
