import type { INodeProperties, INodePropertyOptions, NodeParameterValue } from 'n8n-workflow';

import { CAMPAIGN_OPTIONS } from './campaign';
import type { FieldSpec, NodeApi, OperationSpec } from './types';

export const ADDITIONAL_FIELDS = 'additionalFields';
export const FILTERS = 'filters';
export const REQUEST_OPTIONS = 'requestOptions';
/** Items sent side by side unless the user chooses otherwise (see bench/ for how it was chosen). */
export const DEFAULT_CONCURRENCY = 10;

/** The collection that holds an operation's optional fields: Filters on a read, Additional Fields otherwise. */
export function optionalFieldsCollection(operation: OperationSpec): string {
	return operation.method === 'GET' ? FILTERS : ADDITIONAL_FIELDS;
}

function byName<T extends { name: string }>(a: T, b: T): number {
	return a.name.localeCompare(b.name);
}

function showFor(
	operation: OperationSpec,
	extra: Record<string, Array<string | number | boolean>> = {},
) {
	return { show: { resource: [operation.resource], operation: [operation.operation], ...extra } };
}

/** n8n's help text for a dropdown filled from the provider, which n8n's lint asks every such dropdown to end with. */
const DYNAMIC_OPTIONS_HELP =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** The field's own description, then n8n's standard help for a dropdown filled from the provider. */
function dynamicOptionsDescription(description?: string): string {
	const own = description?.trim().replace(/\.$/, '');
	return own ? `${own}. ${DYNAMIC_OPTIONS_HELP}.` : DYNAMIC_OPTIONS_HELP;
}

/** The table's default, else the empty value of the field's type (the first option of a fixed dropdown). */
function defaultOf(field: FieldSpec): NodeParameterValue {
	if (field.default !== undefined) return field.default;
	switch (field.type) {
		case 'number':
			return 0;
		case 'boolean':
			return false;
		case 'options':
			return field.loadOptionsMethod ? '' : (field.options?.[0]?.value ?? '');
		default:
			return '';
	}
}

function fieldProperty(field: FieldSpec): INodeProperties {
	const property: INodeProperties = {
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		default: defaultOf(field),
		description: field.description,
	};
	if (field.placeholder) property.placeholder = field.placeholder;
	if (field.hint) property.hint = field.hint;
	if (field.typeOptions) property.typeOptions = { ...field.typeOptions };
	switch (field.type) {
		case 'number':
			property.type = 'number';
			if (field.integer || field.min !== undefined) {
				property.typeOptions = {
					...property.typeOptions,
					...(field.integer ? { numberPrecision: 0 } : {}),
					...(field.min !== undefined ? { minValue: field.min } : {}),
				};
			}
			break;
		case 'boolean':
			property.type = 'boolean';
			break;
		case 'options':
			property.type = 'options';
			if (field.loadOptionsMethod) {
				property.typeOptions = {
					...property.typeOptions,
					loadOptionsMethod: field.loadOptionsMethod,
				};
				property.description = dynamicOptionsDescription(field.description);
				property.options = [];
			} else {
				property.options = field.options ?? [];
			}
			break;
		case 'json':
			property.type = 'json';
			break;
		case 'dateTime':
			property.type = 'dateTime';
			break;
		default:
			break;
	}
	return property;
}

