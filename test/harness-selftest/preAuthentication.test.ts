import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestHelper,
	INodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { registerTestCredentialType, registerTestNodeType, runNode } from '../harness/n8n';
import type { LocalServer } from './localServer';
import { startLocalServer } from './localServer';

/** A session-token credential: log in with the API key, send the token until it is refused. */
const tokenCredential: ICredentialType = {
	name: 'testTokenApi',
	displayName: 'Test Token API',
	properties: [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	],
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { token } = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${String(credentials.baseUrl)}/login`,
			body: { apiKey: credentials.apiKey },
			json: true,
		})) as { token: string };
		return { sessionToken: token };
	},
	authenticate: {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' } },
	},
};

const tokenClient: INodeType = {
	description: {
		displayName: 'Test Token Client',
		name: 'testTokenClient',
		group: ['transform'],
		version: 1,
		description: 'Reads /me with the session token',
		defaults: { name: 'Token Client' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'testTokenApi', required: true }],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		const { baseUrl } = await this.getCredentials('testTokenApi');
		const me = (await this.helpers.httpRequestWithAuthentication.call(this, 'testTokenApi', {
			method: 'GET',
			url: `${String(baseUrl)}/me`,
			json: true,
		})) as { name: string };
		return [[{ json: me }]];
	},
};

registerTestCredentialType(tokenCredential);
registerTestNodeType('testTokenClient', tokenClient);

describe('FixtureCredentialsHelper.preAuthentication', () => {
	let api: LocalServer;
	let issued = 0;
	let validToken: string | undefined;

	beforeAll(async () => {
		api = await startLocalServer((request) => {
			if (request.path === '/login') {
				issued += 1;
				validToken = `token-${issued}`;
				return { body: { token: validToken } };
			}
			if (validToken && request.headers.authorization === `Bearer ${validToken}`) {
				return { body: { name: 'Ada' } };
			}
			return { status: 401, body: { error: 'invalid token' } };
		});
	});
	afterAll(async () => await api.close());
	beforeEach(() => {
		api.seen.length = 0;
	});

	const paths = () => api.seen.map((request) => `${request.method} ${request.path}`);

	test('an empty token is fetched once, used, and stored for the next runs', async () => {
		const credentials = { testTokenApi: { apiKey: 'key-1', baseUrl: api.url } };

		const first = await runNode({ node: 'testTokenClient', parameters: {}, credentials });

		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toEqual({ name: 'Ada' });
		expect(first.preAuthenticationCalls).toEqual([
			{
				credentialType: 'testTokenApi',
				credentialsExpired: false,
				output: { sessionToken: validToken },
			},
		]);
		expect(api.seen[0].body).toEqual({ apiKey: 'key-1' });
		expect(api.seen[1].headers.authorization).toBe(`Bearer ${validToken}`);
		expect(credentials.testTokenApi).toMatchObject({ sessionToken: validToken });

		api.seen.length = 0;
		const second = await runNode({ node: 'testTokenClient', parameters: {}, credentials });

		expect(second.items[0].json).toEqual({ name: 'Ada' });
		expect(second.preAuthenticationCalls).toEqual([]);
		expect(paths()).toEqual(['GET /me']);
	});

	test('a token the API refuses with 401 is renewed exactly once and the request retried', async () => {
		const credentials = {
			testTokenApi: { apiKey: 'key-1', baseUrl: api.url, sessionToken: 'expired-token' },
		};

		const { items, error, preAuthenticationCalls } = await runNode({
			node: 'testTokenClient',
			parameters: {},
			credentials,
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ name: 'Ada' });
		expect(preAuthenticationCalls).toHaveLength(1);
		expect(preAuthenticationCalls[0].credentialsExpired).toBe(true);
		expect(paths()).toEqual(['GET /me', 'POST /login', 'GET /me']);
		expect(api.seen[0].headers.authorization).toBe('Bearer expired-token');
		expect(api.seen[2].headers.authorization).toBe(`Bearer ${validToken}`);
		expect(credentials.testTokenApi.sessionToken).toBe(validToken);
	});

	test('a credential without an expirable field is never pre-authenticated', async () => {
		const plainCredential: ICredentialType = {
			...tokenCredential,
			name: 'testPlainTokenApi',
			properties: tokenCredential.properties.map((property) => ({
				...property,
				typeOptions: undefined,
			})),
		};
		registerTestCredentialType(plainCredential);
		registerTestNodeType('testPlainTokenClient', {
			...tokenClient,
			description: {
				...tokenClient.description,
				name: 'testPlainTokenClient',
				credentials: [{ name: 'testPlainTokenApi', required: true }],
			},
			async execute(this: IExecuteFunctions) {
				const { baseUrl } = await this.getCredentials('testPlainTokenApi');
				await this.helpers.httpRequestWithAuthentication.call(this, 'testPlainTokenApi', {
					method: 'GET',
					url: `${String(baseUrl)}/me`,
				});
				return [[]];
			},
		});

		const { error, preAuthenticationCalls } = await runNode({
			node: 'testPlainTokenClient',
			parameters: {},
			credentials: { testPlainTokenApi: { apiKey: 'key-1', baseUrl: api.url } },
		});

		expect(preAuthenticationCalls).toEqual([]);
		// n8n-core resends once after any 401, with the same (unchanged) credentials.
		expect(paths()).toEqual(['GET /me', 'GET /me']);
		expect(error?.message).toMatch(/401|Authorization failed/i);
	});
});
