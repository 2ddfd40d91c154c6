import type { IDataObject } from 'n8n-workflow';

import type { OffsetKeys } from '../shared/pagination';
import { offsetPagination } from '../shared/pagination';
import type { ProviderProfile } from '../shared/provider';
import { credentialBaseUrl, isObject } from '../shared/provider';

export const SCG_DEFAULT_BASE_URL = 'https://api.syniverse.com';

const hostOf = credentialBaseUrl(SCG_DEFAULT_BASE_URL);

/**
 * SCG's error body is not documented (docs/wire-formats/syniverseScg.md#errors): take the first message-like
 * text from the shapes seen across Syniverse APIs (`message`, `error`, `error.description`, `errors`).
 */
export function scgErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string' && body.trim() !== '') return body.trim();
	if (!isObject(body)) return undefined;
	for (const key of ['message', 'error_description', 'errorMessage', 'description', 'detail']) {
		if (typeof body[key] === 'string' && body[key] !== '') return body[key] as string;
	}
	const error = body.error ?? body.fault;
	if (typeof error === 'string' && error !== '') return error;
	if (isObject(error)) {
		const nested = scgErrorMessage(error);
		if (nested) return nested;
		if (typeof error.code === 'string') return error.code;
	}
	const errors = body.errors;
	if (Array.isArray(errors) && errors.length > 0)
		return errors.map((entry) => scgErrorMessage(entry) ?? JSON.stringify(entry)).join('; ');
	if (isObject(errors)) {
		const texts = Object.values(errors).filter((value) => typeof value === 'string');
		if (texts.length > 0) return texts.join('; ');
	}
	return undefined;
}

const common = {
	credentialType: 'syniverseScgApi',
	secretFields: [
		'accessToken',
		'consumerKey',
		'consumerSecret',
		'sessionToken',
		'sessionTokenSource',
	],
	errorMessage: scgErrorMessage,
	// An expired token is a 401: the credential renews it with the consumer key and secret.
	refreshesTokenOnUnauthorized: true,
};

/** The SCG REST API: contacts, groups, sender IDs, message requests, messages, attachments. */
export const scgProfile: ProviderProfile = {
	...common,
	displayName: 'Syniverse SCG',
	baseUrl: (credentials) => `${hostOf(credentials)}/scg-external-api/api/v1`,
};

/** Attachment content travels through its own service. */
export const scgAttachmentProfile: ProviderProfile = {
	...common,
	displayName: 'Syniverse SCG',
	baseUrl: (credentials) => `${hostOf(credentials)}/scg-attachment/api/v1`,
};

/** The Event Manager (ESS), where the trigger registers its webhook. */
export const essProfile: ProviderProfile = {
	...common,
	displayName: 'Syniverse Event Manager',
	baseUrl: (credentials) => `${hostOf(credentials)}/ess/v1`,
};

/** Pages of up to 100 (the documented maximum) with `limit`, `offset`, `list` and `total`. */
export const scgPageKeys: OffsetKeys = {
	pageSize: 100,
	sizeParameter: 'limit',
	offsetParameter: 'offset',
	itemsKey: 'list',
	totalKey: 'total',
};

export const scgPagination = offsetPagination(scgPageKeys);

/** Creates answer `{id}`, reads answer the object, deletes answer nothing. */
export function unwrapScg(body: unknown): IDataObject | IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (isObject(body)) {
		if (Array.isArray(body.list)) return body.list as IDataObject[];
		return body as IDataObject;
	}
	return { value: body as IDataObject[string] };
}

/**
 * A JSON body as SCG reads it: `{}` where there is nothing to send, as the SDK sends it. n8n's HTTP client
 * leaves an empty object out (no body, no content type), so the empty one goes as the JSON text.
 */
export function scgJsonBody(body: IDataObject): {
	body: IDataObject | Buffer;
	headers?: IDataObject;
} {
	if (Object.keys(body).length > 0) return { body };
	return { body: Buffer.from('{}'), headers: { 'Content-Type': 'application/json' } };
}
