import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OpaqueCursorKeys } from '../shared/pagination';
import { opaqueCursorPagination } from '../shared/pagination';
import type { ProviderProfile } from '../shared/provider';
import { credentialBaseUrl, isObject, stripTrailingSlash } from '../shared/provider';
import type { RequestSettings } from '../shared/request';
import { providerRequest } from '../shared/request';

export const VUMI_DEFAULT_BASE_URL = 'https://go.vumi.org/api/v1/go';
export const VUMI_DEFAULT_HTTP_API_URL = 'https://go.vumi.org/api/v1/go/http_api_nostream';

/**
 * Vumi Go answers errors in three shapes: the contacts and metrics APIs `{status_code, reason}`,
 * the opt-out API `{status: {code, reason}}`, the conversation API `{success: false, reason}`;
 * JSON-RPC faults carry a `faultString`.
 */
export function vumiErrorMessage(body: unknown): string | undefined {
	if (!isObject(body)) return typeof body === 'string' && body.trim() !== '' ? body : undefined;
	if (typeof body.reason === 'string' && body.reason !== '') return body.reason;
	if (isObject(body.status) && typeof body.status.reason === 'string') return body.status.reason;
	if (isObject(body.error)) {
		const { faultString, message } = body.error;
		if (typeof faultString === 'string') return faultString;
		if (typeof message === 'string') return message;
	}
	if (typeof body.error === 'string') return body.error;
	return undefined;
}

/** The Vumi Go credential holds both the account's token and the conversation's key and token. */
const VUMI_CREDENTIAL = 'vumiGoApi';
const SECRET_FIELDS = ['accessToken', 'conversationToken'];

const accountCredential = {
	displayName: 'Vumi Go',
	credentialType: VUMI_CREDENTIAL,
	baseUrl: credentialBaseUrl(VUMI_DEFAULT_BASE_URL),
	secretFields: SECRET_FIELDS,
	errorMessage: vumiErrorMessage,
};

/** The REST APIs behind the account token: contacts, groups, metrics and opt-outs. */
export const vumiProfile: ProviderProfile = { ...accountCredential };

/** The account API speaks JSON-RPC 2.0: a fault arrives as `error` inside an HTTP 200. */
export const vumiRpcProfile: ProviderProfile = {
	...accountCredential,
	envelopeFailure: (body) => {
		if (!isObject(body) || body.error === null || body.error === undefined) return undefined;
		const error = body.error;
		const code = isObject(error) ? (error.faultCode ?? error.code) : undefined;
		return {
			message: vumiErrorMessage(body) ?? JSON.stringify(error),
			code: code === undefined || code === null ? undefined : `fault ${String(code)}`,
		};
	},
};

/**
 * The conversation HTTP API: the conversation key is part of every path, so it joins the base URL;
 * the credential authenticates it with the account key and the conversation token.
 */
export const vumiConversationProfile: ProviderProfile = {
	displayName: 'Vumi Go',
	credentialType: VUMI_CREDENTIAL,
	baseUrl: (credentials) =>
		`${stripTrailingSlash(String(credentials.httpApiBaseUrl || VUMI_DEFAULT_HTTP_API_URL))}/${encodeURIComponent(
			String(credentials.conversationKey ?? '').trim(),
		)}`,
	secretFields: SECRET_FIELDS,
	errorMessage: vumiErrorMessage,
	envelopeFailure: (body) =>
		isObject(body) && body.success === false
			? { message: vumiErrorMessage(body) ?? 'the request failed' }
			: undefined,
};

const CONVERSATION_FIELDS = [
	{ name: 'accountKey', displayName: 'Account Key' },
	{ name: 'conversationKey', displayName: 'Conversation Key' },
	{ name: 'conversationToken', displayName: 'Conversation Token' },
];

/**
 * The conversation API needs the conversation's fields of the credential, which are optional there:
 * a send without them fails before anything is sent, naming the first one missing.
 */
export async function checkConversationCredential(
	context: IExecuteFunctions,
	itemIndex: number,
	what: string,
): Promise<void> {
	const credentials = await context.getCredentials(VUMI_CREDENTIAL);
	const missing = CONVERSATION_FIELDS.find(
		(field) => String(credentials[field.name] ?? '').trim() === '',
	);
	if (!missing) return;
	throw new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex}: ${what} needs the conversation's ${missing.displayName}, which the Vumi Go credential does not have`,
		{
			itemIndex,
			description:
				'Open the Vumi Go API credential and fill in Account Key, Conversation Key and Conversation Token: the HTTP API settings of the conversation in Vumi Go. The access token alone is enough for every operation except sending.',
		},
	);
}

/** Contacts and group members come in pages joined by an opaque `cursor`, null on the last page. */
export const vumiPageKeys: OpaqueCursorKeys = {
	cursorParameter: 'cursor',
	itemsKey: 'data',
	nextCursorKey: 'cursor',
};

export const vumiPagination = opaqueCursorPagination(vumiPageKeys);

/** Contacts and groups answer the object itself; opt-outs wrap theirs in `opt_out`. */
export function unwrapVumi(body: unknown): IDataObject | IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (!isObject(body)) return { value: body as IDataObject[string] };
	if (Array.isArray(body.data)) return body.data as IDataObject[];
	return body as IDataObject;
}

/** One JSON-RPC call to the account API; returns its `result`. */
export async function callAccountApi(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	method: string,
	params: unknown[],
	settings: RequestSettings = {},
	itemIndex?: number,
): Promise<unknown> {
	const { body } = await providerRequest(
		context,
		vumiRpcProfile,
		{
			method: 'POST',
			path: 'api/',
			body: { jsonrpc: '2.0', id: 0, method, params } as IDataObject,
			// Reads, and a routing table update that sets the whole table, are safe to repeat.
			idempotent: true,
			itemIndex,
		},
		settings,
	);
	return isObject(body) ? body.result : undefined;
}
