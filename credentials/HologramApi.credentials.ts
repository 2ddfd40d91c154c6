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
			description:
				'Leave the default; change it only for a private server or a test server. If the credential test then says ECONNREFUSED, ENOTFOUND or ETIMEDOUT, nothing answers at this address.',
		},
	];

	// The current API documents HTTP Basic with the literal user name "apikey".
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: 'apikey', password: '={{$credentials.apiKey}}' },
		},
	};

	// Every answer reaches the rules, on n8n 1.x as on 2.x: with HTTP errors n8n would show its own words (2.x
	// the status text, 1.x a generic one). Hologram answers with a `success` flag, also when it refuses the key.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/users/me',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message:
						'The API key was refused: check it in Hologram Dashboard → Account Settings → API Keys',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: undefined,
					message: 'This is not the Hologram API: check the Base URL',
				},
			},
		],
	};
}