function operationProperties(operation: OperationSpec): INodeProperties[] {
	const properties: INodeProperties[] = [];
	const fields = operation.fields ?? [];
	for (const field of fields.filter((candidate) => candidate.required)) {
		properties.push({
			...fieldProperty(field),
			required: true,
			displayOptions: showFor(operation, field.showWhen),
		});
	}
	for (const field of fields.filter((candidate) => !candidate.required && candidate.showWhen)) {
		properties.push({
			...fieldProperty(field),
			displayOptions: showFor(operation, field.showWhen),
		});
	}
	if (operation.list) {
		properties.push(
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
				displayOptions: showFor(operation),
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				default: 50,
				typeOptions: { minValue: 1 },
				description: 'Max number of results to return',
				displayOptions: showFor(operation, { returnAll: [false] }),
			},
		);
	}
	const optional = fields.filter((field) => !field.required && !field.showWhen);
	if (optional.length > 0) {
		const collection = optionalFieldsCollection(operation);
		properties.push({
			displayName: collection === FILTERS ? 'Filters' : 'Additional Fields',
			name: collection,
			type: 'collection',
			placeholder: collection === FILTERS ? 'Add Filter' : 'Add Field',
			default: {},
			displayOptions: showFor(operation),
			options: optional
				.map(fieldProperty)
				.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		});
	}
	return properties;
}

/** Turns a node's operation table into its n8n parameters: resource and operation dropdowns, fields, lists. */
export function buildProperties(api: NodeApi): INodeProperties[] {
	const resourceOptions: INodePropertyOptions[] = api.resources
		.map((resource) => ({
			name: resource.name,
			value: resource.value,
			description: resource.description,
		}))
		.sort(byName);
	// The first resource of the table, and below the first operation of each resource, come preselected.
	const firstResource = api.resources[0].value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resourceOptions,
			default: firstResource,
		},
	];
	for (const resource of api.resources) {
		const operations = api.operations.filter((operation) => operation.resource === resource.value);
		const firstOperation = operations[0].operation;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: operations
				.map((operation) => ({
					name: operation.name,
					value: operation.operation,
					action: operation.action,
					description: operation.description,
				}))
				.sort(byName),
			default: firstOperation,
		});
	}
	for (const operation of api.operations) properties.push(...operationProperties(operation));
	properties.push(...campaignProperties(api));
	properties.push({
		displayName: 'Request Options',
		name: REQUEST_OPTIONS,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				default: DEFAULT_CONCURRENCY,
				typeOptions: { minValue: 1, maxValue: 100 },
				description:
					'How many items are sent to the provider at the same time. Output keeps the order of the input.',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 0, maxValue: 10 },
				description:
					'How many times a rate-limited or temporarily unavailable request is tried again. A send whose outcome is unknown is never repeated.',
			},
			{
				displayName: 'Rate Limit (Requests per Second)',
				name: 'rateLimit',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 2 },
				description:
					"Most requests per second to send with this credential in the whole execution; 0 for no limit. Set it to the provider account's limit to avoid being throttled.",
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				default: 30000,
				typeOptions: { minValue: 1 },
				description: 'How long to wait for the provider to answer, in milliseconds',
			},
		],
	});
	return properties;
}

/** The Campaign options of the send operations, one collection per resource that has any. */
function campaignProperties(api: NodeApi): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const resource of api.resources) {
		const sends = api.operations.filter(
			(operation) => operation.resource === resource.value && operation.send,
		);
		if (sends.length === 0) continue;
		properties.push({
			displayName: 'Campaign',
			name: CAMPAIGN_OPTIONS,
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: {
				show: {
					resource: [resource.value],
					operation: sends.map((operation) => operation.operation),
				},
			},
			options: [
				{
					displayName: 'Campaign Key',
					name: 'campaignKey',
					type: 'string',
					default: '',
					placeholder: 'spring-sale-2026',
					description:
						"Name of the campaign this send belongs to. Every recipient a send reached is remembered under it by this node (in n8n's database), so running the campaign again after a failure sends only to those not reached yet. A failed send remembers nothing. Leave empty to send without remembering.",
				},
				{
					displayName: 'Skip Recipients Already Sent',
					name: 'skipAlreadySent',
					type: 'boolean',
					default: true,
					description:
						'Whether to send nothing to a recipient this node already reached in the campaign, and output an item with skipped: true for it instead. Turn it off to send to everyone again while still recording the campaign.',
				},
			],
		});
	}
	return properties;
}
