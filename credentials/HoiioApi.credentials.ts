import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class HoiioApi implements ICredentialType {
	name = 'hoiioApi';

	displayName = 'Hoiio API';

	icon: Icon = {
		light: 'file:../nodes/Hoiio/hoiio.svg',
		dark: 'file:../nodes/Hoiio/hoiio.dark.svg',
	};

	documentationUrl = 'https://developer.hoiio.com/docs/index.html';

	properties: INodeProperties[] = [
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description: 'The App ID of your Hoiio application, from the Hoiio Developer Portal',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The access token of the application, from the Hoiio Developer Portal',
		},
		{
			displayName: 'Default Country Code',
			name: 'defaultCountryCode',
			type: 'string',
			default: '',
			placeholder: '65',
			description:
				'Country calling code added to phone numbers written without one (for example 65 for Singapore). Leave empty to require every number with its country code, like +6591234567.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://secure.hoiio.com/open',
			description:
				'Leave the default; change it only for a private server or a test server. If the credential test then says ECONNREFUSED, ENOTFOUND or ETIMEDOUT, nothing answers at this address.',
		},
	];

	// Hoiio takes its credentials as request parameters, in the same form body as the call's own.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			body: {
				app_id: '={{$credentials.appId}}',
				access_token: '={{$credentials.accessToken}}',
			},
		},
	};

	// Hoiio answers errors inside an HTTP 200, so the test reads the status it reports. Every answer reaches the
	// rules, on n8n 1.x as on 2.x: with HTTP errors n8n would show its own words instead.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/user/get_balance',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'error_invalid_app_id',
					message: 'Hoiio does not know this App ID: check it in the Hoiio Developer Portal',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'error_invalid_access_token',
					message:
						'The access token was refused: check it in the Hoiio Developer Portal, next to the App ID',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: undefined,
					message: 'This is not the Hoiio API: check the Base URL',
				},
			},
		],
	};
}
