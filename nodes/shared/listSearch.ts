import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type { Pagination } from './pagination';
import type { ProviderProfile } from './provider';
import { isObject } from './provider';
import type { ProviderRequest } from './request';
import { providerRequest } from './request';

/** Every record of a list, page by page, for a dropdown: `request` is the request for one page. */
export async function everyRecord(
	context: ILoadOptionsFunctions,
	profile: ProviderProfile,
	pagination: Pagination,
	request: (page: IDataObject) => ProviderRequest,
): Promise<IDataObject[]> {
	return await pagination.collect(
		async (page) => (await providerRequest(context, profile, request(page))).body,
	);
}

/** The records of one list page: the array under `itemsKey`, or none when the answer has no such list. */
export function pageRecords(body: unknown, itemsKey: string): IDataObject[] {
	return isObject(body) && Array.isArray(body[itemsKey]) ? (body[itemsKey] as IDataObject[]) : [];
}

/**
 * A resource locator's list entries for one page: each record as its label and ID, kept when the search
 * text is in either (case ignored), so a user can find a record by what they see or by its ID.
 */
export function matchingEntries(
	records: IDataObject[],
	label: (record: IDataObject) => string,
	id: (record: IDataObject) => string,
	filter?: string,
): INodeListSearchItems[] {
	const wanted = (filter ?? '').trim().toLowerCase();
	return records
		.map((record) => ({ name: label(record), value: id(record) }))
		.filter((entry) => `${entry.name} ${entry.value}`.toLowerCase().includes(wanted));
}

/** One list a resource locator searches: where the provider lists the records and how each is shown. */
export interface SearchableList {
	path: string;
	label: (record: IDataObject) => string;
	/** Fixed query parameters of the list request. */
	query?: IDataObject;
}

/** Reads one page of a list and keeps the entries matching the search text (each provider pages its own way). */
export type PageSearch = (
	context: ILoadOptionsFunctions,
	list: SearchableList,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** A node's `methods.listSearch`: one function per list, each searching it page by page. */
export function listSearchMethods<Name extends string>(
	searchPage: PageSearch,
	lists: Record<Name, SearchableList>,
): Record<Name, ListSearchMethod> {
	const methods = {} as Record<Name, ListSearchMethod>;
	for (const name of Object.keys(lists) as Name[]) {
		methods[name] = async function (this: ILoadOptionsFunctions, filter, paginationToken) {
			return await searchPage(this, lists[name], filter, paginationToken);
		};
	}
	return methods;
}
