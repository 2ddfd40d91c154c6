import type { INodeProperties } from 'n8n-workflow';

import { loadPackage } from '../harness/n8n';

const SEED_OPERATIONS: Record<string, string[]> = {
	campaign: ['getAll'],
	conversation: ['getAll'],
	channel: ['getAll'],
	router: ['getAll'],
	routingEntry: ['getAll'],
	routingTable: ['get', 'update'],
	contact: ['create', 'delete', 'get', 'getAll', 'update'],
	group: ['create', 'delete', 'get', 'getAll', 'getContacts', 'update'],
	message: ['sendText', 'sendVoice'],
	metric: ['fire', 'get'],
	optOut: ['count', 'create', 'delete', 'get'],
};

describe('Vumi Go node description', () => {
	let properties: INodeProperties[];
	let credentials: Array<{ name: string; displayOptions?: unknown }>;
	let loadOptionsMethods: string[];
	let listSearchMethods: string[];
	let display: (parameters: Record<string, unknown>) => string[];

	beforeAll(async () => {
		const { NodeHelpers } = await import('n8n-workflow');
		const nodeType = (await loadPackage()).nodeType('vumiGo');
		properties = nodeType.description.properties;
		credentials = nodeType.description.credentials ?? [];
		loadOptionsMethods = Object.keys(nodeType.methods?.loadOptions ?? {});
		listSearchMethods = Object.keys(nodeType.methods?.listSearch ?? {});
		expect(nodeType.description.usableAsTool).toBe(true);
		display = (parameters) => {
			const full =
				NodeHelpers.getNodeParameters(properties, parameters as never, true, false, null, null) ??
				{};
			return credentials
				.filter((credential) => NodeHelpers.displayParameter(full, credential as never, null, null))
				.map((credential) => credential.name);
		};
	});

	test('exposes the 25 Vumi Go operations under their seed names, and Group → Get Many', () => {
		const exposed: Record<string, string[]> = {};
		for (const property of properties.filter((candidate) => candidate.name === 'operation')) {
			const resource = String(property.displayOptions?.show?.resource?.[0]);
			exposed[resource] = (property.options as Array<{ value: string }>)
				.map((option) => option.value)
				.sort();
		}
		expect(exposed).toEqual(SEED_OPERATIONS);
	});

	test('every list has Return All and Limit', () => {
		const lists = [
			...['campaign', 'conversation', 'channel', 'router', 'routingEntry', 'contact'].map(
				(resource) => [resource, 'getAll'],
			),
			['group', 'getAll'],
			['group', 'getContacts'],
		];
		for (const [resource, operation] of lists) {
			const names = properties
				.filter((property) => {
					const show = property.displayOptions?.show;
					return show?.resource?.includes(resource) && show?.operation?.includes(operation);
				})
				.map((property) => property.name);
			expect(names).toEqual(expect.arrayContaining(['returnAll', 'limit']));
		}
	});

	test('one credential serves every resource and operation, so switching resources keeps it', () => {
		expect(credentials).toEqual([{ name: 'vumiGoApi', required: true }]);
		for (const [resource, operations] of Object.entries(SEED_OPERATIONS))
			for (const operation of operations)
				expect({ resource, operation, shown: display({ resource, operation }) }).toEqual({
					resource,
					operation,
					shown: ['vumiGoApi'],
				});
		expect(display({ resource: 'metric', operation: 'fire', metricApi: 'conversation' })).toEqual([
			'vumiGoApi',
		]);
	});

	test('Group Key and Contact Key are picked from a list or typed By Key', () => {
		const locators = properties.filter((property) => property.type === 'resourceLocator');
		const byName = new Map(locators.map((property) => [property.name, property]));
		expect([...byName.keys()].sort()).toEqual(['contactKey', 'groupKey']);
		for (const [name, search] of [
			['contactKey', 'searchContacts'],
			['groupKey', 'searchGroups'],
		]) {
			const modes = byName.get(name)?.modes ?? [];
			expect(modes.map((mode) => mode.displayName)).toEqual(['From List', 'By Key']);
			expect(modes[0].typeOptions?.searchListMethod).toBe(search);
			expect(listSearchMethods).toContain(search);
		}
		for (const property of locators) expect(property.default).toEqual({ mode: 'list', value: '' });
	});

	test('every dropdown is filled by a load-options method the node has', () => {
		const methods = new Set<string>();
		const visit = (list: INodeProperties[]) => {
			for (const property of list) {
				const method = property.typeOptions?.loadOptionsMethod;
				if (method) methods.add(method);
				if (property.type === 'collection') visit(property.options as INodeProperties[]);
			}
		};
		visit(properties);
		for (const method of methods) expect(loadOptionsMethods).toContain(method);
		expect([...methods].sort()).toEqual(['getCampaigns', 'getConversations']);
	});
});
