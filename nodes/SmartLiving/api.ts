import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	ITriggerFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findInErrorChain } from '../shared/errors';
import type { PageNumberKeys, Pagination } from '../shared/pagination';
import { firstItems, pageNumberPagination } from '../shared/pagination';
import type { ProviderProfile } from '../shared/provider';
import { isObject } from '../shared/provider';
import type { ProviderRequest, RequestSettings } from '../shared/request';
import { providerRequest } from '../shared/request';
import type { Platform } from './login';
import { apiBaseUrl, platformName, platformOf } from './login';

export const CREDENTIAL_TYPE = 'smartLivingApi';

/** Errors come OAuth style (`error_description`) or as `message` (wire notes §4.2, §6.4). */
export function smartLivingErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string' && body.trim() !== '') return body.trim();
	if (!isObject(body)) return undefined;
	for (const key of ['error_description', 'message', 'Message', 'detail', 'title']) {
		if (typeof body[key] === 'string' && body[key] !== '') return body[key] as string;
	}
	if (typeof body.error === 'string' && body.error !== '') return body.error;
	if (isObject(body.error)) return smartLivingErrorMessage(body.error);
	return undefined;
}

/** The legacy login's own error (see login.ts), wherever n8n wrapped it. */
function loginFailureOf(error: unknown): string | undefined {
	return findInErrorChain(error, (candidate) => {
		const message = (candidate as { message?: unknown }).message;
		return typeof message === 'string' && message.startsWith('SmartLiving could not ')
			? message
			: undefined;
	});
}

export const smartLivingProfile: ProviderProfile = {
	displayName: 'SmartLiving',
	credentialType: CREDENTIAL_TYPE,
	baseUrl: apiBaseUrl,
	secretFields: ['password', 'token', 'accessToken', 'refreshToken', 'mqttPassword'],
	errorMessage: smartLivingErrorMessage,
	// Legacy sessions expire: a 401 makes the credential renew the token and n8n repeat the request.
	refreshesTokenOnUnauthorized: true,
	loginFailure: loginFailureOf,
};

type Context = IExecuteFunctions | ILoadOptionsFunctions | ITriggerFunctions | IPollFunctions;

export async function platformFor(context: Context): Promise<Platform> {
	return platformOf(await context.getCredentials(CREDENTIAL_TYPE));
}

/** One call to the API; the body, parsed (an empty answer becomes `{}`). */
export async function call(
	context: Context,
	request: ProviderRequest,
	settings: RequestSettings = {},
): Promise<unknown> {
	return (await providerRequest(context, smartLivingProfile, request, settings)).body;
}

/** Lists arrive as a bare array, `{items}` (grounds, devices), `{assets}` (a device) or `{data}`. */
export function itemsOf(body: unknown, key?: string): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (!isObject(body)) return [];
	for (const candidate of [key, 'items', 'data', 'states', 'assets']) {
		if (candidate && Array.isArray(body[candidate])) return body[candidate] as IDataObject[];
	}
	return [];
}

/** A call one platform does not have: said plainly, before anything is sent. */
export function notOnPlatform(
	context: IExecuteFunctions,
	itemIndex: number,
	platform: Platform,
	what: string,
): NodeOperationError {
	const other = platform === 'maker' ? 'SmartLiving (legacy)' : 'AllThingsTalk Maker';
	return new NodeOperationError(context.getNode(), `${platformName(platform)} has no ${what}`, {
		itemIndex,
		description: `Only the ${other} API offers this. Change the operation, or use a credential whose Platform is ${other}.`,
	});
}

/** Whether a history page says more follow: a `next` link (top-level, or in `links`) that is empty says no. */
function moreHistory(body: unknown): boolean | undefined {
	if (!isObject(body)) return undefined;
	if ('next' in body && !body.next) return false;
	if (isObject(body.links) && !body.links.next) return false;
	return undefined;
}

/**
 * History pages: `page` counts from 0, and the first page goes without it, as the SDK sent it. The page
 * size is not documented: the walk ends at an empty page, a page shorter than the first, or a `next`
 * link that is empty or, where `links` is given, absent.
 */
export const historyPageKeys: PageNumberKeys = {
	pageParameter: 'page',
	firstPage: 0,
	firstPageUnnumbered: true,
	itemsKey: 'data',
	entries: (body) => itemsOf(body),
	more: moreHistory,
	maxPages: 1000,
};

export const historyPagination = pageNumberPagination(historyPageKeys);

/** Lists read in one request (grounds, devices, assets): Limit trims the answer. */
export const noPagination: Pagination = {
	async collect(fetchPage, limit) {
		return firstItems(itemsOf(await fetchPage({})), limit);
	},
};

export function unwrapSmartLiving(body: unknown): IDataObject | IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (isObject(body)) return body as IDataObject;
	return { value: body as IDataObject[string] };
}
