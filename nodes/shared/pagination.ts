import type { IDataObject } from 'n8n-workflow';

import { isObject } from './provider';

/**
 * The ways APIs walk a list, each configured with the names one provider uses: every provider's
 * `api.ts` passes its own keys, and this file knows none of them.
 */

/** Fetches one page: the query carries the pagination parameters of that page. */
export type FetchPage = (query: IDataObject) => Promise<unknown>;

/**
 * Where a list continues: the query of a page, and how many of that page's records an earlier slice
 * already took.
 */
export interface ListPosition {
	query: IDataObject;
	skip: number;
}

/** Records of one slice of a list, and the position after them: undefined where the list ended. */
export interface ListSlice {
	items: IDataObject[];
	next?: ListPosition;
}

/**
 * One provider's way of walking a list. `collect` fetches pages until the list ends or `limit`
 * items are in hand (undefined = Return All), and never fetches a page it does not need.
 */
export interface Pagination {
	collect(fetchPage: FetchPage, limit?: number): Promise<IDataObject[]>;
	/**
	 * Lists that can start part-way (page numbers, cursors): `limit` records from `start` (undefined:
	 * the beginning) and where the next slice starts. Absent where a list cannot start part-way.
	 */
	slice?(fetchPage: FetchPage, limit: number, start?: ListPosition): Promise<ListSlice>;
	/** Reads a position written by `positionText` for this list; throws saying what is wrong with it. */
	position?(text: string): ListPosition;
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

/**
 * One way through a list: the first query, the records of an answer, and the query of the page after
 * (none at the end). A walk counts what it has seen itself.
 */
interface Walk {
	first: IDataObject;
	items(body: unknown): IDataObject[];
	next(body: unknown, page: IDataObject[]): IDataObject | undefined;
}

/**
 * Fetches page after page from `start` (or the first page), skipping what an earlier slice took, and
 * stops as soon as Limit is reached: then the position says where the next slice starts.
 */
async function walkList(
	walk: Walk,
	fetchPage: FetchPage,
	limit?: number,
	start?: ListPosition,
): Promise<ListSlice> {
	const items: IDataObject[] = [];
	let query: IDataObject | undefined = start?.query ?? walk.first;
	let skip = start?.skip ?? 0;
	while (query) {
		const body = await fetchPage(query);
		const page = walk.items(body);
		const wanted = limit === undefined ? page.length : limit - items.length;
		const taken = page.slice(skip, skip + wanted);
		items.push(...taken);
		const following = walk.next(body, page);
		if (limit !== undefined && items.length >= limit) {
			const used = skip + taken.length;
			if (used < page.length) return { items, next: { query, skip: used } };
			return { items, next: following && { query: following, skip: 0 } };
		}
		query = following;
		skip = 0;
	}
	return { items };
}

/**
 * A pagination from a walk. `positionKeys`: the list can start part-way, at a page the walk's
 * factory is given (the query of a position).
 */
function walking(
	makeWalk: (limit?: number, start?: IDataObject) => Walk,
	positionKeys?: string[],
): Pagination {
	const pagination: Pagination = {
		collect: async (fetchPage, limit) => (await walkList(makeWalk(limit), fetchPage, limit)).items,
	};
	if (!positionKeys) return pagination;
	return {
		...pagination,
		slice: async (fetchPage, limit, start) =>
			await walkList(makeWalk(limit, start?.query), fetchPage, limit, start),
		position: (text) => {
			const position = positionFrom(text, positionKeys);
			// A walk refuses a start it cannot begin at (a page number out of range).
			makeWalk(undefined, position.query);
			return position;
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
	position: (body: unknown, page: IDataObject[], seen: number) => IDataObject | undefined,
): Pagination {
	return walking((limit) => {
		let seen = 0;
		return {
			first: sizeQuery(keys, 0, limit),
			items: recordsAt(keys.itemsKey),
			next: (body, page) => {
				seen += page.length;
				const start = position(body, page, seen);
				return start && { ...sizeQuery(keys, seen, limit), ...start };
			},
		};
	});
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
	return walking(
		() => ({
			first: {},
			items: recordsAt(keys.itemsKey),
			next: (body) => {
				const cursor = isObject(body) ? body[keys.nextCursorKey] : null;
				return cursor ? { [keys.cursorParameter]: cursor as string } : undefined;
			},
		}),
		[keys.cursorParameter],
	);
}

export interface PageNumberKeys {
	/** The query parameter with the page number. */
	pageParameter: string;
	/** The number of the first page: 1 unless the API counts from 0. */
	firstPage?: number;
	/** The first page is asked for without a page number (SmartLiving's SDK did so). */
	firstPageUnnumbered?: boolean;
	/** Where the answer holds the page's entries. */
	itemsKey: string;
	/** Reads the entries where an API puts them under more than one key (or in a bare array). */
	entries?: (body: unknown) => unknown[];
	/**
	 * Where the answer holds the number of entries in the whole list; a page without it is the last.
	 * Without a total key, the list ends on a page shorter than the first one fetched.
	 */
	totalKey?: string;
	/** Whether the answer says more pages follow: false ends the list, undefined says nothing. */
	more?: (body: unknown) => boolean | undefined;
	/** Turns one entry into an item; the default keeps entries as they are. */
	item?: (entry: unknown, page: Record<string, unknown>) => IDataObject;
	/** A guard against a list that never ends: at most this many pages. */
	maxPages?: number;
}

/** The page number a walk starts at: the first, or the one a position names. */
function startPage(keys: PageNumberKeys, first: number, start?: IDataObject): number {
	const named = start?.[keys.pageParameter];
	if (named === undefined) return first;
	const page = Number(named);
	if (!Number.isInteger(page) || page < first)
		throw new Error(`the page must be a whole number from ${first}, got ${JSON.stringify(named)}`);
	return page;
}

/**
 * Numbered pages, until an empty page or `more` says no more, and then the stated total (a page that
 * states none is the last) or, for lists without a total, a page shorter than the first.
 */
export function pageNumberPagination(keys: PageNumberKeys): Pagination {
	const toItem = keys.item ?? ((entry: unknown) => entry as IDataObject);
	const readEntries = keys.entries ?? ((body: unknown) => itemsAt(body, keys.itemsKey));
	const first = keys.firstPage ?? 1;
	const query = (page: number) =>
		page === first && keys.firstPageUnnumbered ? {} : { [keys.pageParameter]: page };
	return walking(
		(_limit, start) => {
			let page = startPage(keys, first, start);
			let fetched = 0;
			// Entries before the walk's first page, counted in pages as long as that one.
			let before: number | undefined;
			let seen = 0;
			let firstSize = 0;
			return {
				first: query(page),
				items: (body) =>
					readEntries(body).map((entry) => toItem(entry, isObject(body) ? body : {})),
				next: (body, entries) => {
					if (fetched++ === 0) {
						firstSize = entries.length;
						before = (page - first) * entries.length;
					}
					seen += entries.length;
					const total = keys.totalKey ? totalIn(body, keys.totalKey) : undefined;
					const ended = keys.totalKey
						? total === undefined || (before ?? 0) + seen >= total
						: entries.length < firstSize;
					const done = entries.length === 0 || keys.more?.(body) === false || ended;
					if (done || fetched >= (keys.maxPages ?? Infinity)) return undefined;
					return query(++page);
				},
			};
		},
		[keys.pageParameter],
	);
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
	return sizedPages(keys, (body, page, seen) => {
		const total = totalIn(body, keys.totalKey);
		const done = page.length === 0 || (total !== undefined && seen >= total);
		return done ? undefined : { [keys.offsetParameter]: seen };
	});
}

const SKIP = 'skip';

/**
 * A position as text a user can carry from one run to the next: the page's query and how many of its
 * records were taken, as `page=3&skip=50` or `cursor=<cursor>`; empty for the very beginning.
 */
export function positionText(position: ListPosition): string {
	const parts = Object.entries(position.query).map(
		([key, value]) => `${key}=${encodeURIComponent(String(value))}`,
	);
	if (position.skip > 0) parts.push(`${SKIP}=${position.skip}`);
	return parts.join('&');
}

/** Reads a position written by `positionText` that names one of `keys`; throws saying what is wrong. */
function positionFrom(text: string, keys: string[]): ListPosition {
	const position: ListPosition = { query: {}, skip: 0 };
	for (const part of text.split('&')) {
		const separator = part.indexOf('=');
		const key = separator < 0 ? part : part.slice(0, separator);
		const value = separator < 0 ? '' : decodeURIComponent(part.slice(separator + 1));
		if (key === SKIP && /^\d+$/.test(value)) position.skip = Number(value);
		else if (keys.includes(key) && value !== '') position.query[key] = value;
		else {
			const expected = [...keys, SKIP].map((name) => `${name}=`).join(', ');
			throw new Error(`"${part}" is not part of a position (${expected})`);
		}
	}
	return position;
}
