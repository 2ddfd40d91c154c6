import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { findInErrorChain } from '../shared/errors';
import { redactText } from '../shared/redact';

/**
 * The two platforms behind one credential, their default hosts, and the legacy SmartLiving login
 * (docs/wire-formats/smartLiving.md#hosts, docs/wire-formats/smartLiving.md#legacy-login). Used by the
 * credential (token renewal) and by the MQTT nodes of the companion package n8n-nodes-telco-iot-mqtt, which
 * compiles this file into its own build.
 */

export type Platform = 'smartLiving' | 'maker';

export const LEGACY_DEFAULT_API_URL = 'http://api.smartliving.io';
export const LEGACY_DEFAULT_BROKER = 'broker.smartliving.io';
export const MAKER_DEFAULT_API_URL = 'https://api.allthingstalk.io';
export const MAKER_DEFAULT_BROKER = 'api.allthingstalk.io';
/** The SDK's OAuth client name for the login (docs/wire-formats/smartLiving.md#legacy-login). */
const LOGIN_CLIENT_ID = 'maker';

export function platformOf(credentials: ICredentialDataDecryptedObject): Platform {
	return credentials.platform === 'smartLiving' ? 'smartLiving' : 'maker';
}

export function platformName(platform: Platform): string {
	return platform === 'maker' ? 'AllThingsTalk Maker' : 'SmartLiving (legacy)';
}

/** The REST base URL of the chosen platform, without a trailing slash. */
export function apiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const url =
		platformOf(credentials) === 'maker'
			? String(credentials.makerApiUrl || MAKER_DEFAULT_API_URL)
			: String(credentials.apiUrl || LEGACY_DEFAULT_API_URL);
	return url.trim().replace(/\/+$/, '');
}

/** Which login a stored legacy session belongs to: a changed user or host needs a new login. */
export function sessionSourceOf(credentials: ICredentialDataDecryptedObject): string {
	return `${apiBaseUrl(credentials)}|${String(credentials.username ?? '')}`;
}

export interface LegacySession {
	accessToken: string;
	refreshToken: string;
	/** When the access token runs out (ISO 8601), when the platform said. */
	expiresAt: string;
	/**
	 * MQTT login of the account: username `<clientId>:<clientId>`, password the key
	 * (docs/wire-formats/smartLiving.md#broker-login).
	 */
	mqttClientId: string;
	mqttClientKey: string;
}

export type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

function parsed(body: unknown): IDataObject {
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return {};
		}
	}
	return typeof body === 'object' && body !== null ? (body as IDataObject) : {};
}

/** The platform's own words in a failed login: OAuth `error_description`, or `message`. */
function loginFailureText(error: unknown): string {
	const answered = findInErrorChain(error, (candidate) => {
		const response = (candidate as { response?: { status?: number; data?: unknown } })?.response;
		if (response?.status === undefined) return undefined;
		const body = parsed(response.data);
		const text = body.error_description ?? body.message ?? body.error;
		return typeof text === 'string' && text !== ''
			? `${text} (HTTP ${response.status})`
			: `HTTP ${response.status}`;
	});
	return answered ?? 'the login server could not be reached';
}

/** A session, or what went wrong in the platform's words (secrets masked). */
export type LoginResult = { session: LegacySession } | { failure: string };

/**
 * `POST /login`: a form-encoded body under a JSON content type — the header is what the SDK sent and the body
 * is what the server reads (docs/wire-formats/smartLiving.md#form-body-under-a-json-header). With a refresh
 * token it renews the session; otherwise it logs in with the username and password. A failure comes back as
 * text, not thrown: the credential (no node at hand) and the nodes each raise it as the error their context
 * allows.
 */
export async function legacyLogin(
	httpRequest: HttpRequest,
	credentials: ICredentialDataDecryptedObject,
	refreshToken?: string,
): Promise<LoginResult> {
	const form = new URLSearchParams(
		refreshToken
			? { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: LOGIN_CLIENT_ID }
			: {
					grant_type: 'password',
					username: String(credentials.username ?? ''),
					password: String(credentials.password ?? ''),
					client_id: LOGIN_CLIENT_ID,
				},
	);
	let body: IDataObject;
	try {
		body = parsed(
			await httpRequest({
				method: 'POST',
				url: `${apiBaseUrl(credentials)}/login`,
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: Buffer.from(form.toString()),
				json: false,
			}),
		);
	} catch (error) {
		const what = refreshToken ? 'renew its session' : 'log in';
		const secrets = [String(credentials.password ?? ''), refreshToken ?? ''];
		return {
			failure: `SmartLiving could not ${what}: ${redactText(loginFailureText(error), secrets)}`,
		};
	}
	const accessToken = body.access_token;
	if (typeof accessToken !== 'string' || accessToken === '') {
		return { failure: 'SmartLiving answered the login without an access token' };
	}
	const expiresIn = Number(body.expires_in);
	return {
		session: {
			accessToken,
			refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : '',
			expiresAt: Number.isFinite(expiresIn)
				? new Date(Date.now() + expiresIn * 1000).toISOString()
				: '',
			mqttClientId: String(body['rmq:clientId'] ?? ''),
			mqttClientKey: String(body['rmq:clientKey'] ?? ''),
		},
	};
}
