import type { IDataObject } from 'n8n-workflow';

import type { IdCursorKeys } from '../shared/pagination';
import { idCursorPagination } from '../shared/pagination';
import type { ProviderProfile } from '../shared/provider';
import { credentialBaseUrl, isObject } from '../shared/provider';

export const HOLOGRAM_DEFAULT_BASE_URL = 'https://dashboard.hologram.io/api/1';

/** Hologram wraps every answer in `{success, data}` or `{success: false, error}`. */
export const hologramProfile: ProviderProfile = {
	displayName: 'Hologram',
	credentialType: 'hologramApi',
	baseUrl: credentialBaseUrl(HOLOGRAM_DEFAULT_BASE_URL),
	secretFields: ['apiKey'],
	errorMessage: (body) =>
		isObject(body) && typeof body.error === 'string' ? body.error : undefined,
	envelopeFailure: (body) =>
		isObject(body) && body.success === false
			? { message: typeof body.error === 'string' ? body.error : 'the request failed' }
			: undefined,
};

/** Pages of 100 (Hologram allows 1,000): `limit` and `startafter=<lastid>`, while `continues` is true. */
export const hologramPageKeys: IdCursorKeys = {
	pageSize: 100,
	sizeParameter: 'limit',
	cursorParameter: 'startafter',
	itemsKey: 'data',
	nextCursorKey: 'lastid',
	moreKey: 'continues',
};

export const hologramPagination = idCursorPagination(hologramPageKeys);

/** `data` is what users want; balance and plan changes also carry `order_data`, which is kept. */
export function unwrapHologram(body: unknown): IDataObject | IDataObject[] {
	if (!isObject(body)) return { value: body as IDataObject[string] };
	const { success, data, ...rest } = body;
	if (Array.isArray(data)) return data as IDataObject[];
	if (isObject(data)) return { ...(data as IDataObject), ...(rest as IDataObject) };
	if (data !== undefined && data !== null)
		return { value: data as IDataObject[string], ...(rest as IDataObject) };
	return Object.keys(rest).length > 0 ? (rest as IDataObject) : { success: success as boolean };
}
