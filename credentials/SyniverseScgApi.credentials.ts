import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { findInErrorChain } from '../nodes/shared/errors';

const DEFAULT_BASE_URL = 'https://api.syniverse.com';
const NOT_SCG = 'This is not the Syniverse SCG API: check the Base URL';

/** The token-refresh call of the SDK era first, then the path the current SDC docs give. */
const REFRESH_PATHS = ['/saop-rest-data/v1/apptoken-refresh', '/v1/apptoken-refresh'];

function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** The HTTP status of a failed request, wherever n8n wrapped it. */
function statusOf(error: unknown): number | undefined {
	return findInErrorChain(error, (candidate) => {
		const status =
			(candidate as { response?: { status?: unknown } })?.response?.status ??
			(candidate as { httpCode?: unknown })?.httpCode;
		return status !== undefined && Number.isFinite(Number(status)) ? Number(status) : undefined;
	});
}

/** Renewals in progress or just finished, by the token they replace. */
const renewals = new Map<string, { token: Promise<string>; startedAt: number }>();
const RENEWAL_REUSE_MS = 60_000;

/**
 * Forgets remembered renewals. Only a test needs this: it resets the sandbox's tokens between cases,
 * which a real SCG account never does.
 */
export function forgetTokenRenewals(): void {
	renewals.clear();
}

/** Asks SCG for a new token in exchange for the expired one; keeps the old one when it cannot. */
async function renewToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	key: string,
	secret: string,
	current: string,
): Promise<string> {
	for (const path of REFRESH_PATHS) {
		try {
			const response = (await helper.helpers.httpRequest({
				method: 'GET',
				url: `${baseUrlOf(credentials)}${path}`,
				qs: { consumerkey: key, consumersecret: secret, oldtoken: current },
				headers: { Accept: 'application/json' },
				json: true,
			})) as IDataObject;
			const renewed = response?.accessToken;
			return typeof renewed === 'string' && renewed !== '' ? renewed : current;
		} catch (error) {
			if (statusOf(error) !== 404) break;
		}
	}
	// The renewal failed: the old token stays, so the request's own 401 reaches the user.
	return current;
}

export class SyniverseScgApi implements ICredentialType {
	name = 'syniverseScgApi';

	displayName = 'Syniverse SCG API';

	icon: Icon = {
		light: 'file:../nodes/SyniverseScg/syniverseScg.svg',
		dark: 'file:../nodes/SyniverseScg/syniverseScg.dark.svg',
	};

	documentationUrl = 'https://sdcsupport.syniverse.com/hc/en-us/articles/236166328';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Application access token from the Syniverse Developer Community portal (your application → Auth Keys)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Leave the default; change it only for a private server or a test server. If the credential test then says ECONNREFUSED, ENOTFOUND or ETIMEDOUT, nothing answers at this address.',
		},
		// The key is half of what renews tokens, so it is kept out of sight like the secret (as n8n's own
		// OAuth1 and WooCommerce credentials do with theirs), although n8n's lint warns that its name sounds harmless.
		{
			displayName: 'Consumer Key',
			name: 'consumerKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. With the consumer key and secret an expired access token is renewed automatically.',
		},
		{
			displayName: 'Consumer Secret',
			name: 'consumerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Optional, used with the consumer key to renew an expired access token',
		},
		// The renewed token and the access token it was renewed from: when the user enters a new
		// access token, the old renewed one no longer applies.
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Token Source',
			name: 'sessionTokenSource',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * n8n calls this when the session token is empty (first use: the access token itself is used,
	 * no request) and after a 401 (the token is renewed with the consumer key and secret, and n8n
	 * repeats the request once with the new token, which is stored for later requests).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const accessToken = String(credentials.accessToken ?? '');
		const current =
			credentials.sessionToken && credentials.sessionTokenSource === accessToken
				? String(credentials.sessionToken)
				: '';
		if (current === '') return { sessionToken: accessToken, sessionTokenSource: accessToken };
		const key = String(credentials.consumerKey ?? '');
		const secret = String(credentials.consumerSecret ?? '');
		// Without a key and secret nothing can be renewed: the repeated request fails with the 401.
		if (key === '' || secret === '') return { sessionToken: current };
		// Items sent side by side meet the same expired token together: they share one renewal.
		for (const [oldKey, renewal] of renewals) {
			if (Date.now() - renewal.startedAt >= RENEWAL_REUSE_MS) renewals.delete(oldKey);
		}
		const renewalKey = `${baseUrlOf(credentials)}|${key}|${current}`;
		const recent = renewals.get(renewalKey);
		if (recent) return { sessionToken: await recent.token };
		// When a renewed token can no longer be renewed (SCG forgot it, or it was revoked), the
		// entered access token is tried again rather than keeping a token that can only fail.
		const token = renewToken(this, credentials, key, secret, current).then((renewed) =>
			renewed === current ? accessToken : renewed,
		);
		renewals.set(renewalKey, { token, startedAt: Date.now() });
		const sessionToken = await token;
		// A failed renewal is not remembered, so the next 401 tries again.
		if (sessionToken === accessToken) renewals.delete(renewalKey);
		return { sessionToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'=Bearer {{ $credentials.sessionToken && $credentials.sessionTokenSource === $credentials.accessToken ? $credentials.sessionToken : $credentials.accessToken }}',
			},
		},
	};

	// A refused token is worded by its HTTP status, which n8n 2.x hands to the rules (1.x shows its own words).
	// The request keeps failing on HTTP errors so that n8n renews an expired token and tries again first.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://api.syniverse.com").replace(/\\/+$/, "") }}',
			url: '/scg-external-api/api/v1/messaging/sender_ids',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The access token was refused: check it in the Syniverse Developer Community portal (your application → Auth Keys)',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: NOT_SCG },
			},
			// Every SCG list answers { list, total }.
			{
				type: 'responseSuccessBody',
				properties: { key: 'list', value: undefined, message: NOT_SCG },
			},
		] as ICredentialTestRequest['rules'],
	};
}
