import { ScgError } from './wire';

export interface ScgCredentials {
	accessToken: string;
	consumerKey: string;
	consumerSecret: string;
}

export const defaultScgCredentials: ScgCredentials = {
	accessToken: 'sandbox-scg-token',
	consumerKey: 'sandbox-scg-key',
	consumerSecret: 'sandbox-scg-secret',
};

/**
 * Application tokens (docs/wire-formats/syniverseScg.md#token-renewal): the configured token is valid until
 * expired; the app-token refresh call trades a known token (valid or expired) plus the consumer key and
 * secret for a new valid one. Tokens live here, never in the state, so no dump shows them.
 */
export class TokenStore {
	private readonly valid = new Set<string>();
	private readonly issued = new Set<string>();
	private refreshes = 0;

	constructor(private readonly credentials: ScgCredentials) {
		this.reset();
	}

	reset(): void {
		this.valid.clear();
		this.issued.clear();
		this.refreshes = 0;
		this.valid.add(this.credentials.accessToken);
		this.issued.add(this.credentials.accessToken);
	}

	/** The Bearer token of a request, or a 401 naming what is wrong (never the token itself). */
	check(authorization: string | undefined): void {
		const match = /^bearer\s+(.+)$/i.exec((authorization ?? '').trim());
		if (!match) throw new ScgError(401, 'Missing Bearer access token', 'UNAUTHORIZED');
		const token = match[1].trim();
		if (this.valid.has(token)) return;
		if (this.issued.has(token))
			throw new ScgError(401, 'The access token has expired', 'TOKEN_EXPIRED');
		throw new ScgError(401, 'Invalid access token', 'UNAUTHORIZED');
	}

	/** Expires one token, or every valid one; requests bearing it then get 401 until refreshed. */
	expire(token?: string): number {
		if (token !== undefined) return this.valid.delete(token) ? 1 : 0;
		const count = this.valid.size;
		this.valid.clear();
		return count;
	}

	refresh(consumerKey: unknown, consumerSecret: unknown, oldToken: unknown): string {
		if (
			consumerKey !== this.credentials.consumerKey ||
			consumerSecret !== this.credentials.consumerSecret
		)
			throw new ScgError(401, 'Invalid consumer key or secret', 'INVALID_CONSUMER_CREDENTIALS');
		if (typeof oldToken !== 'string' || !this.issued.has(oldToken))
			throw new ScgError(401, 'Unknown oldtoken', 'INVALID_TOKEN');
		this.refreshes++;
		const token = `sandbox-scg-refreshed-${this.refreshes}-${Date.now().toString(36)}`;
		this.valid.delete(oldToken);
		this.valid.add(token);
		this.issued.add(token);
		return token;
	}

	get refreshCount(): number {
		return this.refreshes;
	}
}
