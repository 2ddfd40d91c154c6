import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateWith, credentialText } from '../nodes/shared/credentialAuth';

export class VumiGoConversationApi implements ICredentialType {
	name = 'vumiGoConversationApi';

	displayName = 'Vumi Go Conversation API';

	icon: Icon = {
		light: 'file:../nodes/VumiGo/vumiGo.svg',
		dark: 'file:../nodes/VumiGo/vumiGo.dark.svg',
	};

	documentationUrl = 'https://go-http-api.readthedocs.io/en/latest/';

	properties: INodeProperties[] = [
		{
			displayName: 'Account Key',
			name: 'accountKey',
			type: 'string',
			default: '',
			required: true,
			description: 'Shown at the bottom of the Account → Details page in Vumi Go',
		},
		{
			displayName: 'Conversation Key',
			name: 'conversationKey',
			type: 'string',
			default: '',
			required: true,
			description: 'The key at the end of the conversation’s address in Vumi Go',
		},
		{
			displayName: 'Conversation Token',
			name: 'conversationToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret token entered in the settings of the HTTP API conversation',
		},
		{
			displayName: 'HTTP API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://go.vumi.org/api/v1/go/http_api_nostream',
			description:
				'Base of the conversation HTTP API. The hosted go.vumi.org has closed: enter the address of your own Vumi Go server.',
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		authenticateWith(requestOptions, 'auth', {
			username: credentialText(credentials.accountKey),
			password: credentialText(credentials.conversationToken),
		});

	// Firing an empty list of metrics checks the key and token without recording anything. The list goes as
	// JSON text: n8n sends no body at all for an empty array, which Vumi Go refuses as an invalid message.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl.replace(/\\/+$/, "") + "/" + encodeURIComponent($credentials.conversationKey)}}',
			url: '/metrics.json',
			method: 'PUT',
			headers: { 'Content-Type': 'application/json' },
			body: '[]',
		},
	};
}
