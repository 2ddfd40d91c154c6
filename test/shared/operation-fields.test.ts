/**
 * The parameter kinds an operation table describes beyond texts and numbers: lists of options,
 * collections, fixed collections and resource locators. A fixture node built from the table runs in
 * n8n's engine against the Hologram emulator, so n8n itself fills the defaults, resolves the
 * resource locator's modes (extractValue) and the emulator shows what reached the wire.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { hologramPagination, hologramProfile, unwrapHologram } from '../../nodes/Hologram/api';
import { hologramListSearch } from '../../nodes/Hologram/loadOptions';
import type { FieldSpec, NodeApi } from '../../nodes/shared/operations';
import { buildProperties, executeOperations } from '../../nodes/shared/operations';
import { listSearch, registerTestNodeType, runNode } from '../harness/n8n';
import { useHologram } from '../hologram/useHologram';

const hologram = useHologram();

const device: FieldSpec = {
	displayName: 'Device',
	name: 'deviceId',
	type: 'resourceLocator',
	required: true,
	modes: {
		list: { searchMethod: 'searchDevices' },
		id: { regex: '^\\d+$', errorMessage: 'Not a device ID', placeholder: '3004' },
		url: {
			regex: 'https://dashboard\\.example/devices/(\\d+)',
			placeholder: 'https://dashboard.example/devices/3004',
		},
	},
};

const topics: FieldSpec = {
	displayName: 'Topics',
	name: 'topics',
	type: 'multiOptions',
	wireName: 'tags',
	options: [
		{ name: 'Alarm', value: 'alarm' },
		{ name: 'Heartbeat', value: 'heartbeat' },
	],
	toWire: (value) => (value as string[]).join(','),
};

const window: FieldSpec = {
	displayName: 'Window',
	name: 'window',
	type: 'collection',
	fields: [
		{ displayName: 'From', name: 'from', type: 'number', integer: true },
		{ displayName: 'To', name: 'to', type: 'number', integer: true },
	],
	toWire: (value) => `${String((value as IDataObject).from)}-${String((value as IDataObject).to)}`,
};

const labels: FieldSpec = {
	displayName: 'Labels',
	name: 'labels',
	type: 'fixedCollection',
	multipleValues: true,
	row: { name: 'label', displayName: 'Label' },
	fields: [
		{ displayName: 'Key', name: 'key', type: 'string', required: true },
		{ displayName: 'Value', name: 'value', type: 'string' },
	],
	toWire: (rows) =>
		(rows as IDataObject[]).map((row) => `${String(row.key)}:${String(row.value ?? '')}`).join(','),
};

const fixtureApi: NodeApi = {
	profile: hologramProfile,
	pagination: hologramPagination,
	unwrap: unwrapHologram,
	resources: [{ name: 'Device', value: 'device' }],
	operations: [
		{
			resource: 'device',
			operation: 'get',
			name: 'Get',
			action: 'Get a device',
			description: 'Reads a device, with every kind of parameter on the way',
			method: 'GET',
			path: 'devices/{deviceId}',
			fields: [device, topics, window, labels],
		},
	],
};

const fixtureNode: INodeType = {
	description: {
		displayName: 'Operation Fields Fixture',
		name: 'operationFieldsFixture',
		group: ['transform'],
		version: 1,
		description: 'A node made from an operation table with every parameter kind',
		defaults: { name: 'Operation Fields Fixture' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hologramApi', required: true }],
		properties: buildProperties(fixtureApi),
	},
	methods: { listSearch: hologramListSearch },
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations(this, fixtureApi);
	},
};

registerTestNodeType('operationFieldsFixture', fixtureNode);

const run = async (parameters: IDataObject) =>
	await runNode({
		node: 'operationFieldsFixture',
		parameters: { resource: 'device', operation: 'get', ...parameters } as never,
		credentials: hologram.credentials(),
	});

const property = (name: string): INodeProperties | undefined =>
	fixtureNode.description.properties.find((candidate) => candidate.name === name);

describe('Operation table: parameter kinds in the node panel', () => {
	test('a resource locator offers From List, By ID and By URL, checked and extracted by n8n', () => {
		expect(property('deviceId')).toMatchObject({
			type: 'resourceLocator',
			required: true,
			default: { mode: 'list', value: '' },
			modes: [
				{ name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchDevices' } },
				{
					name: 'id',
					validation: [{ type: 'regex', properties: { regex: '^\\d+$' } }],
				},
				{
					name: 'url',
					extractValue: { type: 'regex', regex: 'https://dashboard\\.example/devices/(\\d+)' },
				},
			],
		});
	});

	test('a collection and a fixed collection are parameters of their own; a list of options is an optional field', () => {
		expect(property('window')).toMatchObject({
			type: 'collection',
			default: {},
			options: [{ name: 'from' }, { name: 'to' }],
		});
		expect(property('labels')).toMatchObject({
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			options: [{ name: 'label', values: [{ name: 'key' }, { name: 'value' }] }],
		});
		expect(property('additionalFields')?.options).toEqual([
			expect.objectContaining({ name: 'topics', type: 'multiOptions', default: [] }),
		]);
	});
});

describe('Operation table: parameter kinds on the wire', () => {
	test('every kind reaches the request, the device taken out of its URL', async () => {
		const { items, error } = await run({
			deviceId: { __rl: true, mode: 'url', value: 'https://dashboard.example/devices/3004' },
			additionalFields: { topics: ['alarm', 'heartbeat'] },
			window: { from: 1, to: 5 },
			labels: { label: [{ key: 'site', value: 'depot' }, { key: 'zone' }] },
		});

		expect(error).toBeUndefined();
		const request = hologram.lastRequest();
		expect(request.pathname).toBe('/api/1/devices/3004');
		expect(request.query).toEqual({
			tags: 'alarm,heartbeat',
			window: '1-5',
			labels: 'site:depot,zone:',
		});
		expect(items.map((item) => item.json.id)).toEqual([3004]);
	});

	test('From List and By ID give the ID itself', async () => {
		await run({ deviceId: { __rl: true, mode: 'list', value: '3002' } });
		expect(hologram.lastRequest().pathname).toBe('/api/1/devices/3002');

		await run({ deviceId: { __rl: true, mode: 'id', value: '3001' } });
		expect(hologram.lastRequest().pathname).toBe('/api/1/devices/3001');
	});

	// n8n refuses a typed ID that fails the mode's check before the run; an expression is checked here.
	test('an ID from an expression that does not look like one is refused before anything is sent', async () => {
		const { error } = await run({ deviceId: { __rl: true, mode: 'id', value: '={{ "abc" }}' } });

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Item 0: "Device" is not a valid ID: Not a device ID, got "abc"');
		expect(hologram.requests()).toHaveLength(0);
	});

	test('a row without its required field and an option that is not offered name the field', async () => {
		const missingKey = await run({
			deviceId: { __rl: true, mode: 'id', value: '3001' },
			labels: { label: [{ key: 'site' }, { value: 'lost' }] },
		});
		expect(missingKey.error?.message).toBe('Item 0: "Labels" row 2: "Key" is required but empty');

		const unknownTopic = await run({
			deviceId: { __rl: true, mode: 'id', value: '3001' },
			additionalFields: { topics: ['alarm', 'other'] },
		});
		expect(unknownTopic.error?.message).toBe(
			'Item 0: "Topics" must be one of alarm, heartbeat, got "other"',
		);
		expect(hologram.requests()).toHaveLength(0);
	});
});

describe('Hologram → Device → Get: the device from the list', () => {
	test('the list shows devices by name and ID, narrowed by the search text', async () => {
		const { results, paginationToken } = await listSearch({
			node: 'hologram',
			method: 'searchDevices',
			filter: 'truck',
			credentials: hologram.credentials(),
		});

		expect(results).toEqual([
			{ name: 'Truck 17 Tracker (3004)', value: '3004' },
			{ name: 'Truck 22 Tracker (3005)', value: '3005' },
		]);
		expect(paginationToken).toBeUndefined();
		expect(hologram.lastRequest().query).toMatchObject({ limit: '100' });
	});

	test('a device picked from the list is read by its ID', async () => {
		const { items, error } = await hologram.run({
			resource: 'device',
			operation: 'get',
			deviceId: { __rl: true, mode: 'list', value: '3004', cachedResultName: 'Truck 17 Tracker' },
		});

		expect(error).toBeUndefined();
		expect(hologram.lastRequest().pathname).toBe('/api/1/devices/3004');
		expect(items[0].json).toMatchObject({ id: 3004, name: 'Truck 17 Tracker' });
	});
});
