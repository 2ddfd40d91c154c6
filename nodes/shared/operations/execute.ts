import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ProviderRequest, RequestSettings } from '../request';
import { pathWith, providerRequest } from '../request';
import { REQUEST_OPTIONS } from './properties';
import type { FieldSpec, NodeApi, OperationInput, OperationSpec } from './types';
import { readFieldValues } from './values';

export function requestSettings(context: IExecuteFunctions, itemIndex: number): RequestSettings {
	const options = context.getNodeParameter(REQUEST_OPTIONS, itemIndex, {}) as RequestSettings;
	return { timeout: options.timeout, maxRetries: options.maxRetries };
}

function placement(operation: OperationSpec, field: FieldSpec): 'path' | 'query' | 'body' {
	if (field.in) return field.in;
	if (operation.path.includes(`{${field.name}}`)) return 'path';
	return operation.method === 'GET' || operation.method === 'DELETE' ? 'query' : 'body';
}

/** Turns an operation and one item's checked values into the request the provider expects. */
export function buildRequest(operation: OperationSpec, input: OperationInput): ProviderRequest {
	const pathValues: Record<string, string | number> = {};
	const qs: IDataObject = {};
	const body: IDataObject = { ...operation.constantBody };
	for (const field of operation.fields ?? []) {
		const value = input.values[field.name];
		if (value === undefined) continue;
		const wireValue = field.toWire ? field.toWire(value) : value;
		if (wireValue === undefined) continue;
		const target = placement(operation, field);
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

async function runOperation(
	context: IExecuteFunctions,
	api: NodeApi,
	operation: OperationSpec,
	input: OperationInput,
	settings: RequestSettings,
): Promise<IDataObject | IDataObject[]> {
	if (operation.execute) return await operation.execute(context, input, settings);
	const request = buildRequest(operation, input);
	const profile = operation.profile ?? api.profile;
	if (operation.list) {
		const returnAll = context.getNodeParameter('returnAll', input.itemIndex, false) as boolean;
		const limit = returnAll
			? undefined
			: (context.getNodeParameter('limit', input.itemIndex, 50) as number);
		return await api.pagination.collect(async (pageQuery) => {
			const page = { ...request, qs: { ...request.qs, ...pageQuery } };
			return (await providerRequest(context, profile, page, settings)).body;
		}, limit);
	}
	const { body } = await providerRequest(context, profile, request, settings);
	return operation.output ? operation.output(body, input) : api.unwrap(body);
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
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = context.getNodeParameter('resource', itemIndex) as string;
			const operationName = context.getNodeParameter('operation', itemIndex) as string;
			const operation = api.operations.find(
				(candidate) => candidate.resource === resource && candidate.operation === operationName,
			);
			if (!operation) {
				throw new NodeOperationError(
					context.getNode(),
					`The operation "${operationName}" of "${resource}" is not supported`,
					{
						itemIndex,
					},
				);
			}
			const input: OperationInput = {
				itemIndex,
				values: readFieldValues(context, operation, itemIndex),
			};
			if (operation.executeItems) {
				const produced = await operation.executeItems(
					context,
					input,
					requestSettings(context, itemIndex),
				);
				output.push(
					...context.helpers.constructExecutionMetaData(produced, {
						itemData: { item: itemIndex },
					}),
				);
				continue;
			}
			const result = await runOperation(
				context,
				api,
				operation,
				input,
				requestSettings(context, itemIndex),
			);
			output.push(
				...context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (context.continueOnFail()) {
				output.push(errorItem(error as Error, itemIndex));
				continue;
			}
			if (error instanceof NodeApiError || error instanceof NodeOperationError)
				error.context.itemIndex ??= itemIndex;
			// Both constructors hand back an error of their own kind unchanged.
			if (error instanceof NodeApiError)
				throw new NodeApiError(context.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
	}
	return [output];
}
