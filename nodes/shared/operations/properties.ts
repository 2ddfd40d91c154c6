import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { CampaignFeatures } from '../campaign';
import { campaignProperty } from '../campaign';
import { collectionOptions, fieldProperty } from './fieldProperties';
import { FILTERS, isOwnParameter, optionalFieldsCollection } from './table';
import type { OperationHead } from './actions';
import { simplifyProperty } from './simplify';
import { startAtProperty } from './slices';
import type { FieldSpec, NodeApi } from './types';

export const REQUEST_OPTIONS = 'requestOptions';
/** Items sent side by side unless the user chooses otherwise (see bench/ for how it was chosen). */
export const DEFAULT_CONCURRENCY = 10;

function byName<T extends { name: string }>(a: T, b: T): number {
	return a.name.localeCompare(b.name);
}

function showFor(
	operation: OperationHead,
	extra: Record<string, Array<string | number | boolean>> = {},
) {
	return { show: { resource: [operation.resource], operation: [operation.operation], ...extra } };
}

/** Return All and Limit of a list operation, and Start At where the list can start part-way. */
function listProperties(operation: OperationHead): INodeProperties[] {
	return [
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
		...(operation.resumable ? [startAtProperty(showFor(operation, { returnAll: [false] }))] : []),
	];
}

/** Additional Fields, or Filters on a list: the optional fields that are no parameters of their own. */
function optionalFieldsProperty(operation: OperationHead, optional: FieldSpec[]): INodeProperties {
	const collection = optionalFieldsCollection(operation);
	return {
		displayName: collection === FILTERS ? 'Filters' : 'Additional Fields',
		name: collection,
		type: 'collection',
		placeholder: collection === FILTERS ? 'Add Filter' : 'Add Field',
		default: {},
		displayOptions: showFor(operation),
		options: collectionOptions(optional),
	};
}

/**
 * An operation's parameters, in the order the panel shows them: required fields, fields shown on a
 * condition, Return All / Limit, Additional Fields or Filters, then optional collections of their own.
 */
export function operationProperties(operation: OperationHead): INodeProperties[] {
	const fields = operation.fields ?? [];
	const own = (field: FieldSpec): INodeProperties => ({
		...fieldProperty(field),
		...(field.required ? { required: true } : {}),
		displayOptions: showFor(operation, field.showWhen),
	});
	const properties = [
		...fields.filter((field) => field.required).map(own),
		...fields.filter((field) => !field.required && field.showWhen).map(own),
		...(operation.list ? listProperties(operation) : []),
		...(operation.simplify ? [simplifyProperty(showFor(operation))] : []),
	];
	const optional = fields.filter((field) => !isOwnParameter(field));
	if (optional.length > 0) properties.push(optionalFieldsProperty(operation, optional));
	const standalone = fields.filter(
		(field) => isOwnParameter(field) && !field.required && !field.showWhen,
	);
	return [...properties, ...standalone.map(own)];
}

/** The Resource dropdown, and one Operation dropdown per resource; the first of each comes preselected. */
function dropdowns(api: NodeApi): INodeProperties[] {
	const resourceOptions: INodePropertyOptions[] = api.resources
		.map((resource) => ({
			name: resource.name,
			value: resource.value,
			description: resource.description,
		}))
		.sort(byName);
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
	return properties;
}

const requestOptionsProperty: INodeProperties = {
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
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			default: 30000,
			typeOptions: { minValue: 1 },
			description: 'How long to wait for the provider to answer, in milliseconds (ms)',
		},
	],
};

/** Turns a node's operation table into its n8n parameters: resource and operation dropdowns, fields, lists. */
export function buildProperties(api: NodeApi): INodeProperties[] {
	return [
		...dropdowns(api),
		...api.operations.flatMap(
			(operation) => operation.properties ?? operationProperties(operation),
		),
		...campaignProperties(api),
		{ ...requestOptionsProperty, options: [...(requestOptionsProperty.options ?? [])] },
	];
}

/**
 * The Campaign options of the send operations: per resource, one collection for the sends that
 * have the same options (an SMS gets Max Segments, a send to phone numbers a Send Window).
 */
function campaignProperties(api: NodeApi): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const resource of api.resources) {
		const groups = new Map<string, { features: CampaignFeatures; operations: string[] }>();
		for (const operation of api.operations) {
			if (operation.resource !== resource.value || !operation.send) continue;
			const features = {
				sms: operation.send.sms !== undefined,
				phoneRecipients: operation.send.phoneRecipients === true,
			};
			const key = JSON.stringify(features);
			const group = groups.get(key) ?? { features, operations: [] };
			group.operations.push(operation.operation);
			groups.set(key, group);
		}
		for (const { features, operations } of groups.values())
			properties.push(campaignProperty(resource.value, operations, features));
	}
	return properties;
}
