import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import {
	LEGACY_DEFAULT_API_URL,
	MAKER_DEFAULT_API_URL,
	legacyLogin,
	platformOf,
	sessionSourceOf,
} from '../nodes/SmartLiving/login';

const legacy = { show: { platform: ['smartLiving'] } };
const maker = { show: { platform: ['maker'] } };

/**
 * Legacy: logs in (through preAuthentication, which words a refused login itself) and lists the grounds.
 * Maker: the token's grounds, or its device. Refusals are worded by their HTTP status, which n8n 2.x hands to
 * the rules (1.x shows its own words).
 */
export const smartLivingCredentialTest: ICredentialTestRequest = {
	rules: [
		{
			type: 'responseCode',
			properties: {
				value: 401,
				message:
					'The token was refused: check it in AllThingsTalk Maker, in the settings of the device or ground it belongs to',
			},
		},
		{
			type: 'responseCode',
			properties: {
				value: 404,
				message:
					'This is not a SmartLiving/AllThingsTalk API: check the platform and API URL (and the Device ID of a device token)',
			},
		},
	],
	request: {
		baseURL:
			'={{ ($credentials.platform === "smartLiving" ? ($credentials.apiUrl || "http://api.smartliving.io") : ($credentials.makerApiUrl || "https://api.allthingstalk.io")).replace(/\\/+$/, "") }}',
		url: '={{ $credentials.platform === "smartLiving" ? "/me/grounds" : ($credentials.makerScope === "device" ? "/device/" + encodeURIComponent($credentials.deviceId) : "/grounds") }}',
	},
};

export class SmartLivingApi implements ICredentialType {
	name = 'smartLivingApi';

	displayName = 'SmartLiving / AllThingsTalk API';

	icon: Icon = {
		light: 'file:../nodes/SmartLiving/smartLiving.svg',
		dark: 'file:../nodes/SmartLiving/smartLiving.dark.svg',
	};

	documentationUrl = 'https://docs.allthingstalk.com/developers/api/authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'options',
			default: 'maker',
			options: [
				{
					name: 'AllThingsTalk Maker',
					value: 'maker',
					description: 'The current platform: a device or ground token',
				},
				{
					name: 'SmartLiving (Legacy)',
					value: 'smartLiving',
					description:
						'The retired SmartLiving generation (username and password login); mostly for old installations and test servers',
				},
			],
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: maker,
			description: 'A device token or a ground token, from the device or ground settings in Maker',
		},
		{
			displayName: 'Token Type',
			name: 'makerScope',
			type: 'options',
			default: 'ground',
			displayOptions: maker,
			options: [
				{ name: 'Ground Token', value: 'ground', description: 'Reaches every device of a ground' },
				{ name: 'Device Token', value: 'device', description: 'Reaches one device only' },
			],
			description: 'Used to test the credential: a device token cannot read grounds',
		},
		{
			displayName: 'Device ID',
			name: 'deviceId',
			type: 'string',
			default: '',
			displayOptions: { show: { platform: ['maker'], makerScope: ['device'] } },
			description: 'The device the token belongs to; the credential test reads it',
		},
		{
			displayName: 'API URL',
			name: 'makerApiUrl',
			type: 'string',
			default: MAKER_DEFAULT_API_URL,
			displayOptions: maker,
			description:
				'Leave the default; change it only for a dedicated space (like https://acme.allthingstalk.io), a private server or a test server. If the credential test then says ECONNREFUSED, ENOTFOUND or ETIMEDOUT, nothing answers at this address.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: legacy,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: legacy,
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: LEGACY_DEFAULT_API_URL,
			displayOptions: legacy,
			description:
				'The SmartLiving API server (plain HTTP in the original service). If the credential test says ECONNREFUSED, ENOTFOUND or ETIMEDOUT, nothing answers at this address.',
		},
		{
			displayName: 'Broker Host',
			name: 'brokerHost',
			type: 'string',
			default: '',
			placeholder: 'api.allthingstalk.io',
			description:
				"MQTT broker for the nodes of the n8n-nodes-telco-iot-mqtt package (self-hosted n8n). Leave empty for the platform's own broker (api.allthingstalk.io, or broker.smartliving.io for legacy).",
		},
		{
			displayName: 'Broker Port',
			name: 'brokerPort',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, maxValue: 65535 },
			description: 'Leave 0 for the usual port: 1883, or 8883 with TLS',
		},
		{
			displayName: 'Broker Uses TLS',
			name: 'brokerTls',
			type: 'boolean',
			default: false,
			description: 'Whether to connect to the broker over TLS (mqtts)',
		},
		// Filled by the login (legacy): renewed with the refresh token or a new login after a 401.
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Access Token Expires At',
			name: 'expiresAt',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Session Source',
			name: 'sessionSource',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'MQTT Client ID',
			name: 'mqttClientId',
			type: 'hidden',
			default: '',
		},
		// The account's broker password (the login's client key, wire notes §4.4).
		{
			displayName: 'MQTT Password',
			name: 'mqttPassword',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * n8n calls this when no access token is stored yet and after a 401. Maker tokens need nothing.
	 * Legacy: a stored session of the same user is renewed with its refresh token (what the SDK does
	 * after a 401); otherwise, or when that fails, the username and password log in again.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (platformOf(credentials) === 'maker') return {};
		const httpRequest = async (options: Parameters<typeof this.helpers.httpRequest>[0]) =>
			(await this.helpers.httpRequest(options)) as unknown;
		const source = sessionSourceOf(credentials);
		const refreshToken = String(credentials.refreshToken ?? '');
		const ownSession =
			credentials.accessToken && credentials.sessionSource === source && refreshToken !== '';
		// An expired or revoked refresh token: a new login, as the SDK does.
		let login = ownSession ? await legacyLogin(httpRequest, credentials, refreshToken) : undefined;
		if (login === undefined || 'failure' in login)
			login = await legacyLogin(httpRequest, credentials);
		if ('failure' in login) throw new Error(login.failure);
		const { session } = login;
		return {
			accessToken: session.accessToken,
			refreshToken: session.refreshToken,
			expiresAt: session.expiresAt,
			sessionSource: source,
			mqttClientId: session.mqttClientId,
			mqttPassword: session.mqttClientKey,
		};
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'=Bearer {{ $credentials.platform === "smartLiving" ? $credentials.accessToken : $credentials.token }}',
			},
		},
	};

	test: ICredentialTestRequest = smartLivingCredentialTest;
}
