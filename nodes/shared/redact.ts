/** Removes secrets from text that may reach an error message, a description or a log. */

// Credentials that travel in query strings or form bodies (Hologram `apikey`, Hoiio `access_token` ...).
const SECRET_PARAMETER =
	/\b(apikey|api_key|access_token|accesstoken|token|password|secret|consumersecret|consumerkey|oldtoken|refresh_token|client_secret)=([^&\s"']+)/gi;
const AUTHORIZATION_HEADER = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{6,}/g;

export const REDACTED = '[redacted]';

/**
 * The ways a secret reaches text besides as entered: URL- or form-encoded (echoed query strings), and base64
 * (an echoed Basic header or token). Base64 is taken at each of the three byte alignments, keeping only the
 * characters the secret alone decides, so `base64("apikey:" + secret)` is caught as well as `base64(secret)`.
 */
function encodedForms(secret: string): string[] {
	const whole = Buffer.from(secret, 'utf8').toString('base64');
	const forms = [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams({ v: secret }).toString().slice(2),
		// On its own, with its last characters and padding, so not even those are left behind.
		whole,
		whole.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
	];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.from(`${'\0'.repeat(offset)}${secret}`, 'utf8').toString('base64');
		const stable = encoded.slice(offset === 0 ? 0 : 4, -4);
		// Shorter runs of base64 could match ordinary text by chance.
		if (stable.length >= 8) forms.push(stable, stable.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	// Longest first, so a form that contains another is replaced whole.
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		// Very short values would redact ordinary words; a credential is never that short.
		if (secret.length < 4) continue;
		for (const form of encodedForms(secret)) result = result.split(form).join(REDACTED);
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
