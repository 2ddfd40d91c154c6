import type { INodeProperties } from 'n8n-workflow';

import { loadPackage } from '../harness/n8n';

describe('Syniverse SCG node description', () => {
	let properties: INodeProperties[];
	let loadOptionsMethods: string[];
	let listSearchMethods: string[];

	beforeAll(async () => {
		const nodeType = (await loadPackage()).nodeType('syniverseScg');
		properties = nodeType.description.properties;
		loadOptionsMethods = Object.keys(nodeType.methods?.loadOptions ?? {});
		listSearchMethods = Object.keys(nodeType.methods?.listSearch ?? {});
		expect(nodeType.description.usableAsTool).toBe(true);
	});

	test('exposes the 28 SCG operations under their seed names', () => {
		const operations = properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.options as Array<{ value: string }>).map(
					(option) => `${String(property.displayOptions?.show?.resource?.[0])}.${option.value}`,
				),
			);
		expect(operations).toHaveLength(28);
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
		expect([...methods]).toEqual(['getSenders']);
	});

	test('the IDs a user would look up are resource locators with a list the node has', () => {
		const locators = new Map(
			properties
				.filter((property) => property.type === 'resourceLocator')
				.map((property) => [
					property.name,
					property.modes?.find((mode) => mode.name === 'list')?.typeOptions?.searchListMethod,
				]),
		);
		expect(Object.fromEntries(locators)).toEqual({
			contactId: 'searchContacts',
			contactGroupId: 'searchContactGroups',
			senderId: 'searchSenderIds',
			attachmentId: 'searchAttachments',
		});
		for (const method of locators.values()) expect(listSearchMethods).toContain(method);
		for (const property of properties.filter((candidate) => candidate.type === 'resourceLocator'))
			expect(property).toMatchObject({ required: true, default: { mode: 'list', value: '' } });
	});
});
