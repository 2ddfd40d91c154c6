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
function sizeQuery(size: PageSize, collected: number, limit?: number): IDataObject {
	const wanted = limit === undefined ? size.pageSize : Math.min(size.pageSize, limit - collected);
	return { [size.sizeParameter]: wanted };
}

/** One way through a list: the first query, the items of an answer, and the next query (none at the end). */
interface Walk {
	first: IDataObject;
	items(body: unknown): IDataObject[];
	next(body: unknown, page: IDataObject[], items: IDataObject[]): IDataObject | undefined;
}

/** Fetches page after page as the walk says, and stops as soon as Limit is reached. */
function walking(walk: (limit?: number) => Walk): Pagination {
	return {
		async collect(fetchPage, limit) {
			const { first, items: pageItems, next } = walk(limit);
			const items: IDataObject[] = [];
			let query: IDataObject | undefined = first;
			while (query) {
				const body = await fetchPage(query);
				const page = pageItems(body);
				items.push(...page);
				query = limit !== undefined && items.length >= limit ? undefined : next(body, page, items);
			}
			return firstItems(items, limit);
		},
	};
}

function recordsAt(key: string) {
	return (body: unknown) => itemsAt(body, key) as IDataObject[];
}

/**
 * A list asked for in pages of a size: every query asks for a full page, or what Limit still needs,
 * and `position` says where the next page starts (undefined where the list ends).
 */
function sizedPages(
	keys: PageSize & { itemsKey: string },
	position: (body: unknown, page: IDataObject[], items: IDataObject[]) => IDataObject | undefined,
): Pagination {
	return walking((limit) => ({
		first: sizeQuery(keys, 0, limit),
		items: recordsAt(keys.itemsKey),
		next: (body, page, items) => {
			const start = position(body, page, items);
			return start && { ...sizeQuery(keys, items.length, limit), ...start };
		},
	}));
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
	return sizedPages(keys, (body, page) => {
		const after = (isObject(body) ? body[keys.nextCursorKey] : undefined) ?? page.at(-1)?.id;
		const more = isObject(body) && body[keys.moreKey] === true && page.length > 0;
		return more && after !== undefined ? { [keys.cursorParameter]: after as string } : undefined;
	});
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
	return walking(() => ({
		first: {},
		items: recordsAt(keys.itemsKey),
		next: (body) => {
			const cursor = isObject(body) ? body[keys.nextCursorKey] : null;
			return cursor ? { [keys.cursorParameter]: cursor as string } : undefined;
		},
	}));
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
	return walking(() => {
		let page = 1;
		return {
			first: { [keys.pageParameter]: page },
			items: (body) =>
				itemsAt(body, keys.itemsKey).map((entry) => toItem(entry, isObject(body) ? body : {})),
			next: (body, entries, items) => {
				const total = totalIn(body, keys.totalKey);
				const done = entries.length === 0 || total === undefined || items.length >= total;
				if (done || page >= (keys.maxPages ?? Infinity)) return undefined;
				return { [keys.pageParameter]: ++page };
			},
		};
	});
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
	return sizedPages(keys, (body, page, items) => {
		const total = totalIn(body, keys.totalKey);
		const done = page.length === 0 || (total !== undefined && items.length >= total);
		return done ? undefined : { [keys.offsetParameter]: items.length };
	});
}
