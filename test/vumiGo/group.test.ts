import type { IDataObject } from 'n8n-workflow';

import { vumiGoSeed } from '../../sandbox';
import { listSearch } from '../harness/n8n';
import { VUMI_API, useVumiGo } from './useVumiGo';

const vumi = useVumiGo();

describe('Vumi Go → Group → Get Many', () => {
	test('lists every group of the account over the cursor pages', async () => {
		const { items, error } = await vumi.run({
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
		});

		expect(error).toBeUndefined();
		expect(vumi.calls()).toEqual(['GET /groups/']);
		const groups = vumi.state().groups;
		expect(items.map((item) => item.json.key).sort()).toEqual(groups.map((g) => g.key).sort());
		expect(items.find((item) => item.json.key === vumiGoSeed.groupKeys.smart)?.json.query).toBe(
			groups.find((group) => group.key === vumiGoSeed.groupKeys.smart)?.query,
		);
	});
});

describe('Vumi Go keys from a list (resource locators)', () => {
	const search = async (method: string, filter?: string, paginationToken?: string) =>
		await listSearch({
			node: 'vumiGo',
			method,
			parameters: { resource: 'group', operation: 'get' },
			filter,
			paginationToken,
			credentials: vumi.credentials(),
		});

	test('groups are listed by name, smart groups marked, searched by name or key', async () => {
		const { results } = await search('searchGroups');
		expect(results).toEqual(
			expect.arrayContaining([
				{ name: 'Staff', value: vumiGoSeed.groupKeys.staff },
				expect.objectContaining({
					name: expect.stringMatching(/\(smart group\)$/),
					value: vumiGoSeed.groupKeys.smart,
				}),
			]),
		);
		expect((await search('searchGroups', 'sTaFf')).results).toEqual([
			{ name: 'Staff', value: vumiGoSeed.groupKeys.staff },
		]);
		expect(
			vumi
				.requests()
				.every((request) => request.headers.authorization === 'Bearer sandbox-vumi-token'),
		).toBe(true);
	});

	test('contacts come a page at a time, the cursor as the next page token', async () => {
		const pageSize = vumi.emulator().pageSize;
		const first = await search('searchContacts');
		expect(first.results).toHaveLength(pageSize);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await search('searchContacts', undefined, first.paginationToken);
		expect(vumi.requests().map((request) => request.query)).toEqual([
			{},
			{ cursor: first.paginationToken },
		]);
		const keys = [...first.results, ...second.results].map((result) => result.value);
		expect(new Set(keys).size).toBe(keys.length);
		const msisdn = vumiGoSeed.contactMsisdn(4);
		expect((await search('searchContacts', msisdn)).results).toEqual([
			expect.objectContaining({
				name: expect.stringContaining(`(${msisdn})`),
				value: vumiGoSeed.contactKey(4),
			}),
		]);
	});

	test('a group picked from the list is read by its key', async () => {
		const { items } = await vumi.run({
			resource: 'group',
			operation: 'get',
			groupKey: { __rl: true, mode: 'list', value: vumiGoSeed.groupKeys.staff },
		});
		expect(vumi.lastRequest().pathname).toBe(`${VUMI_API}/groups/${vumiGoSeed.groupKeys.staff}`);
		expect(items[0].json).toMatchObject({ name: 'Staff' });
	});

	test.each([
		['group', { resource: 'group', operation: 'get', groupKey: 'no-such-group' }, 'Group Key'],
		[
			'contact',
			{ resource: 'contact', operation: 'get', lookUpBy: 'key', contactKey: 'no-such-contact' },
			'Contact Key',
		],
		[
			'contact to update',
			{
				resource: 'contact',
				operation: 'update',
				contactKey: 'no-such-contact',
				additionalFields: { name: 'X' },
			},
			'Contact Key',
		],
	])('an unknown %s says to check the field by its own name', async (_what, parameters, field) => {
		const { error } = await vumi.run(parameters as IDataObject as never);
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toBe(`The item was not found: check the ${field}.`);
	});
});

describe('Vumi Go → Contact → Get Many in slices', () => {
	test('three runs of Limit 50, each starting at the nextStart of the last, read every contact once', async () => {
		const pageSize = vumi.emulator().pageSize;
		expect(pageSize).toBe(50);
		const slices: IDataObject[][] = [];
		const starts: Array<string | null> = [''];
		for (let run = 0; run < 3; run++) {
			const { items, error } = await vumi.run({
				resource: 'contact',
				operation: 'getAll',
				returnAll: false,
				limit: 45,
				startAt: starts[run],
			});
			expect(error).toBeUndefined();
			slices.push(items.map((item) => item.json));
			starts.push(items.at(-1)?.json.nextStart as string | null);
		}

		expect(slices.map((slice) => slice.length)).toEqual([45, 45, 35]);
		expect(starts[1]).toBe('skip=45');
		expect(starts[2]).toMatch(/^cursor=[^&]+&skip=40$/);
		expect(starts[3]).toBeNull();
		for (const [run, slice] of slices.entries())
			for (const contact of slice) expect(contact.nextStart).toBe(starts[run + 1]);
		// Each run starts at the page the last one stopped in, and reads no page it does not need.
		const queries = vumi.requests().map((request) => request.query);
		expect(queries.map((query) => Object.keys(query).join())).toEqual([
			'', // run 1: page 1
			'', // run 2: the rest of page 1 ...
			'cursor', // ... and the start of page 2
			'cursor', // run 3: the rest of page 2 ...
			'cursor', // ... and page 3, the last
		]);
		const read = slices.flat().map((contact) => contact.key);
		expect(new Set(read).size).toBe(vumiGoSeed.contactCount);
		expect(read).toEqual(
			vumi
				.state()
				.contacts.map((contact) => contact.key)
				.sort(),
		);
	});

	test('Start At with a cursor Vumi Go does not know is its 400, not a silent restart', async () => {
		const { error } = await vumi.run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			startAt: 'cursor=not-a-cursor',
		});
		expect(error?.httpCode).toBe('400');
		expect(vumi.lastRequest().query).toEqual({ cursor: 'not-a-cursor' });
	});
});
