import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { providerRequest } from '../shared/request';
import { isObject } from '../shared/provider';
import { hologramPageKeys, hologramPagination, hologramProfile } from './api';

async function listAll(context: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	return await hologramPagination.collect(
		async (qs) =>
			(await providerRequest(context, hologramProfile, { method: 'GET', path, qs })).body,
	);
}

function toOptions(
	records: IDataObject[],
	label: (record: IDataObject) => string,
): INodePropertyOptions[] {
	return records
		.map((record) => ({ name: label(record), value: record.id as number }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Dropdowns filled from the live API, so users pick names instead of typing numeric IDs. */
export const hologramLoadOptions = {
	async getDataPlans(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(
			await listAll(this, 'plans'),
			(plan) => `${String(plan.name)} (${String(plan.id)})`,
		);
	},
	async getOrganizations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await listAll(this, 'organizations'), (org) =>
			org.is_personal ? `${String(org.name)} (personal)` : String(org.name),
		);
	},
	async getDeviceTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await listAll(this, 'devices/tags'), (tag) => String(tag.name));
	},
};

/**
 * One page of records for a resource locator (From List): Hologram's cursor of the page is n8n's
 * pagination token, and the search text is matched against each record's label (name and ID).
 */
async function searchPage(
	context: ILoadOptionsFunctions,
	path: string,
	label: (record: IDataObject) => string,
	filter?: string,
	paginationToken?: string,
	query: IDataObject = {},
): Promise<INodeListSearchResult> {
	const keys = hologramPageKeys;
	const qs: IDataObject = { ...query, [keys.sizeParameter]: keys.pageSize };
	if (paginationToken) qs[keys.cursorParameter] = paginationToken;
	const { body } = await providerRequest(context, hologramProfile, { method: 'GET', path, qs });
	const page =
		isObject(body) && Array.isArray(body[keys.itemsKey])
			? (body[keys.itemsKey] as IDataObject[])
			: [];
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = page
		.map((record) => ({ name: label(record), value: String(record.id) }))
		.filter((option) => option.name.toLowerCase().includes(wanted));
	const next = isObject(body) ? (body[keys.nextCursorKey] ?? page.at(-1)?.id) : undefined;
	const more = isObject(body) && body[keys.moreKey] === true && page.length > 0;
	return { results, paginationToken: more && next !== undefined ? String(next) : undefined };
}

/** A cellular link by its device and SIM, as the Dashboard lists them. */
function linkLabel(link: IDataObject): string {
	const device = link.devicename ? `${String(link.devicename)}, ` : '';
	return `${device}SIM ${String(link.sim)} (${String(link.id)})`;
}

/** A tunnel key by the start of its public key (type and the first characters), disabled ones marked. */
function keyLabel(key: IDataObject): string {
	const text = String(key.public_key ?? '');
	const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
	return `${shown}${key.disabled ? ' [disabled]' : ''} (${String(key.id)})`;
}

/** Lists for the resource locators: devices, cellular links, device tags and tunnel keys, page by page. */
export const hologramListSearch = {
	async searchDevices(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const label = (device: IDataObject) => `${String(device.name)} (${String(device.id)})`;
		return await searchPage(this, 'devices', label, filter, paginationToken);
	},
	async searchLinks(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchPage(this, 'links/cellular', linkLabel, filter, paginationToken);
	},
	async searchTags(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const label = (tag: IDataObject) => `${String(tag.name)} (${String(tag.id)})`;
		return await searchPage(this, 'devices/tags', label, filter, paginationToken);
	},
	async searchTunnelKeys(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		// Disabled keys too: Enable is for them.
		const query = { withdisabled: 1 };
		return await searchPage(this, 'tunnelkeys', keyLabel, filter, paginationToken, query);
	},
};
