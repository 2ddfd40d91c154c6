import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateWith, templateText } from '../nodes/shared/credentialAuth';

export class VumiGoApi implements ICredentialType {
	name = 'vumiGoApi';

	displayName = 'Vumi Go API';

	icon: Icon = {
		light: 'file:../nodes/VumiGo/vumiGo.svg',
		dark: 'file:../nodes/VumiGo/vumiGo.dark.svg',
	};

	documentationUrl = 'https://go-http-api.readthedocs.io/en/latest/';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'OAuth access token of the account, created in the Vumi Go interface',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://go.vumi.org/api/v1/go',
			description:
				'Base of the account, contacts, metrics and opt-out APIs. The hosted go.vumi.org has closed: enter the address of your own Vumi Go server.',
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		authenticateWith(requestOptions, 'headers', {
			Authorization: `Bearer ${templateText(credentials.accessToken)}`,
		});

	// Listing the campaigns is the lightest call the account API has.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/',
			method: 'POST',
			body: { jsonrpc: '2.0', id: 0, method: 'campaigns', params: [] },
		},
	};
}
