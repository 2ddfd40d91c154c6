import { generateSecureToken } from 'n8n-workflow';

/**
 * Provider-neutral webhook secret helpers, kept here until `nodes/shared/webhook.ts` exists.
 * Hoiio signs nothing, so the secret travels in the URL the trigger registers.
 */
export function newWebhookSecret(): string {
	return generateSecureToken();
}

/** Compares in time independent of where the texts differ, so the secret cannot be guessed by timing. */
export function secretMatches(expected: unknown, received: unknown): boolean {
	if (typeof expected !== 'string' || expected === '' || typeof received !== 'string') return false;
	let difference = expected.length ^ received.length;
	for (let index = 0; index < expected.length; index++) {
		difference |= expected.charCodeAt(index) ^ received.charCodeAt(index % (received.length || 1));
	}
	return difference === 0;
}

/** Adds the secret to a URL as a query parameter. */
export function urlWithSecret(url: string, parameter: string, secret: string): string {
	const separator = url.includes('?') ? '&' : '?';
	return `${url}${separator}${parameter}=${encodeURIComponent(secret)}`;
}
