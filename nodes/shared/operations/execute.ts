import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ProviderProfile } from '../provider';
import type { ProviderRequest, RequestSettings } from '../request';
import { pathWith, providerRequest } from '../request';
import { mapConcurrent, schedulerFor } from '../throttle';
import { SendSession, nothingSent, recipientsIn } from './campaign';
import { DEFAULT_CONCURRENCY, REQUEST_OPTIONS } from './properties';
import type { FieldSpec, NodeApi, OperationInput, OperationSpec } from './types';
import { readFieldValues } from './values';

interface RequestOptionValues {
	timeout?: number;
	maxRetries?: number;
	concurrency?: number;
	rateLimit?: number;
}

function requestOptions(context: IExecuteFunctions, itemIndex: number): RequestOptionValues {
	return context.getNodeParameter(REQUEST_OPTIONS, itemIndex, {}) as RequestOptionValues;
}

function requestConcurrency(context: IExecuteFunctions): number {
	const concurrency = requestOptions(context, 0).concurrency ?? DEFAULT_CONCURRENCY;
	return Math.max(1, Math.floor(concurrency));
}

/**
 * Timeout and retries of one item, and the scheduler that spaces requests to the rate limit. The
 * scheduler is shared by every item and node of the execution that uses the same credential.
 */
export function requestSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	profile: ProviderProfile,
): RequestSettings {
	const options = requestOptions(context, itemIndex);
	const credentialId = context.getNode().credentials?.[profile.credentialType]?.id ?? 'default';
	const key = `${context.getExecutionId()}:${profile.credentialType}:${credentialId}`;
	const rate = options.rateLimit && options.rateLimit > 0 ? options.rateLimit : undefined;
	return {
		timeout: options.timeout,
		maxRetries: options.maxRetries,
		scheduler: schedulerFor(key, rate),
	};
}

function placement(operation: OperationSpec, field: FieldSpec): FieldSpec['in'] {
	if (field.in) return field.in;
	if (operation.path.includes(`{${field.name}}`)) return 'path';
	return operation.method === 'GET' || operation.method === 'DELETE' ? 'query' : 'body';
}

/**
 * The wire form of the given fields' values, by wire name: for operations that build their own body.
 * Fields that only steer the operation (`in: 'none'`) and values `keep` rejects are left out.
 */
export function wireValues(
	fields: FieldSpec[],
	values: Record<string, unknown>,
	keep: (wireValue: unknown) => boolean = (wireValue) => wireValue !== undefined,
): IDataObject {
	const wire: IDataObject = {};
	for (const field of fields) {
		const value = values[field.name];
		if (value === undefined || field.in === 'none') continue;
		const wireValue = field.toWire ? field.toWire(value) : value;
		if (keep(wireValue)) wire[field.wireName ?? field.name] = wireValue as IDataObject[string];
	}
	return wire;
}

/** Turns an operation and one item's checked values into the request the provider expects. */
export function buildRequest(operation: OperationSpec, input: OperationInput): ProviderRequest {
	const pathValues: Record<string, string | number> = {};
	const qs: IDataObject = {};
	const body: IDataObject = { ...operation.constantBody };
	for (const field of operation.fields ?? []) {
		const value = input.values[field.name];
		if (value === undefined) continue;
		const target = placement(operation, field);
		if (target === 'none') continue;
		const wireValue = field.toWire ? field.toWire(value) : value;
		if (wireValue === undefined) continue;
		if (target === 'path') pathValues[field.name] = wireValue as string | number;
		else
			(target === 'query' ? qs : body)[field.wireName ?? field.name] =
				wireValue as IDataObject[string];
	}
	const hasBody = Object.keys(body).length > 0;
	return {
		method: operation.method,
		path: pathWith(operation.path, pathValues),
		qs: Object.keys(qs).length > 0 ? qs : undefined,
		body: hasBody ? body : undefined,
		idempotent: operation.idempotent,
		authenticate: operation.authenticate,
		itemIndex: input.itemIndex,
	};
}

/** A form API (Hoiio) takes every parameter in the body, and lists as comma-separated text. */
export function asFormRequest(request: ProviderRequest): ProviderRequest {
	const body: IDataObject = { ...request.qs, ...(request.body as IDataObject | undefined) };
	for (const [key, value] of Object.entries(body)) {
		if (Array.isArray(value)) body[key] = value.join(',');
	}
	return { ...request, qs: undefined, body };
}

/** The request of one item, as the operation's provider expects it. */
export function requestFor(
	api: NodeApi,
	operation: OperationSpec,
	input: OperationInput,
): ProviderRequest {
	const request = buildRequest(operation, input);
	return (operation.profile ?? api.profile).bodyFormat === 'form'
		? asFormRequest(request)
		: request;
}

