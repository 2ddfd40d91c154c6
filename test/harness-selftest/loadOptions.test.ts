import type { HologramEmulator } from '../../sandbox';
import type { ILoadOptionsFunctions, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch, loadOptions, registerTestNodeType } from '../harness/n8n';
import { useSandbox } from '../harness/sandbox';

const sandbox = useSandbox(['hologram']);
const hologram = () => sandbox().emulators.hologram as HologramEmulator;
const credentials = () => ({
	hologramApi: { apiKey: hologram().apiKey, baseUrl: sandbox().urls.hologram as string },
});
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

describe('loadOptions with the Hologram node', () => {
	test('getDataPlans lists every plan as "name (id)"', async () => {
		const options = await loadOptions({
			node: 'hologram',
			method: 'getDataPlans',
			credentials: credentials(),
		});

		const expected = hologram()
			.state.plans.map((plan) => ({ name: `${plan.name} (${plan.id})`, value: plan.id }))
			.sort(byName);
		expect(options).toEqual(expected);
		expect(options.length).toBeGreaterThan(0);
	});

	test('getOrganizations marks the personal organization', async () => {
		const options = await loadOptions({
			node: 'hologram',
			method: 'getOrganizations',
			credentials: credentials(),
		});

		const expected = hologram()
			.state.organizations.map((org) => ({
				name: org.is_personal ? `${org.name} (personal)` : org.name,
				value: org.id,
			}))
			.sort(byName);
		expect(options).toEqual(expected);
	});

	test('getDeviceTags lists the tags by name, authenticated with the key', async () => {
		const options = await loadOptions({
			node: 'hologram',
			method: 'getDeviceTags',
			credentials: credentials(),
		});

		const expected = hologram()
			.state.tags.map((tag) => ({ name: tag.name, value: tag.id }))
			.sort(byName);
		expect(options).toEqual(expected);
		expect(hologram().requests.at(-1)?.pathname).toBe('/api/1/devices/tags');
	});

	test('a dropdown with a wrong key fails as the editor would show it', async () => {
		await expect(
			loadOptions({
				node: 'hologram',
				method: 'getDataPlans',
				credentials: {
					hologramApi: { apiKey: 'wrong', baseUrl: sandbox().urls.hologram as string },
				},
			}),
		).rejects.toThrow();
	});

	test('an unknown method is reported by name', async () => {
		await expect(
			loadOptions({ node: 'hologram', method: 'getNothing', credentials: credentials() }),
		).rejects.toThrow('Node hologram has no loadOptions method getNothing');
	});
});

/** Reads the current parameters and the search arguments, as list search methods do. */
const searchNode: INodeType = {
	description: {
		displayName: 'Test Search',
		name: 'testSearch',
		group: ['transform'],
		version: 1,
		description: 'Searches a fixed list',
		defaults: { name: 'Search' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Prefix', name: 'prefix', type: 'string', default: 'sim-' }],
	},
	methods: {
		loadOptions: {
			async getPrefixed(this: ILoadOptionsFunctions) {
				const prefix = this.getCurrentNodeParameter('prefix') as string;
				return [{ name: `${prefix}1`, value: `${prefix}1` }];
			},
		},
		listSearch: {
			async searchSims(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
				const prefix = this.getNodeParameter('prefix') as string;
				const page = Number(paginationToken ?? 0);
				const all = ['1', '2', '3', '12'].map((id) => `${prefix}${id}`);
				const matching = all.filter((name) => !filter || name.includes(filter));
				return {
					results: matching.slice(page * 2, page * 2 + 2).map((name) => ({ name, value: name })),
					paginationToken: matching.length > page * 2 + 2 ? String(page + 1) : undefined,
				};
			},
		},
	},
};

registerTestNodeType('testSearch', searchNode);

describe('loadOptions and listSearch with a fixture node', () => {
	test('getCurrentNodeParameter sees the parameters, defaults filled in', async () => {
		expect(
			await loadOptions({ node: 'testSearch', method: 'getPrefixed', credentials: {} }),
		).toEqual([{ name: 'sim-1', value: 'sim-1' }]);
		expect(
			await loadOptions({
				node: 'testSearch',
				method: 'getPrefixed',
				parameters: { prefix: 'link-' },
				credentials: {},
			}),
		).toEqual([{ name: 'link-1', value: 'link-1' }]);
	});

	test('listSearch passes the filter and the pagination token', async () => {
		const search = { node: 'testSearch', method: 'searchSims', credentials: {} };

		const filtered = await listSearch({ ...search, filter: '1' });
		const firstPage = await listSearch(search);
		const secondPage = await listSearch({ ...search, paginationToken: firstPage.paginationToken });

		expect(filtered.results.map((result) => result.value)).toEqual(['sim-1', 'sim-12']);
		expect(firstPage.results.map((result) => result.value)).toEqual(['sim-1', 'sim-2']);
		expect(firstPage.paginationToken).toBe('1');
		expect(secondPage.results.map((result) => result.value)).toEqual(['sim-3', 'sim-12']);
		expect(secondPage.paginationToken).toBeUndefined();
	});
});
