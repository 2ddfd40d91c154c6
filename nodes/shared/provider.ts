import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** A failure that a provider reports inside an otherwise successful HTTP response. */
export interface EnvelopeFailure {
	message: string;
	/** The provider's own code for it (`error_insufficient_credit`, a JSON-RPC fault code ...). */
	code?: string;
	/** The provider asks to slow down (Hoiio's `error_rate_limit_exceeded` arrives inside a 200). */
	rateLimited?: boolean;
}

/**
 * What the shared request helper needs to know about one provider's API. Each provider folder
 * describes its API once in one of these; nothing else in `nodes/shared` knows a provider.
 */
export interface ProviderProfile {
	/** Shown in messages: "Hologram returned ...". */
	displayName: string;
	credentialType: string;
	/** Base URL (no trailing slash) taken from the credential. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** Credential fields whose values must never appear in errors, logs or output. */
	secretFields: string[];
	/** The provider's own message in an error body, when it has one. */
	errorMessage(body: unknown): string | undefined;
	/** A failure signalled inside a 2xx response (Hologram `success: false`, Hoiio `error_*`, JSON-RPC `error`). */
	envelopeFailure?(body: unknown): EnvelopeFailure | undefined;
	/** How request bodies travel; JSON unless the API takes forms (Hoiio). */
	bodyFormat?: 'json' | 'form';
	/**
	 * The credential renews its token through `preAuthentication` (login or token refresh): on a 401
	 * n8n refreshes the credential and repeats the request once.
	 */
	refreshesTokenOnUnauthorized?: boolean;
	/**
	 * The provider's words when the credential's own login (`preAuthentication`) failed before the
	 * request was sent, so the user sees "wrong password" rather than "could not be reached".
	 */
	loginFailure?(error: unknown): string | undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A profile's `baseUrl`: the credential's Base URL, or the provider's own when it is left empty. */
export function credentialBaseUrl(
	defaultUrl: string,
): (credentials: ICredentialDataDecryptedObject) => string {
	return (credentials) => stripTrailingSlash(String(credentials.baseUrl || defaultUrl));
}

export function stripTrailingSlash(url: string): string {
	return url.replace(/\/+$/, '');
}
