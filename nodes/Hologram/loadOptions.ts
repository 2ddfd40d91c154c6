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
 * Lists for resource locators (From List): a page of records at a time, the page's cursor as n8n's
 * pagination token, and the search text matched against names and IDs.
 */
export const hologramListSearch = {
	async searchDevices(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const keys = hologramPageKeys;
		const qs: IDataObject = { [keys.sizeParameter]: keys.pageSize };
		if (paginationToken) qs[keys.cursorParameter] = paginationToken;
		const { body } = await providerRequest(this, hologramProfile, {
			method: 'GET',
			path: 'devices',
			qs,
		});
		const page =
			isObject(body) && Array.isArray(body[keys.itemsKey])
				? (body[keys.itemsKey] as IDataObject[])
				: [];
		const wanted = (filter ?? '').trim().toLowerCase();
		const results = page
			.filter((device) =>
				`${String(device.name)} ${String(device.id)}`.toLowerCase().includes(wanted),
			)
			.map((device) => ({
				name: `${String(device.name)} (${String(device.id)})`,
				value: String(device.id),
			}));
		const next = isObject(body) ? (body[keys.nextCursorKey] ?? page.at(-1)?.id) : undefined;
		const more = isObject(body) && body[keys.moreKey] === true && page.length > 0;
		return { results, paginationToken: more && next !== undefined ? String(next) : undefined };
	},
};
