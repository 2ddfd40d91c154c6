import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { PageSearch } from '../shared/listSearch';
import { everyRecord, listSearchMethods, matchingEntries, pageRecords } from '../shared/listSearch';
import { providerRequest } from '../shared/request';
import { isObject } from '../shared/provider';
import { hologramPageKeys, hologramPagination, hologramProfile } from './api';

async function listAll(context: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	return await everyRecord(context, hologramProfile, hologramPagination, (qs) => ({
		method: 'GET',
		path,
		qs,
	}));
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
const searchPage: PageSearch = async (context, { path, label, query }, filter, paginationToken) => {
	const keys = hologramPageKeys;
	const qs: IDataObject = { ...query, [keys.sizeParameter]: keys.pageSize };
	if (paginationToken) qs[keys.cursorParameter] = paginationToken;
	const { body } = await providerRequest(context, hologramProfile, { method: 'GET', path, qs });
	const page = pageRecords(body, keys.itemsKey);
	const results = matchingEntries(page, label, (record) => String(record.id), filter);
	const next = isObject(body) ? (body[keys.nextCursorKey] ?? page.at(-1)?.id) : undefined;
	const more = isObject(body) && body[keys.moreKey] === true && page.length > 0;
	return { results, paginationToken: more && next !== undefined ? String(next) : undefined };
};

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
export const hologramListSearch = listSearchMethods(searchPage, {
	searchDevices: {
		path: 'devices',
		label: (device) => `${String(device.name)} (${String(device.id)})`,
	},
	searchLinks: { path: 'links/cellular', label: linkLabel },
	searchTags: { path: 'devices/tags', label: (tag) => `${String(tag.name)} (${String(tag.id)})` },
	// Disabled keys too: Enable is for them.
	searchTunnelKeys: { path: 'tunnelkeys', label: keyLabel, query: { withdisabled: 1 } },
});
