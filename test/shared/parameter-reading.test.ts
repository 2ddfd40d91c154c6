/**
 * The executor asks n8n once per execution for a parameter that holds no expression (ExecutionParameters)
 * and hands every later item a copy of that answer. For every operation of every node, over fixture
 * parameters (all constants, all expressions, and the two mixed), each item's checked field values and
 * every parameter the executor reads must be exactly what n8n's getNodeParameter gives for that item,
 * errors included. A fixture node with the real node's parameters reads them both ways inside n8n's engine.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { Hoiio, hoiioApi } from '../../nodes/Hoiio/Hoiio.node';
import { Hologram, hologramApi } from '../../nodes/Hologram/Hologram.node';
import { SmartLiving } from '../../nodes/SmartLiving/SmartLiving.node';
import { smartLivingApi } from '../../nodes/SmartLiving/actions/router';
import { SyniverseScg, scgApi } from '../../nodes/SyniverseScg/SyniverseScg.node';
import { VumiGo } from '../../nodes/VumiGo/VumiGo.node';
import { vumiGoApi } from '../../nodes/VumiGo/actions/router';
import type { FieldSpec, NodeApi, OperationSpec } from '../../nodes/shared/operations';
import { resolveOperation } from '../../nodes/shared/operations';
import type { ParameterReader } from '../../nodes/shared/operations/parameters';
import {
	ExecutionParameters,
	eachItemParameters,
	holdsExpression,
} from '../../nodes/shared/operations/parameters';
import { readFieldValues } from '../../nodes/shared/operations/values';
import { registerTestNodeType, runNode } from '../harness/n8n';

type Variant = 'constants' | 'expressions' | 'mixed';
const VARIANTS: Variant[] = ['constants', 'expressions', 'mixed'];
const ITEMS = 3;

/** A value of the field's kind for an item: two good ones, then one of the wrong kind (item 2). */
function sample(field: FieldSpec, itemIndex: number): unknown {
	const option = (index: number) => field.options?.[index % (field.options?.length || 1)]?.value;
	if (itemIndex === 2 && field.type !== 'collection' && field.type !== 'fixedCollection')
		return field.type === 'string' ? { not: 'text' } : 'not a value of this kind';
	switch (field.type) {
		case 'number':
			return Math.max(field.min ?? 0, itemIndex === 0 ? 42 : 7);
		case 'boolean':
			return itemIndex === 0;
		case 'options':
			return option(itemIndex) ?? `choice-${itemIndex}`;
		case 'multiOptions':
			return [option(itemIndex) ?? `choice-${itemIndex}`];
		case 'json':
			return `{"item": ${itemIndex}}`;
		case 'dateTime':
			return `2026-0${itemIndex + 1}-02T03:04:05Z`;
		case 'stringList':
			return itemIndex === 0 ? 'alpha, beta' : 'gamma';
		case 'numberList':
			return itemIndex === 0 ? '1, 2' : '3';
		case 'resourceLocator':
			return String(3004 + itemIndex);
		default:
			return itemIndex === 0 ? '+14155550100' : 'Some text';
	}
}

/** Where an item's value for a field sits in the item (expressions read it from there). */
const jsonKey = (path: string[]) => path.join('_');

function parameterValue(field: FieldSpec, path: string[], asExpression: boolean): unknown {
	const expression = `={{ $json.${jsonKey(path)} }}`;
	if (field.type === 'collection') return groupValue(field.fields ?? [], path, asExpression);
	if (field.type === 'fixedCollection') {
		const row = groupValue(field.fields ?? [], path, asExpression);
		return { [field.row?.name ?? field.name]: field.multipleValues ? [row, row] : row };
	}
	const value = asExpression ? expression : sample(field, 0);
	if (field.type !== 'resourceLocator') return value;
	return { __rl: true, mode: 'id', value };
}

function groupValue(fields: FieldSpec[], path: string[], asExpression: boolean): IDataObject {
	return Object.fromEntries(
		fields.map((field) => [field.name, parameterValue(field, [...path, field.name], asExpression)]),
	) as IDataObject;
}

