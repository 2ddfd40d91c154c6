import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateWith, credentialText } from '../nodes/shared/credentialAuth';

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
			description: 'Change only to point at a test server or the package sandbox',
		},
	];

	// The current API documents HTTP Basic with the literal user name "apikey".
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		authenticateWith(requestOptions, 'auth', {
			username: 'apikey',
			password: credentialText(credentials.apiKey),
		});

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