async function runOperation(
	context: IExecuteFunctions,
	api: NodeApi,
	operation: OperationSpec,
	input: OperationInput,
	settings: RequestSettings,
): Promise<INodeExecutionData[]> {
	if (operation.executeItems) return await operation.executeItems(context, input, settings);
	if (operation.execute) {
		return context.helpers.returnJsonArray(await operation.execute(context, input, settings));
	}
	const request = requestFor(api, operation, input);
	const profile = operation.profile ?? api.profile;
	if (operation.list) {
		const returnAll = context.getNodeParameter('returnAll', input.itemIndex, false) as boolean;
		const limit = returnAll
			? undefined
			: (context.getNodeParameter('limit', input.itemIndex, 50) as number);
		const pageIn = profile.bodyFormat === 'form' ? 'body' : 'qs';
		const items = await api.pagination.collect(async (pageQuery) => {
			const page = { ...request, [pageIn]: { ...(request[pageIn] as IDataObject), ...pageQuery } };
			return (await providerRequest(context, profile, page, settings)).body;
		}, limit);
		return context.helpers.returnJsonArray(items);
	}
	const { body } = await providerRequest(context, profile, request, settings);
	return context.helpers.returnJsonArray(
		operation.output ? operation.output(body, input) : api.unwrap(body),
	);
}

/**
 * A send to the recipients in one field: those already sent in the campaign are skipped (and shown
 * as skipped items), the rest are sent in the operation's one request and recorded once it succeeded.
 */
async function runSend(
	context: IExecuteFunctions,
	api: NodeApi,
	operation: OperationSpec,
	input: OperationInput,
	settings: RequestSettings,
	field: string,
): Promise<INodeExecutionData[]> {
	const tracking = input.send;
	if (!tracking) return await runOperation(context, api, operation, input, settings);
	const value = input.values[field];
	const recipients = recipientsIn(value);
	const { toSend, skipped } = await tracking.select(recipients);
	const skippedItems = context.helpers.returnJsonArray(skipped);
	if (toSend.length === 0) return skippedItems;
	const narrowed =
		Array.isArray(value) && toSend.length < recipients.length
			? {
					...input,
					values: {
						...input.values,
						[field]: value.filter((entry) => toSend.includes(String(entry).trim())),
					},
				}
			: input;
	let produced: INodeExecutionData[] | undefined;
	try {
		produced = await runOperation(context, api, operation, narrowed, settings);
	} finally {
		// A failed send records nothing; its error goes on to executeOperations like any other.
		if (!produced) tracking.failed(toSend);
	}
	if (nothingSent(produced)) tracking.notSent(toSend);
	else await tracking.succeeded(toSend);
	return [...produced, ...skippedItems];
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description !== '') json.errorDescription = description;
	const httpCode = (error as { httpCode?: unknown }).httpCode;
	if (typeof httpCode === 'string' && httpCode !== '') json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * The execute() of every action node: for each input item, finds the chosen operation, checks its
 * fields, calls the provider and pairs each output item with the input item it came from.
 */
export async function executeOperations(
	context: IExecuteFunctions,
	api: NodeApi,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const concurrency = items.length > 0 ? requestConcurrency(context) : 1;
	const sends = new SendSession(context);
	sends.expectItems(
		items.filter((_item, itemIndex) => operationAt(context, api, itemIndex)?.send).length,
	);
	const runItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		let operation: OperationSpec | undefined;
		try {
			operation = chosenOperation(context, api, itemIndex);
			const checked: OperationInput = {
				itemIndex,
				values: readFieldValues(context, operation, itemIndex),
			};
			const prepared = api.prepareInput
				? await api.prepareInput(context, operation, checked)
				: checked;
			const input = operation.send ? { ...prepared, send: sends.tracking(itemIndex) } : prepared;
			const profile = operation.profile ?? api.profile;
			const settings = requestSettings(context, itemIndex, profile);
			const recipientField = operation.send?.recipientField;
			const produced = recipientField
				? await runSend(context, api, operation, input, settings, recipientField)
				: await runOperation(context, api, operation, input, settings);
			return context.helpers.constructExecutionMetaData(produced, {
				itemData: { item: itemIndex },
			});
		} catch (error) {
			if (context.continueOnFail()) return [errorItem(error as Error, itemIndex)];
			if (error instanceof NodeApiError || error instanceof NodeOperationError)
				error.context.itemIndex ??= itemIndex;
			// Both constructors hand back an error of their own kind unchanged.
			if (error instanceof NodeApiError)
				throw new NodeApiError(context.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		} finally {
			if (operation?.send) sends.itemDone(itemIndex);
		}
	};
	// Items run side by side up to the chosen concurrency; output keeps the input order.
	const outputs = await mapConcurrent(items.length, concurrency, runItem);
	sends.finish();
	return [outputs.flat()];
}

/** The operation an item asks for, or undefined when it names none of the node's. */
function operationAt(
	context: IExecuteFunctions,
	api: NodeApi,
	itemIndex: number,
): OperationSpec | undefined {
	const resource = context.getNodeParameter('resource', itemIndex, '') as string;
	const operationName = context.getNodeParameter('operation', itemIndex, '') as string;
	return api.operations.find(
		(candidate) => candidate.resource === resource && candidate.operation === operationName,
	);
}

function chosenOperation(
	context: IExecuteFunctions,
	api: NodeApi,
	itemIndex: number,
): OperationSpec {
	const resource = context.getNodeParameter('resource', itemIndex) as string;
	const operationName = context.getNodeParameter('operation', itemIndex) as string;
	const operation = api.operations.find(
		(candidate) => candidate.resource === resource && candidate.operation === operationName,
	);
	if (!operation) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operationName}" of "${resource}" is not supported`,
			{ itemIndex },
		);
	}
	return operation;
}