/** Each item's values for the expressions, under the keys `parameterValue` reads. */
function itemJson(fields: FieldSpec[], itemIndex: number, path: string[] = []): IDataObject {
	const json: IDataObject = {};
	for (const field of fields) {
		const fieldPath = [...path, field.name];
		if (field.fields) Object.assign(json, itemJson(field.fields, itemIndex, fieldPath));
		else json[jsonKey(fieldPath)] = sample(field, itemIndex) as IDataObject[string];
	}
	return json;
}

/** The operation's parameters: required and conditional fields on their own, optional ones collected. */
function operationParameters(operation: OperationSpec, variant: Variant): INodeParameters {
	const fields = resolveOperation(operation).fields;
	const parameters: IDataObject = {
		resource: operation.resource,
		operation: operation.operation,
		requestOptions:
			variant === 'constants'
				? { concurrency: 3, timeout: 5000 }
				: { concurrency: 3, timeout: '={{ 5000 + $itemIndex }}' },
		campaign: { campaignKey: variant === 'constants' ? 'spring' : '={{ "spring-" + $itemIndex }}' },
		returnAll: false,
		limit: variant === 'expressions' ? '={{ 10 + $itemIndex }}' : 10,
	};
	const optional: IDataObject = {};
	fields.forEach((field, index) => {
		const asExpression = variant === 'expressions' || (variant === 'mixed' && index % 2 === 1);
		const value = parameterValue(field, [field.name], asExpression) as IDataObject[string];
		const ownParameter =
			field.required ||
			field.showWhen ||
			['collection', 'fixedCollection', 'resourceLocator'].includes(field.type);
		if (ownParameter) parameters[field.name] = value;
		else optional[field.name] = value;
	});
	parameters[operation.list ? 'filters' : 'additionalFields'] = optional;
	return parameters as INodeParameters;
}

