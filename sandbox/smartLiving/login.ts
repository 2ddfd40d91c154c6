import type { EmulatorResponse, RecordedRequest } from '../core/types';
import type { SessionStore } from './sessions';

export interface LegacyAccount {
	userId: string;
	username: string;
	password: string;
	clientId: string;
	clientKey: string;
}

type LoginFields = Record<string, string[]>;

/**
 * The SDK posts `grant_type=password&username=..` under `Content-type: application/json`, and does not
 * URL-escape the values; so the body is read as JSON if it is JSON, otherwise as form fields, and each form value
 * is tried both decoded and as sent.
 */
export function parseLoginBody(rawBody: Buffer): LoginFields {
	const text = rawBody.toString('utf8').trim();
	const fields: LoginFields = {};
	if (text.startsWith('"')) {
		// A client that JSON-encodes the form string (a JSON content type makes some HTTP libraries do that).
		try {
			const inner: unknown = JSON.parse(text);
			if (typeof inner === 'string') return parseLoginBody(Buffer.from(inner, 'utf8'));
		} catch {
			// Not a JSON string: read it as form fields below.
		}
	}
	if (text.startsWith('{')) {
		try {
			const parsed = JSON.parse(text) as Record<string, unknown>;
			for (const [key, value] of Object.entries(parsed)) {
				if (typeof value === 'string') fields[key.toLowerCase()] = [value];
			}
			return fields;
		} catch {
			// Not JSON after all: fall through to form parsing.
		}
	}
	for (const pair of text.split('&')) {
		if (pair === '') continue;
		const separator = pair.indexOf('=');
		const key = separator === -1 ? pair : pair.slice(0, separator);
		const raw = separator === -1 ? '' : pair.slice(separator + 1);
		let decoded = raw;
		try {
			decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
		} catch {
			// A bare '%' the SDK did not escape: keep the raw text.
		}
		fields[key.toLowerCase()] = [...new Set([decoded, raw])];
	}
	return fields;
}

function oauthError(status: number, error: string, description: string): EmulatorResponse {
	return { status, body: { error, error_description: description, message: description } };
}

export function handleLogin(
	request: RecordedRequest,
	accounts: readonly LegacyAccount[],
	sessions: SessionStore,
): EmulatorResponse {
	if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'Use POST /login');
	const fields = parseLoginBody(request.rawBody);
	const first = (name: string) => fields[name]?.[0];
	const grantType = first('grant_type');
	let account: LegacyAccount | undefined;
	if (grantType === 'password') {
		const usernames = fields.username ?? [];
		const passwords = fields.password ?? [];
		if (usernames.length === 0 || passwords.length === 0) {
			return oauthError(400, 'invalid_request', 'username and password are required');
		}
		account = accounts.find(
			(candidate) =>
				usernames.includes(candidate.username) && passwords.includes(candidate.password),
		);
		if (!account)
			return oauthError(400, 'invalid_grant', 'The user name or password is incorrect.');
	} else if (grantType === 'refresh_token') {
		const refreshToken = first('refresh_token');
		if (!refreshToken) return oauthError(400, 'invalid_request', 'refresh_token is required');
		const userId = sessions.redeem(refreshToken);
		account = accounts.find((candidate) => candidate.userId === userId);
		if (!account)
			return oauthError(400, 'invalid_grant', 'The refresh token is invalid or has been revoked.');
	} else {
		return oauthError(
			400,
			'unsupported_grant_type',
			`grant_type must be password or refresh_token, got ${JSON.stringify(grantType ?? null)}`,
		);
	}
	return {
		status: 200,
		body: {
			...sessions.issue(account.userId),
			userName: account.username,
			'rmq:clientId': account.clientId,
			'rmq:clientKey': account.clientKey,
		},
	};
}
