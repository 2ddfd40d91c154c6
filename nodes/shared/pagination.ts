import type { IDataObject } from 'n8n-workflow';

import { isObject } from './provider';

/**
 * The ways APIs walk a list, each configured with the names one provider uses: every provider's
 * `api.ts` passes its own keys, and this file knows none of them.
 */

/** Fetches one page: the query carries the pagination parameters of that page. */
export type FetchPage = (query: IDataObject) => Promise<unknown>;

/**
 * One provider's way of walking a list. `collect` fetches pages until the list ends or `limit`
 * items are in hand (undefined = Return All), and never fetches a page it does not need.
 */
export interface Pagination {
	collect(fetchPage: FetchPage, limit?: number): Promise<IDataObject[]>;
}

function itemsAt(body: unknown, key: string): unknown[] {
	const items = isObject(body) ? body[key] : undefined;
	return Array.isArray(items) ? (items as unknown[]) : [];
}

/** The first `limit` items; all of them when there is no limit (Return All). */
export function firstItems<T>(items: T[], limit?: number): T[] {
	return limit === undefined ? items : items.slice(0, limit);
}

function hasEnough(items: unknown[], limit?: number): boolean {
	return limit !== undefined && items.length >= limit;
}

/** The total the answer states, as a number (some APIs send counts as text), or undefined. */
function totalIn(body: unknown, key: string): number | undefined {
	const value = isObject(body) ? body[key] : undefined;
	if (value === undefined) return undefined;
	const total = Number(value);
	return Number.isFinite(total) ? total : undefined;
}

/** How a page of a page-size API is asked for: the size, and the name of its parameter. */
interface PageSize {
	pageSize: number;
	/** The query parameter with the page size. */
	sizeParameter: string;
}

/** The page size to ask for: a full page, or only what Limit still needs. */
function wanted(size: PageSize, collected: number, limit?: number): number {
	return limit === undefined ? size.pageSize : Math.min(size.pageSize, limit - collected);
}

export interface IdCursorKeys extends PageSize {
	/** The query parameter with the ID of the last record seen. */
	cursorParameter: string;
	/** Where the answer holds the page's records. */
	itemsKey: string;
	/** Where the answer names the ID to continue after; the last record's `id` when it does not. */
	nextCursorKey: string;
	/** The answer's flag that says more records follow. */
	moreKey: string;
}

/** Pages that continue after the ID of the last record, while the answer says more follow. */
export function idCursorPagination(keys: IdCursorKeys): Pagination {
	return {
		async collect(fetchPage, limit) {
			const items: IDataObject[] = [];
			let after: unknown;
			for (;;) {
				const query: IDataObject = { [keys.sizeParameter]: wanted(keys, items.length, limit) };
				if (after !== undefined) query[keys.cursorParameter] = after as string;
				const body = await fetchPage(query);
				const page = itemsAt(body, keys.itemsKey) as IDataObject[];
				items.push(...page);
				after = (isObject(body) ? body[keys.nextCursorKey] : undefined) ?? page.at(-1)?.id;
				const more = isObject(body) && body[keys.moreKey] === true && page.length > 0;
				if (!more || hasEnough(items, limit) || after === undefined) break;
			}
			return firstItems(items, limit);
		},
	};
}

export interface OpaqueCursorKeys {
	/** The query parameter that carries the cursor of the next page. */
	cursorParameter: string;
	/** Where the answer holds the page's records. */
	itemsKey: string;
	/** Where the answer holds the next page's cursor; empty or null on the last page. */
	nextCursorKey: string;
}

/** Pages joined by a cursor the API hands out with each page, followed until it comes back empty. */
export function opaqueCursorPagination(keys: OpaqueCursorKeys): Pagination {
	return {
		async collect(fetchPage, limit) {
			const items: IDataObject[] = [];
			let cursor: unknown;
			for (;;) {
				const body = await fetchPage(cursor ? { [keys.cursorParameter]: cursor as string } : {});
				items.push(...(itemsAt(body, keys.itemsKey) as IDataObject[]));
				cursor = isObject(body) ? body[keys.nextCursorKey] : null;
				if (!cursor || hasEnough(items, limit)) break;
			}
			return firstItems(items, limit);
		},
	};
}

export interface PageNumberKeys {
	/** The query parameter with the page number, counted from 1. */
	pageParameter: string;
	/** Where the answer holds the page's entries. */
	itemsKey: string;
	/** Where the answer holds the number of entries in the whole list; a page without it is the last. */
	totalKey: string;
	/** Turns one entry into an item; the default keeps entries as they are. */
	item?: (entry: unknown, page: Record<string, unknown>) => IDataObject;
	/** A guard against a list that never ends: at most this many pages. */
	maxPages?: number;
}

/** Numbered pages, until an empty page, the stated total, or a page that states no total. */
export function pageNumberPagination(keys: PageNumberKeys): Pagination {
	const toItem = keys.item ?? ((entry: unknown) => entry as IDataObject);
	return {
		async collect(fetchPage, limit) {
			const items: IDataObject[] = [];
			for (let page = 1; page <= (keys.maxPages ?? Infinity); page++) {
				const body = await fetchPage({ [keys.pageParameter]: page });
				const record = isObject(body) ? body : {};
				const entries = itemsAt(body, keys.itemsKey);
				for (const entry of entries) items.push(toItem(entry, record));
				const total = totalIn(body, keys.totalKey);
				const done = entries.length === 0 || total === undefined || items.length >= total;
				if (done || hasEnough(items, limit)) break;
			}
			return firstItems(items, limit);
		},
	};
}

export interface OffsetKeys extends PageSize {
	/** The query parameter with the number of records to skip; left out on the first page. */
	offsetParameter: string;
	/** Where the answer holds the page's records. */
	itemsKey: string;
	/** Where the answer holds the number of records in the whole list. */
	totalKey: string;
}

/** Pages of `pageSize` records from an offset, until an empty page or the stated total. */
export function offsetPagination(keys: OffsetKeys): Pagination {
	return {
		async collect(fetchPage, limit) {
			const items: IDataObject[] = [];
			for (;;) {
				const query: IDataObject = { [keys.sizeParameter]: wanted(keys, items.length, limit) };
				if (items.length > 0) query[keys.offsetParameter] = items.length;
				const body = await fetchPage(query);
				const page = itemsAt(body, keys.itemsKey) as IDataObject[];
				items.push(...page);
				const total = totalIn(body, keys.totalKey);
				const done = page.length === 0 || (total !== undefined && items.length >= total);
				if (done || hasEnough(items, limit)) break;
			}
			return firstItems(items, limit);
		},
	};
}
