import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { everyRecord } from '../shared/listSearch';
import { providerRequest } from '../shared/request';
import { hoiioPageKeys, hoiioPagination, hoiioProfile } from './api';

async function listAll(context: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	return await everyRecord(context, hoiioProfile, hoiioPagination, (page) => ({
		method: 'POST',
		path,
		body: page,
		idempotent: true,
	}));
}

/** Dropdowns filled from the live API, so users pick numbers and countries instead of typing them. */
export const hoiioLoadOptions = {
	async getCountries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await listAll(this, 'number/get_countries'))
			.map((entry) => ({
				name: `${String(entry.name)} (+${String(entry.prefix).replace(/^\+/, '')})`,
				value: String(entry.code),
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
};

/** Hoiio lists 100 numbers per page (docs/wire-formats/hoiio.md#pagination). */
const NUMBERS_PER_PAGE = 100;

/** A number as the list shows it: the number, its country and whether it takes calls or faxes. */
function numberLabel(entry: IDataObject): string {
	return [entry.number, entry.country, entry.mode].filter(Boolean).join(' · ');
}

/**
 * The account's numbers for a resource locator (From List), one page of `number/get_active` at a time:
 * n8n's pagination token is the next page number, and the search text is matched against the labels.
 */
export const hoiioListSearch = {
	async searchNumbers(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const page = Number(paginationToken ?? 1) || 1;
		const { body } = await providerRequest(this, hoiioProfile, {
			method: 'POST',
			path: 'number/get_active',
			body: { [hoiioPageKeys.pageParameter]: page },
			idempotent: true,
		});
		const answer = (body ?? {}) as IDataObject;
		const entries = Array.isArray(answer[hoiioPageKeys.itemsKey])
			? (answer[hoiioPageKeys.itemsKey] as unknown[])
			: [];
		const numbers = entries.map((entry) =>
			typeof entry === 'string' ? { number: entry } : (entry as IDataObject),
		);
		const wanted = (filter ?? '').trim().toLowerCase();
		const results = numbers
			.map((entry) => ({ name: numberLabel(entry), value: String(entry.number) }))
			.filter((option) => option.name.toLowerCase().includes(wanted));
		const total = Number(answer[hoiioPageKeys.totalKey ?? '']);
		const seen = (page - 1) * NUMBERS_PER_PAGE + entries.length;
		const more = entries.length > 0 && Number.isFinite(total) && seen < total;
		return { results, paginationToken: more ? String(page + 1) : undefined };
	},
};
