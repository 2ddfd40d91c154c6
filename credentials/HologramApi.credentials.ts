import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class HologramApi implements ICredentialType {
	name = 'hologramApi';

	displayName = 'Hologram API';

	icon: Icon = {
		light: 'file:../nodes/Hologram/hologram.svg',
		dark: 'file:../nodes/Hologram/hologram.dark.svg',
	};

	documentationUrl = 'https://docs.hologram.io/docs/reference/rest-api/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Generate one in the Hologram Dashboard under Account Settings → API Keys',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://dashboard.hologram.io/api/1',
			description: 'Leave the default; change it only for a private server or a test server',
		},
	];

	// The current API documents HTTP Basic with the literal user name "apikey".
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: 'apikey', password: '={{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/users/me' },
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message: 'Hologram did not accept the API key',
				},
			},
		],
	};
}
