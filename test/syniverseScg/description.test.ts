import type { INodeProperties } from 'n8n-workflow';

import { loadPackage } from '../harness/n8n';

describe('Syniverse SCG node description', () => {
	let properties: INodeProperties[];
	let loadOptionsMethods: string[];

	beforeAll(async () => {
		const nodeType = (await loadPackage()).nodeType('syniverseScg');
		properties = nodeType.description.properties;
		loadOptionsMethods = Object.keys(nodeType.methods?.loadOptions ?? {});
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
		expect([...methods]).toEqual(expect.arrayContaining(['getSenders', 'getContactGroups']));
	});
});
