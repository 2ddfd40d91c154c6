import type { INodeProperties } from 'n8n-workflow';

import { loadPackage } from '../harness/n8n';

/** The 12 operations of the seed SDK, as ../shared/coverage/seed-operations.json names them. */
const SEED_OPERATIONS: Record<string, string[]> = {
	asset: ['create', 'get', 'getAll', 'getHistory', 'getState', 'sendCommand', 'sendState'],
	device: ['get', 'getAll'],
	gateway: ['get'],
	ground: ['getAll'],
	notification: ['push'],
};

const LISTS: [string, string][] = [
	['ground', 'getAll'],
	['device', 'getAll'],
	['asset', 'getAll'],
	['asset', 'getHistory'],
];

/** Every `loadOptionsMethod` named by a property, inside collections too. */
function dropdownMethods(properties: INodeProperties[]): string[] {
	const methods = new Set<string>();
	const visit = (list: INodeProperties[]) => {
		for (const property of list) {
			const method = property.typeOptions?.loadOptionsMethod;
			if (method) methods.add(method);
			if (property.type === 'collection') visit(property.options as INodeProperties[]);
		}
	};
	visit(properties);
	return [...methods].sort();
}

describe('SmartLiving node description', () => {
	let properties: INodeProperties[];
	let loadOptionsMethods: string[];
	let listSearchMethods: string[];

	beforeAll(async () => {
		const nodeType = (await loadPackage()).nodeType('smartLiving');
		properties = nodeType.description.properties;
		loadOptionsMethods = Object.keys(nodeType.methods?.loadOptions ?? {});
		listSearchMethods = Object.keys(nodeType.methods?.listSearch ?? {});
		expect(nodeType.description.usableAsTool).toBe(true);
		expect(nodeType.description.credentials?.map((credential) => credential.name)).toEqual([
			'smartLivingApi',
		]);
	});

	test('exposes the 12 SmartLiving operations under their seed names', () => {
		const exposed: Record<string, string[]> = {};
		for (const property of properties.filter((candidate) => candidate.name === 'operation')) {
			const resource = String(property.displayOptions?.show?.resource?.[0]);
			exposed[resource] = (property.options as Array<{ value: string }>)
				.map((option) => option.value)
				.sort();
		}
		expect(exposed).toEqual(SEED_OPERATIONS);
		expect(Object.values(exposed).flat()).toHaveLength(12);
	});

	test('every list has Return All and Limit', () => {
		for (const [resource, operation] of LISTS) {
			const names = properties
				.filter((property) => {
					const show = property.displayOptions?.show;
					return show?.resource?.includes(resource) && show?.operation?.includes(operation);
				})
				.map((property) => property.name);
			expect({ resource, operation, names }).toEqual({
				resource,
				operation,
				names: expect.arrayContaining(['returnAll', 'limit']),
			});
		}
	});

	test('operations that are not lists have no Return All', () => {
		const returnAll = properties.filter((property) => property.name === 'returnAll');
		const shown = returnAll.flatMap((property) =>
			(property.displayOptions?.show?.resource ?? []).flatMap((resource) =>
				(property.displayOptions?.show?.operation ?? []).map(
					(operation) => `${String(resource)}.${String(operation)}`,
				),
			),
		);
		expect(shown.sort()).toEqual(
			LISTS.map(([resource, operation]) => `${resource}.${operation}`).sort(),
		);
	});

	test('every dropdown is filled by a load-options method the node has', () => {
		const methods = dropdownMethods(properties);
		for (const method of methods) expect(loadOptionsMethods).toContain(method);
		expect(methods).toEqual(['getGrounds']);
	});

	test('devices and assets are resource locators whose lists the node searches', () => {
		const locators = properties.filter((property) => property.type === 'resourceLocator');
		expect([...new Set(locators.map((property) => property.displayName))].sort()).toEqual([
			'Asset',
			'Asset Name',
			'Device',
		]);
		const searches = new Set(
			locators.flatMap((property) =>
				(property.modes ?? []).flatMap((mode) => mode.typeOptions?.searchListMethod ?? []),
			),
		);
		expect([...searches].sort()).toEqual(['searchAssetNames', 'searchAssets', 'searchDevices']);
		for (const method of searches) expect(listSearchMethods).toContain(method);
		// An asset on a device is addressed by its name: that mode says so.
		const assetName = locators.find((property) => property.name === 'assetName');
		expect(assetName?.modes?.map((mode) => mode.displayName)).toEqual(['From List', 'By Name']);
		for (const property of locators) expect(property.default).toEqual({ mode: 'list', value: '' });
	});
});

describe('SmartLiving Trigger (polling) description', () => {
	test('a polling trigger of the main package, its assets a dropdown filled from the API', async () => {
		const pkg = await loadPackage();
		const trigger = pkg.nodeType('smartLivingPollTrigger');
		expect(pkg.typeOf('smartLivingPollTrigger')).toBe('n8n-nodes-telco-iot.smartLivingPollTrigger');
		expect(trigger.description).toMatchObject({
			displayName: 'SmartLiving Trigger',
			polling: true,
			group: ['trigger'],
			credentials: [{ name: 'smartLivingApi', required: true }],
		});
		expect(typeof trigger.poll).toBe('function');
		expect(dropdownMethods(trigger.description.properties)).toEqual(['getAssetIds']);
		expect(Object.keys(trigger.methods?.loadOptions ?? {})).toContain('getAssetIds');
		// n8n adds the poll interval to every polling node when it loads the package.
		expect(trigger.description.properties.map((property) => property.name)).toContain('pollTimes');
	});

	test('the main package has no MQTT: Send Command goes over REST only', async () => {
		const properties = (await loadPackage()).nodeType('smartLiving').description.properties;
		expect(properties.map((property) => property.name)).not.toContain('sendOver');
	});
});
