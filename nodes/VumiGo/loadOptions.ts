import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { isObject } from '../shared/provider';
import { providerRequest } from '../shared/request';
import { callAccountApi, vumiPageKeys, vumiProfile } from './api';

function toOptions(result: unknown, valueKey: string): INodePropertyOptions[] {
	const records = Array.isArray(result) ? (result as IDataObject[]) : [];
	return records
		.filter((record) => record[valueKey] !== undefined && record[valueKey] !== null)
		.map((record) => {
			const value = String(record[valueKey]);
			const name = typeof record.name === 'string' && record.name !== '' ? record.name : value;
			return { name, value, description: value };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Dropdowns filled from the account API, so users pick names instead of typing keys. */
export const vumiLoadOptions = {
	async getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await callAccountApi(this, 'campaigns', []), 'key');
	},
	async getConversations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const campaign = this.getCurrentNodeParameter('campaignKey') as string | undefined;
		if (!campaign) return [];
		return toOptions(await callAccountApi(this, 'conversations', [campaign]), 'uuid');
	},
};

/** A contact as the list shows it: its name and phone number, or its key when it has neither. */
function contactLabel(contact: IDataObject): string {
	const name = [contact.name, contact.surname].filter((part) => typeof part === 'string' && part);
	const address = typeof contact.msisdn === 'string' ? contact.msisdn : '';
	const label = [name.join(' '), address ? `(${address})` : ''].filter(Boolean).join(' ');
	return label || String(contact.key);
}

/** A group as the list shows it; a smart group says so. */
function groupLabel(group: IDataObject): string {
	const name = typeof group.name === 'string' && group.name !== '' ? group.name : String(group.key);
	return group.query ? `${name} (smart group)` : name;
}

/**
 * One page of contacts or groups for a resource locator (From List): the page's cursor is n8n's
 * pagination token, and the search text is matched against the names and keys of that page.
 */
async function searchPage(
	context: ILoadOptionsFunctions,
	path: string,
	label: (record: IDataObject) => string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const keys = vumiPageKeys;
	const { body } = await providerRequest(context, vumiProfile, {
		method: 'GET',
		path,
		qs: paginationToken ? { [keys.cursorParameter]: paginationToken } : undefined,
	});
	const records =
		isObject(body) && Array.isArray(body[keys.itemsKey])
			? (body[keys.itemsKey] as IDataObject[])
			: [];
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = records
		.map((record) => ({ name: label(record), value: String(record.key) }))
		.filter((option) => `${option.name} ${option.value}`.toLowerCase().includes(wanted));
	const next = isObject(body) ? body[keys.nextCursorKey] : undefined;
	return { results, paginationToken: next ? String(next) : undefined };
}

/** Lists for the resource locators: contacts and groups, page by page. */
export const vumiListSearch = {
	async searchContacts(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchPage(this, 'contacts/', contactLabel, filter, paginationToken);
	},
	async searchGroups(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchPage(this, 'groups/', groupLabel, filter, paginationToken);
	},
};
