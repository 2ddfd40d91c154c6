import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

const DEFAULT_HTTP_API_URL = 'https://go.vumi.org/api/v1/go/http_api_nostream';

/** In the credential test's expressions: whether any conversation field is filled in. */
const CONVERSATION_FILLED =
	'($credentials.accountKey || $credentials.conversationKey || $credentials.conversationToken)';

const conversationHelp =
	'Needed only to send messages (Message → Send Text and Send Voice) and to fire metrics through the conversation. ';

/**
 * One credential for all of Vumi Go: the account's token for the account, contacts, metrics and opt-out
 * APIs, and the conversation's key and token for its HTTP API, which sends messages.
 */
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
		{
			displayName: 'Account Key',
			name: 'accountKey',
			type: 'string',
			default: '',
			description: `${conversationHelp}Shown at the bottom of the Account → Details page in Vumi Go.`,
		},
		{
			displayName: 'Conversation Key',
			name: 'conversationKey',
			type: 'string',
			default: '',
			description: `${conversationHelp}The key at the end of the conversation’s address in Vumi Go.`,
		},
		{
			displayName: 'Conversation Token',
			name: 'conversationToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: `${conversationHelp}The secret token entered in the settings of the HTTP API conversation.`,
		},
		{
			displayName: 'HTTP API Base URL',
			name: 'httpApiBaseUrl',
			type: 'string',
			default: DEFAULT_HTTP_API_URL,
			description:
				'Base of the conversation HTTP API, used to send messages. The hosted go.vumi.org has closed: enter the address of your own Vumi Go server.',
		},
	];

	/**
	 * The conversation HTTP API takes the account key and conversation token as Basic auth; every other
	 * API the account's token as a Bearer token. The request's address says which API it goes to.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const httpApi = String(credentials.httpApiBaseUrl || DEFAULT_HTTP_API_URL).replace(/\/+$/, '');
		const url = `${requestOptions.baseURL ?? ''}${requestOptions.url}`;
		if (url.startsWith(`${httpApi}/`))
			return {
				...requestOptions,
				auth: {
					username: String(credentials.accountKey ?? ''),
					password: String(credentials.conversationToken ?? ''),
				},
			};
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${String(credentials.accessToken ?? '')}`,
			},
		};
	}

	// n8n tests a credential with one request. With the conversation filled in, that request checks the
	// conversation (an empty list of metrics: key and token checked, nothing recorded; sent as JSON text,
	// since n8n sends no body for an empty array); without it, the account token (listing campaigns).
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${CONVERSATION_FILLED} ? ($credentials.httpApiBaseUrl || "${DEFAULT_HTTP_API_URL}").replace(/\\/+$/, "") + "/" + encodeURIComponent($credentials.conversationKey || "") : $credentials.baseUrl.replace(/\\/+$/, "") }}`,
			url: `={{ ${CONVERSATION_FILLED} ? "/metrics.json" : "/api/" }}`,
			method: `={{ ${CONVERSATION_FILLED} ? "PUT" : "POST" }}` as IHttpRequestMethods,
			headers: { 'Content-Type': 'application/json' },
			body: `={{ ${CONVERSATION_FILLED} ? "[]" : JSON.stringify({ jsonrpc: "2.0", id: 0, method: "campaigns", params: [] }) }}`,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Vumi Go refused the credential: check the Account Key and Conversation Token (or, with no conversation filled in, the Access Token)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Vumi Go refused the Access Token: check it, and the API Base URL',
				},
			},
		],
	};
}
