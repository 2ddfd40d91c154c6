import type { IDataObject } from 'n8n-workflow';

import type { FetchPage, ListPosition, Pagination } from '../../nodes/shared/pagination';
import {
	idCursorPagination,
	offsetPagination,
	opaqueCursorPagination,
	pageNumberPagination,
	positionText,
} from '../../nodes/shared/pagination';
import { hoiioPageKeys } from '../../nodes/Hoiio/api';
import { hologramPageKeys } from '../../nodes/Hologram/api';
import { scgPageKeys } from '../../nodes/SyniverseScg/api';
import { vumiPageKeys } from '../../nodes/VumiGo/api';

const records = (count: number, from = 1): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({ id: from + index }));

/** A fake API page source that records the query of every page it serves. */
function pages(serve: (query: IDataObject) => unknown) {
	const queries: IDataObject[] = [];
	return {
		queries,
		fetchPage: async (query: IDataObject) => {
			queries.push(query);
			return serve(query);
		},
	};
}

describe('idCursorPagination (Hologram)', () => {
	const all = records(25);
	const api = () =>
		pages((query) => {
			const after = Number(query.startafter ?? 0);
			const page = all.filter((record) => Number(record.id) > after).slice(0, Number(query.limit));
			const continues = Number(page.at(-1)?.id ?? 0) < 25;
			return { success: true, data: page, continues, lastid: page.at(-1)?.id };
		});

	test('follows lastid while continues is true', async () => {
		const source = api();
		const items = await idCursorPagination({ ...hologramPageKeys, pageSize: 10 }).collect(
			source.fetchPage,
		);
		expect(items).toEqual(all);
		expect(source.queries).toEqual([
			{ limit: 10 },
			{ limit: 10, startafter: 10 },
			{ limit: 10, startafter: 20 },
		]);
	});

	test('asks only for what the limit still needs', async () => {
		const source = api();
		const items = await idCursorPagination({ ...hologramPageKeys, pageSize: 10 }).collect(
			source.fetchPage,
			13,
		);
		expect(items).toEqual(records(13));
		expect(source.queries).toEqual([{ limit: 10 }, { limit: 3, startafter: 10 }]);
	});
});

describe('opaqueCursorPagination (Vumi Go)', () => {
	test('follows the cursor until it is null', async () => {
		const source = pages((query) =>
			query.cursor === undefined
				? { cursor: 'c2', data: records(2) }
				: { cursor: null, data: records(1, 3) },
		);
		expect(await opaqueCursorPagination(vumiPageKeys).collect(source.fetchPage)).toEqual(
			records(3),
		);
		expect(source.queries).toEqual([{}, { cursor: 'c2' }]);
	});

	test('stops at the limit without fetching the next page', async () => {
		const source = pages(() => ({ cursor: 'more', data: records(5) }));
		expect(await opaqueCursorPagination(vumiPageKeys).collect(source.fetchPage, 3)).toEqual(
			records(3),
		);
		expect(source.queries).toHaveLength(1);
	});
});

describe('pageNumberPagination (Hoiio)', () => {
	test('walks 1-based pages until total_entries_count, reading counts sent as strings', async () => {
		const source = pages((query) => {
			const page = Number(query.page);
			const entries = records(
				Math.max(0, Math.min(100, 230 - (page - 1) * 100)),
				(page - 1) * 100 + 1,
			);
			return {
				status: 'success_ok',
				total_entries_count: '230',
				entries_count: String(entries.length),
				entries,
			};
		});
		const items = await pageNumberPagination(hoiioPageKeys).collect(source.fetchPage);
		expect(items).toHaveLength(230);
		expect(source.queries).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }]);
	});
});

