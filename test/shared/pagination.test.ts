import type { IDataObject } from 'n8n-workflow';

import {
	idCursorPagination,
	offsetPagination,
	opaqueCursorPagination,
	pageNumberPagination,
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