/** What a reading gave: its value, or its error's message. */
function attempt(read: () => unknown): IDataObject {
	try {
		return { value: JSON.parse(JSON.stringify(read() ?? null)) as IDataObject };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

/** The parameters the executor reads besides the fields (resource, operation, options, lists). */
const EXECUTOR_PARAMETERS: Array<[string, unknown]> = [
	['resource', ''],
	['operation', ''],
	['requestOptions', {}],
	['campaign', {}],
	['returnAll', false],
	['limit', 50],
];

/** Everything one reader gives an item: the checked field values, then each parameter on its own. */
function readings(
	context: IExecuteFunctions,
	parameters: ParameterReader,
	operation: OperationSpec,
	itemIndex: number,
): IDataObject {
	const resolved = resolveOperation(operation);
	const own: IDataObject = {};
	for (const [name, fallback] of EXECUTOR_PARAMETERS)
		own[name] = attempt(() => parameters.get(name, itemIndex, fallback));
	for (const field of resolved.fields) {
		own[field.name] = attempt(() => parameters.get(field.name, itemIndex, field.default));
		if (field.type === 'resourceLocator')
			own[`${field.name}:value`] = attempt(() =>
				parameters.get(field.name, itemIndex, undefined, { extractValue: true }),
			);
	}
	return { fields: attempt(() => readFieldValues(context, parameters, resolved, itemIndex)), own };
}

/** A node with the real node's parameters whose items are the readings of both readers. */
function comparingNode(name: string, real: INodeType, api: NodeApi): INodeType {
	return {
		description: { ...real.description, name, displayName: name },
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const kept = new ExecutionParameters(this);
			const eachItem = eachItemParameters(this);
			const resource = this.getNodeParameter('resource', 0) as string;
			const operationName = this.getNodeParameter('operation', 0) as string;
			const operation = api.operations.find(
				(candidate) => candidate.resource === resource && candidate.operation === operationName,
			) as OperationSpec;
			return [
				this.getInputData().map((_item, itemIndex) => ({
					json: {
						// The kept reader first: it asks n8n for the first item and answers later ones itself.
						kept: readings(this, kept, operation, itemIndex),
						eachItem: readings(this, eachItem, operation, itemIndex),
					},
				})),
			];
		},
	};
}

const NODES: Array<{ name: string; real: INodeType; api: NodeApi; credentials: string[] }> = [
	{ name: 'hologram', real: new Hologram(), api: hologramApi, credentials: ['hologramApi'] },
	{ name: 'hoiio', real: new Hoiio(), api: hoiioApi, credentials: ['hoiioApi'] },
	{ name: 'scg', real: new SyniverseScg(), api: scgApi, credentials: ['syniverseScgApi'] },
	{ name: 'vumiGo', real: new VumiGo(), api: vumiGoApi, credentials: ['vumiGoApi'] },
	{
		name: 'smartLiving',
		real: new SmartLiving(),
		api: smartLivingApi,
		credentials: ['smartLivingApi'],
	},
];

describe('Parameters without expressions are read once per execution, with the same result for every item', () => {
	test.each(NODES)(
		'$name: every operation reads the same values and errors both ways, in every variant',
		async ({ name, real, api, credentials }) => {
			const fixture = `${name}ParameterReading`;
			registerTestNodeType(fixture, comparingNode(fixture, real, api));
			let valuesCompared = 0;
			for (const operation of api.operations) {
				const fields = resolveOperation(operation).fields;
				for (const variant of VARIANTS) {
					const { items, error } = await runNode({
						node: fixture,
						parameters: operationParameters(operation, variant),
						credentials: Object.fromEntries(credentials.map((type) => [type, {}])),
						items: Array.from({ length: ITEMS }, (_item, index) => itemJson(fields, index)),
					});
					const where = `${operation.resource} → ${operation.operation} (${variant})`;
					expect({ where, error }).toEqual({ where, error: undefined });
					for (const item of items)
						expect({ where, kept: item.json.kept }).toEqual({ where, kept: item.json.eachItem });
					valuesCompared += items.filter(
						(item) => (item.json.kept as { fields: IDataObject }).fields.value !== undefined,
					).length;
				}
			}
			// The comparison covers checked values, not only errors: a third of the items at least.
			expect(valuesCompared).toBeGreaterThan(api.operations.length * VARIANTS.length);
		},
	);
});

/** Reads Request Options for item 0, changes what it got, and reads them again for item 1. */
const changingNode: INodeType = {
	description: {
		...new Hologram().description,
		name: 'changingParameters',
		displayName: 'Changing Parameters',
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const parameters = new ExecutionParameters(this);
		const first = parameters.get('requestOptions', 0, {}) as IDataObject;
		first.concurrency = 99;
		const second = parameters.get('requestOptions', 1, {}) as IDataObject;
		second.timeout = 1;
		return [
			[{ json: { first, second, third: parameters.get('requestOptions', 2, {}) as IDataObject } }],
		];
	},
};
registerTestNodeType('changingParameters', changingNode);

describe('ExecutionParameters', () => {
	test('each item gets its own copy of a kept answer: changing one changes no other item', async () => {
		const { items, error } = await runNode({
			node: 'changingParameters',
			parameters: {
				resource: 'sms',
				operation: 'send',
				deviceId: 3004,
				message: 'Hello',
				requestOptions: { concurrency: 3 },
			},
			credentials: { hologramApi: {} },
			items: [{}, {}, {}],
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			first: { concurrency: 99 },
			second: { concurrency: 3, timeout: 1 },
			third: { concurrency: 3 },
		});
	});

	test('a stored value is an expression when a text anywhere in it starts with "="', () => {
		expect(holdsExpression('={{ $json.text }}')).toBe(true);
		expect(holdsExpression({ __rl: true, mode: 'id', value: '={{ $json.id }}' })).toBe(true);
		expect(holdsExpression({ row: [{ key: 'site' }, { key: '={{ 1 }}' }] })).toBe(true);
		expect(holdsExpression({ concurrency: 3, note: 'a = b' })).toBe(false);
		expect(holdsExpression(['a', 2, true, null])).toBe(false);
	});
});

/** Item values of every kind, under the key the expressions read ("text", and "a key" for brackets). */
const ITEM_VALUES: unknown[] = ['Hello', '', 42, 0, -1.5, true, false, null, { a: 1 }, [1, 2]];
const itemsOf = (values: unknown[]) =>
	[...values.map((value) => ({ text: value, 'a key': value })), {}] as IDataObject[];

/**
 * Reads one parameter for every item both ways: n8n's getNodeParameter, and ExecutionParameters given a
 * context that counts how often it asks n8n.
 */
function itemFieldNode(
	name: string,
	parameter: string,
	options?: { extractValue: true },
): INodeType {
	return {
		description: { ...new Hologram().description, name, displayName: name },
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			let askedN8n = 0;
			const counting = new Proxy(this, {
				get: (target, property) => {
					const value = Reflect.get(target, property) as unknown;
					if (property === 'getNodeParameter')
						return (...args: Parameters<IExecuteFunctions['getNodeParameter']>) => {
							askedN8n++;
							return target.getNodeParameter(...args);
						};
					return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
				},
			});
			const fast = new ExecutionParameters(counting);
			return [
				this.getInputData().map((_item, itemIndex) => {
					const before = askedN8n;
					const kept = attempt(() => fast.get(parameter, itemIndex, undefined, options));
					const n8n = attempt(() =>
						this.getNodeParameter(parameter, itemIndex, undefined, options),
					);
					return { json: { kept, n8n, askedN8n: askedN8n - before } };
				}),
			];
		},
	};
}

