/** Removes secrets from text that may reach an error message, a description or a log. */

// Credentials that travel in query strings or form bodies (Hologram `apikey`, Hoiio `access_token` ...).
const SECRET_PARAMETER =
	/\b(apikey|api_key|access_token|accesstoken|token|password|secret|consumersecret|consumerkey|oldtoken|refresh_token|client_secret)=([^&\s"']+)/gi;
const AUTHORIZATION_HEADER = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{6,}/g;

export const REDACTED = '[redacted]';

export function redactText(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		// Very short values would redact ordinary words; a credential is never that short.
		if (secret.length >= 4) result = result.split(secret).join(REDACTED);
	}
	return result
		.replace(SECRET_PARAMETER, (_match, name: string) => `${name}=${REDACTED}`)
		.replace(AUTHORIZATION_HEADER, (_match, scheme: string) => `${scheme} ${REDACTED}`);
}

/** Deep copy of a JSON value with every string redacted (for error details kept on a NodeApiError). */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
	if (typeof value === 'string') return redactText(value, secrets);
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, secrets));
	if (typeof value === 'object' && value !== null) {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copy[key] = redactValue(entry, secrets);
		return copy;
	}
	return value;
}