describe('offsetPagination (Syniverse SCG)', () => {
	test('sends no offset on the first page, then the count so far, until total', async () => {
		const source = pages((query) => {
			const offset = Number(query.offset ?? 0);
			return { list: records(Math.min(Number(query.limit), 7 - offset), offset + 1), total: 7 };
		});
		expect(
			await offsetPagination({ ...scgPageKeys, pageSize: 3 }).collect(source.fetchPage),
		).toEqual(records(7));
		expect(source.queries).toEqual([
			{ limit: 3 },
			{ limit: 3, offset: 3 },
			{ limit: 3, offset: 6 },
		]);
	});

	test('stops on an empty page even without a total', async () => {
		const source = pages(() => ({ list: [] }));
		expect(await offsetPagination(scgPageKeys).collect(source.fetchPage)).toEqual([]);
		expect(source.queries).toHaveLength(1);
	});
});

describe('slices: lists that start part-way', () => {
	/** Walks a whole list in slices of `limit`, each slice starting where the one before ended. */
	async function walkInSlices(pagination: Pagination, fetchPage: FetchPage, limit: number) {
		const slices: IDataObject[][] = [];
		const positions: string[] = [];
		let start: ListPosition | undefined;
		do {
			const slice = await pagination.slice!(fetchPage, limit, start);
			slices.push(slice.items);
			start = slice.next;
			positions.push(start ? positionText(start) : '(end)');
		} while (start);
		return { slices, positions };
	}

	test('a cursor list in slices of 3 over pages of 5: each slice starts where the last ended, the last at the end', async () => {
		const all = records(12);
		const source = pages((query) => {
			const from = query.cursor === undefined ? 0 : Number(query.cursor);
			return { cursor: from + 5 < 12 ? String(from + 5) : null, data: all.slice(from, from + 5) };
		});
		const { slices, positions } = await walkInSlices(
			opaqueCursorPagination(vumiPageKeys),
			source.fetchPage,
			3,
		);
		expect(slices.flat()).toEqual(all);
		expect(positions).toEqual([
			'skip=3',
			'cursor=5&skip=1',
			'cursor=5&skip=4',
			'(end)',
		]);
		expect(source.queries).toEqual([
			{},
			{},
			{ cursor: '5' },
			{ cursor: '5' },
			{ cursor: '5' },
			{ cursor: '10' },
		]);
	});

	test('numbered pages resume at a page and skip what was taken; the total still ends the list', async () => {
		const source = pages((query) => {
			const page = Number(query.page);
			return {
				total_entries_count: '230',
				entries: records(Math.max(0, Math.min(100, 230 - (page - 1) * 100)), (page - 1) * 100 + 1),
			};
		});
		const pagination = pageNumberPagination(hoiioPageKeys);
		const start = pagination.position!('page=2&skip=50');
		const slice = await pagination.slice!(source.fetchPage, 200, start);
		expect(slice.items).toEqual(records(80, 151));
		expect(slice.next).toBeUndefined();
		expect(source.queries).toEqual([{ page: '2' }, { page: 3 }]);
	});

	test('a position names only the list’s own parameters, and a page the list has', () => {
		const pagination = pageNumberPagination(hoiioPageKeys);
		expect(() => pagination.position!('cursor=abc')).toThrow(
			'"cursor=abc" is not part of a position (page=, skip=)',
		);
		expect(() => pagination.position!('page=0')).toThrow(
			'the page must be a whole number from 1, got "0"',
		);
		expect(() => pagination.position!('page=2&skip=-1')).toThrow(
			'"skip=-1" is not part of a position',
		);
		expect(pagination.position!('page=7&skip=3')).toEqual({ query: { page: '7' }, skip: 3 });
		expect(opaqueCursorPagination(vumiPageKeys).position!('cursor=a%26b')).toEqual({
			query: { cursor: 'a&b' },
			skip: 0,
		});
		expect(positionText({ query: { cursor: 'a&b' }, skip: 0 })).toBe('cursor=a%26b');
	});

	test('lists that cannot start part-way offer no slices', () => {
		expect(offsetPagination(scgPageKeys).slice).toBeUndefined();
		expect(idCursorPagination(hologramPageKeys).slice).toBeUndefined();
	});
});
