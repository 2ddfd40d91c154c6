import type { INodeProperties } from 'n8n-workflow';

import { loadPackage } from '../harness/n8n';

describe('Hologram node description', () => {
	let properties: INodeProperties[];
	let loadOptionsMethods: string[];

	beforeAll(async () => {
		const nodeType = (await loadPackage()).nodeType('hologram');
		properties = nodeType.description.properties;
		loadOptionsMethods = Object.keys(nodeType.methods?.loadOptions ?? {});
		expect(nodeType.description.usableAsTool).toBe(true);
	});

	const operationsOf = (resource: string) =>
		properties.find(
			(property) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === resource,
		)?.options as Array<{ value: string; action: string }>;

	test('every list operation has Return All and a Limit shown only when Return All is off', () => {
		const getAllResources = [
			'device',
			'cellularLink',
			'deviceTag',
			'dataPlan',
			'csrMessage',
			'tunnelKey',
			'organization',
		];
		for (const resource of getAllResources) {
			expect(operationsOf(resource).map((operation) => operation.value)).toContain('getAll');
			const shownFor = (name: string) =>
				properties.find(
					(property) =>
						property.name === name &&
						property.displayOptions?.show?.resource?.[0] === resource &&
						property.displayOptions?.show?.operation?.[0] === 'getAll',
				);
			expect(shownFor('returnAll')?.default).toBe(false);
			expect(shownFor('limit')?.displayOptions?.show?.returnAll).toEqual([false]);
		}
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
		expect([...methods].sort()).toEqual(['getDataPlans', 'getDeviceTags', 'getOrganizations']);
		for (const method of methods) expect(loadOptionsMethods).toContain(method);
	});

	test('every operation has an action sentence for the node panel', () => {
		for (const property of properties.filter((candidate) => candidate.name === 'operation')) {
			for (const option of property.options as Array<{ action?: string }>) {
				expect(option.action).toMatch(/^[A-Z][a-z]+ .+/);
			}
		}
	});
});
