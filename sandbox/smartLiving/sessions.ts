import { randomBytes } from 'node:crypto';

export interface IssuedTokens {
	access_token: string;
	refresh_token: string;
	expires_in: number;
	token_type: 'bearer';
}

interface AccessGrant {
	userId: string;
	expiresAt: number;
}

/** Legacy OAuth tokens, kept out of the dumped state because they are credentials. */
export class SessionStore {
	private readonly access = new Map<string, AccessGrant>();
	private readonly refresh = new Map<string, string>();

	constructor(
		private readonly lifetimeSeconds: () => number,
		private readonly now: () => Date,
	) {}

	issue(userId: string): IssuedTokens {
		const accessToken = randomBytes(24).toString('hex');
		const refreshToken = randomBytes(24).toString('hex');
		const lifetime = this.lifetimeSeconds();
		this.access.set(accessToken, { userId, expiresAt: this.now().getTime() + lifetime * 1000 });
		this.refresh.set(refreshToken, userId);
		return {
			access_token: accessToken,
			refresh_token: refreshToken,
			expires_in: lifetime,
			token_type: 'bearer',
		};
	}

	/** The user behind an access token, 'expired', or undefined for a token never issued. */
	resolve(token: string): { userId: string } | 'expired' | undefined {
		const grant = this.access.get(token);
		if (!grant) return undefined;
		if (grant.expiresAt <= this.now().getTime()) return 'expired';
		return { userId: grant.userId };
	}

	/** Refresh tokens stay valid after use, so two concurrent refreshes both succeed. */
	redeem(refreshToken: string): string | undefined {
		return this.refresh.get(refreshToken);
	}

	expireAccessTokens(): number {
		for (const grant of this.access.values()) grant.expiresAt = 0;
		return this.access.size;
	}

	revokeRefreshTokens(): number {
		const count = this.refresh.size;
		this.refresh.clear();
		return count;
	}

	clear(): void {
		this.access.clear();
		this.refresh.clear();
	}
}