describe('A parameter that is only {{ $json.key }} is read from the item, as n8n resolves it', () => {
	const DIRECT = [
		'={{ $json.text }}',
		'={{$json.text}}',
		"={{ $json['a key'] }}",
		'={{ $json["text"] }}',
	];
	const BY_N8N = [
		'={{ $json.text.length }}',
		'={{ $json.text + "" }}',
		'=Hi {{ $json.text }}',
		'={{ $json.text }} ',
		'={{ $json.missing }}',
		'={{ $json.__proto__ }}',
		'={{ $("Other").item.json.text }}',
	];

	test.each([...DIRECT, ...BY_N8N])(
		'%s: the same value or error for every kind of item value',
		async (expression) => {
			const fixture = `itemField${[...DIRECT, ...BY_N8N].indexOf(expression)}`;
			registerTestNodeType(fixture, itemFieldNode(fixture, 'message'));
			const { items, error } = await runNode({
				node: fixture,
				parameters: {
					resource: 'sms',
					operation: 'send',
					deviceId: 3004,
					encoding: 'text',
					message: expression,
				},
				credentials: { hologramApi: {} },
				items: itemsOf(ITEM_VALUES),
			});

			expect(error).toBeUndefined();
			expect(items).toHaveLength(ITEM_VALUES.length + 1);
			for (const [index, item] of items.entries())
				expect({ index, kept: item.json.kept }).toEqual({ index, kept: item.json.n8n });
			// Text, numbers and booleans (the first seven values) without asking n8n; the rest from n8n.
			const asked = items.map((item) => item.json.askedN8n);
			const direct = DIRECT.includes(expression);
			expect(asked).toEqual(items.map((_item, index) => (direct && index < 7 ? 0 : 1)));
		},
	);

	test('a resource locator by ID or from the list gives the item value as its ID', async () => {
		registerTestNodeType(
			'itemFieldLocator',
			itemFieldNode('itemFieldLocator', 'deviceId', { extractValue: true }),
		);
		// A locator by ID, from the list, and a plain value as saved before the field offered a list.
		for (const deviceId of [
			{ __rl: true, mode: 'id', value: '={{ $json.text }}' },
			{ __rl: true, mode: 'list', value: '={{ $json.text }}' },
			'={{ $json.text }}',
		]) {
			const { items, error } = await runNode({
				node: 'itemFieldLocator',
				parameters: { resource: 'device', operation: 'get', deviceId },
				credentials: { hologramApi: {} },
				items: itemsOf([3004, '3005', { id: 1 }]),
			});

			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.kept)).toEqual(items.map((item) => item.json.n8n));
			expect(items.map((item) => item.json.kept)).toEqual([
				{ value: 3004 },
				{ value: '3005' },
				{ value: { id: 1 } },
				{ value: null },
			]);
			expect(items.map((item) => item.json.askedN8n)).toEqual([0, 0, 1, 1]);
		}
	});
});
