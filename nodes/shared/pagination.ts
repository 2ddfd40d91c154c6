import type { IDataObject } from 'n8n-workflow';

import { isObject } from './provider';

/** Fetches one page: the query carries the pagination parameters of that page. */
export type FetchPage = (query: IDataObject) => Promise<unknown>;

/**
 * One provider's way of walking a list. `collect` fetches pages until the list ends or `limit`
 * items are in hand (undefined = Return All), and never fetches a page it does not need.
 */
export interface Pagination {
	collect(fetchPage: FetchPage, limit?: number): Promise<IDataObject[]>;
}

function itemsAt(body: unknown, key: string): IDataObject[] {
	const items = isObject(body) ? body[key] : undefined;
	return Array.isArray(items) ? (items as IDataObject[]) : [];
}

function take(items: IDataObject[], limit?: number): IDataObject[] {
	return limit === undefined ? items : items.slice(0, limit);
}

/** Hologram: `limit` and `startafter=<lastid>`, continuing while the response says `continues`. */
export function idCursorPagination(pageSize = 100): Pagination {
	return {
		async collect(fetchPage, limit) {
			const items: IDataObject[] = [];
			let startAfter: unknown;
			for (;;) {
				const wanted = limit === undefined ? pageSize : Math.min(pageSize, limit - items.length);
				const query: IDataObject = { limit: wanted };
				if (startAfter !== undefined) query.startafter = startAfter as string;
				const body = await fetchPage(query);
				const page = itemsAt(body, 'data');
				items.push(...page);
				const last = page[page.length - 1];
				startAfter = (isObject(body) ? body.lastid : undefined) ?? last?.id;
				const more = isObject(body) && body.continues === true && page.length > 0;
				if (!more || (limit !== undefined && items.length >= limit) || startAfter === undefined)
					break;
			}
			return take(items, limit);
		},
	};
}

/** Vumi Go contacts and groups: an opaque `cursor`, followed until it comes back null. */
export function opaqueCursorPagination(): Pagination {
	return {
		async collect(fetchPage, limit) {
			const items: IDataObject[] = [];
			let cursor: unknown;
			for (;;) {
				const body = await fetchPage(cursor ? { cursor: cursor as string } : {});
				items.push(...itemsAt(body, 'data'));
				cursor = isObject(body) ? body.cursor : null;
				if (!cursor || (limit !== undefined && items.length >= limit)) break;
			}
			return take(items, limit);
		},
	};
}

/** Hoiio histories: 1-based `page`, ending at `total_entries_count` (numbers arrive as strings). */
export function pageNumberPagination(entriesKey = 'entries'): Pagination {
	return {
		async collect(fetchPage, limit) {
			const items: IDataObject[] = [];
			for (let page = 1; ; page++) {
				const body = await fetchPage({ page });
				const entries = itemsAt(body, entriesKey);
				items.push(...entries);
				const total = Number(isObject(body) ? body.total_entries_count : NaN);
				const done = entries.length === 0 || (Number.isFinite(total) && items.length >= total);
				if (done || (limit !== undefined && items.length >= limit)) break;
			}
			return take(items, limit);
		},
	};
}

/** Syniverse SCG: `offset`/`limit` with `list` and `total`; the first page goes without an offset. */
export function offsetPagination(pageSize = 100): Pagination {
	return {
		async collect(fetchPage, limit) {
			const items: IDataObject[] = [];
			for (;;) {
				const wanted = limit === undefined ? pageSize : Math.min(pageSize, limit - items.length);
				const query: IDataObject = { limit: wanted };
				if (items.length > 0) query.offset = items.length;
				const body = await fetchPage(query);
				const page = itemsAt(body, 'list');
				items.push(...page);
				const total = Number(isObject(body) ? body.total : NaN);
				const done = page.length === 0 || (Number.isFinite(total) && items.length >= total);
				if (done || (limit !== undefined && items.length >= limit)) break;
			}
			return take(items, limit);
		},
	};
}
