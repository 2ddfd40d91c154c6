/**
 * The credentials authenticate with a function rather than n8n's declarative form, so n8n evaluates no
 * expression per request. Each must put into a request exactly what the declarative form it replaces
 * put there: that form is kept here, resolved as n8n's server resolves it (CredentialsHelper.authenticate:
 * each value through the expression engine, an empty result as '', anything else as its text), and
 * compared over empty, missing and set credential values and requests with and without the part.
 * (SmartLiving keeps its declarative form: the companion package declares it too, identical. Vumi Go's
 * one credential picks Bearer or Basic by the API a request goes to, a function from the start: its own
 * tests are in test/vumiGo/credential.test.ts.)
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeTypes,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { HoiioApi } from '../../credentials/HoiioApi.credentials';
import { HologramApi } from '../../credentials/HologramApi.credentials';
import { SyniverseScgApi } from '../../credentials/SyniverseScgApi.credentials';

type Declarative = Record<string, Record<string, string>>;

/** The declarative `authenticate` of each credential before it became a function. */
const DECLARATIVE: Array<{ credential: ICredentialType; properties: Declarative }> = [
	{
		credential: new HologramApi(),
		properties: { auth: { username: 'apikey', password: '={{$credentials.apiKey}}' } },
	},
	{
		credential: new HoiioApi(),
		properties: {
			body: { app_id: '={{$credentials.appId}}', access_token: '={{$credentials.accessToken}}' },
		},
	},
	{
		credential: new SyniverseScgApi(),
		properties: {
			headers: {
				Authorization:
					'=Bearer {{ $credentials.sessionToken && $credentials.sessionTokenSource === $credentials.accessToken ? $credentials.sessionToken : $credentials.accessToken }}',
			},
		},
	},
];

const noNodeTypes = {
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;
const workflow = new Workflow({
	id: 'credential-auth',
	nodes: [
		{ id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} },
	],
	connections: {},
	active: false,
	nodeTypes: noNodeTypes,
	settings: {},
});

/** n8n's server: CredentialsHelper.authenticate with its resolveValue, for a declarative form. */
function declarativeResult(
	properties: Declarative,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const node = workflow.getNode('Node');
	if (!node) throw new Error('The workflow has no node');
	const resolve = (value: string): string => {
		if (!value.startsWith('=')) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved as string) : '';
	};
	if (requestOptions.headers === undefined) requestOptions.headers = {};
	const options = requestOptions as unknown as Record<string, IDataObject>;
	for (const [part, values] of Object.entries(properties)) {
		for (const [key, value] of Object.entries(values)) {
			if (!options[part]) options[part] = {};
			options[part][resolve(key)] = resolve(value);
		}
	}
	return requestOptions;
}

/** Credential values: every field empty, missing, set, a number; SCG's session token its own and stale. */
const CREDENTIALS: ICredentialDataDecryptedObject[] = [
	{},
	{ apiKey: '', appId: '', accessToken: '', accountKey: '', conversationToken: '' },
	{
		apiKey: 'key-1',
		appId: 'app-1',
		accessToken: 'access-1',
		accountKey: 'account-1',
		conversationToken: 'conversation-1',
		sessionToken: 'session-1',
		sessionTokenSource: 'access-1',
	},
	{
		apiKey: 12345,
		accessToken: 'access-2',
		sessionToken: 'session-2',
		sessionTokenSource: 'an older access token',
	},
	{
		accessToken: null,
		sessionToken: '',
		sessionTokenSource: '',
	} as unknown as ICredentialDataDecryptedObject,
];

/** Requests without the part, and with it already holding something of its own. */
const requests = (): IHttpRequestOptions[] => [
	{ url: 'https://provider.example/one', method: 'GET' },
	{
		url: 'https://provider.example/two',
		method: 'POST',
		headers: { Accept: 'application/json' },
		body: { text: 'Hello' },
		qs: { page: 2 },
	},
];

describe('Credentials authenticate as their declarative form did, without an expression per request', () => {
	test.each(DECLARATIVE.map((entry) => [entry.credential.name, entry]))(
		'%s',
		async (_name, { credential, properties }) => {
			expect(typeof credential.authenticate).toBe('function');
			const authenticate = credential.authenticate as (
				credentials: ICredentialDataDecryptedObject,
				requestOptions: IHttpRequestOptions,
			) => Promise<IHttpRequestOptions>;
			for (const credentials of CREDENTIALS) {
				const expected = requests().map((request) =>
					declarativeResult(properties, credentials, request),
				);
				const actual = await Promise.all(
					requests().map(async (request) => await authenticate(credentials, request)),
				);
				expect({ credentials, actual }).toEqual({ credentials, actual: expected });
			}
		},
	);
});
