import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ProviderProfile } from '../provider';
import type { RequestSettings } from '../request';
import { ExecutionCredentials, providerRequest } from '../request';
import { mapConcurrent, schedulerFor } from '../throttle';
import type { PlannedSend } from '../campaign';
import { SendSession, nothingSent, recipientsIn } from '../campaign';
import type { ParameterReader } from './parameters';
import { ExecutionParameters } from './parameters';
import { simplifiedItems } from './simplify';
import { listItems } from './slices';
import { DEFAULT_CONCURRENCY, REQUEST_OPTIONS } from './properties';
import type { ResolvedOperation } from './table';
import { resolveOperation } from './table';
import type { NodeApi, OperationInput, OperationSpec, RunOperation } from './types';
import { readFieldValues } from './values';
import { requestFor } from './wire';

interface RequestOptionValues {
	timeout?: number;
	maxRetries?: number;
	concurrency?: number;
	rateLimit?: number;
}

function requestOptions(parameters: ParameterReader, itemIndex: number): RequestOptionValues {
	return parameters.get(REQUEST_OPTIONS, itemIndex, {}) as RequestOptionValues;
}

function requestConcurrency(parameters: ParameterReader): number {
	const concurrency = requestOptions(parameters, 0).concurrency ?? DEFAULT_CONCURRENCY;
	return Math.max(1, Math.floor(concurrency));
}

/**
 * Timeout and retries of one item, and the scheduler that spaces requests to the rate limit. The
 * scheduler is shared by every item and node of the execution that uses the same credential. Given
 * the execution's parameters and credentials, it reads through them (once per execution where they
 * are the same for every item).
 */
export function requestSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	profile: ProviderProfile,
	execution?: { parameters: ExecutionParameters; credentials: ExecutionCredentials },
): RequestSettings {
	const parameters = execution?.parameters ?? new ExecutionParameters(context);
	const options = requestOptions(parameters, itemIndex);
	const credentialId = parameters.node.credentials?.[profile.credentialType]?.id ?? 'default';
	const key = `${context.getExecutionId()}:${profile.credentialType}:${credentialId}`;
	const rate = options.rateLimit && options.rateLimit > 0 ? options.rateLimit : undefined;
	return {
		timeout: options.timeout,
		maxRetries: options.maxRetries,
		scheduler: schedulerFor(key, rate),
		credentials: execution?.credentials,
	};
}

/** A `run` for code that makes JSON only: its object or objects become the items. */
export function jsonRun(
	make: (
		context: IExecuteFunctions,
		input: OperationInput,
		settings: RequestSettings,
	) => Promise<IDataObject | IDataObject[]>,
): RunOperation {
	return async (context, input, settings) =>
		context.helpers.returnJsonArray(await make(context, input, settings));
}

/** The records of every page a list operation asks for, as far as Limit (and Start At) go. */
async function collectList(
	context: IExecuteFunctions,
	api: NodeApi,
	operation: ResolvedOperation,
	input: OperationInput,
	settings: RequestSettings,
): Promise<IDataObject[]> {
	const request = requestFor(api, operation, input);
	const profile = operation.profile ?? api.profile;
	// A form API takes the page parameters in its body, like every other parameter.
	const pageIn = profile.bodyFormat === 'form' ? 'body' : 'qs';
	return await listItems(
		context,
		input.itemIndex,
		api.pagination,
		async (pageQuery) => {
			const page = { ...request, [pageIn]: { ...(request[pageIn] as IDataObject), ...pageQuery } };
			return (await providerRequest(context, profile, page, settings)).body;
		},
		operation.resumable,
	);
}

/**
 * One item through its operation: its own `run`, a list, or one request whose answer becomes items;
 * made short where the operation has Simplify and it is on.
 */
async function runOperation(
	context: IExecuteFunctions,
	api: NodeApi,
	operation: ResolvedOperation,
	input: OperationInput,
	settings: RequestSettings,
): Promise<INodeExecutionData[]> {
	let items: INodeExecutionData[];
	if (operation.run) items = await operation.run(context, input, settings);
	else if (operation.list)
		items = context.helpers.returnJsonArray(
			await collectList(context, api, operation, input, settings),
		);
	else {
		const profile = operation.profile ?? api.profile;
		const request = requestFor(api, operation, input);
		const { body } = await providerRequest(context, profile, request, settings);
		items = context.helpers.returnJsonArray(
			operation.output ? operation.output(body, input) : api.unwrap(body),
		);
	}
	return simplifiedItems(context, operation, input.itemIndex, items);
}

/**
 * A send to the recipients in one field. The campaign checks each one first (send window, already
 * sent, in a dry run everything else) and makes items for those not sent now; the rest are sent in
 * the operation's one request and recorded once it succeeded.
 */
async function runSend(
	context: IExecuteFunctions,
	api: NodeApi,
	operation: ResolvedOperation,
	input: OperationInput,
	settings: RequestSettings,
	field: string,
): Promise<INodeExecutionData[]> {
	const tracking = input.send;
	if (!tracking) return await runOperation(context, api, operation, input, settings);
	const value = input.values[field];
	const recipients = recipientsIn(value);
	const { toSend, held } = await tracking.select(recipients, input.values);
	const heldItems = context.helpers.returnJsonArray(held);
	if (toSend.length === 0) return heldItems;
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
	else {
		await tracking.succeeded(toSend);
		const send = operation.send;
		// A campaign's item says whom it reached, with the text's preview.
		if (toSend.length === 1 && (send?.sms || send?.phoneRecipients))
			for (const item of produced) Object.assign(item.json, tracking.sentFields(toSend[0]));
	}
	return [...produced, ...heldItems];
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
 * fields, calls the provider and pairs each output item with the input item it came from. What is the
 * same for every item (parameters without expressions, the credentials) is read once per execution.
 */
export async function executeOperations(
	context: IExecuteFunctions,
	api: NodeApi,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const parameters = new ExecutionParameters(context);
	const execution = { parameters, credentials: new ExecutionCredentials(context, parameters.node) };
	const concurrency = items.length > 0 ? requestConcurrency(parameters) : 1;
	const sends = new SendSession(context, parameters);
	sends.expectItems(plannedSends(parameters, api, items.length));
	const runItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		let operation: ResolvedOperation | undefined;
		try {
			operation = chosenOperation(context, parameters, api, itemIndex);
			// A send for all input items at once is made by the first; the others have nothing to do.
			if (itemIndex > 0 && operation.send?.allItemsInFirst?.(context)) return [];
			const profile = operation.profile ?? api.profile;
			const settings = requestSettings(context, itemIndex, profile, execution);
			const checked: OperationInput = {
				itemIndex,
				values: readFieldValues(context, parameters, operation, itemIndex),
				// Before prepareInput: a provider stamps the campaign key where its reports echo it.
				send: operation.send ? sends.tracking(itemIndex, operation.send, settings) : undefined,
			};
			const input = api.prepareInput
				? await api.prepareInput(context, operation, checked)
				: checked;
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

/** Each node's operations by resource, then by operation: worked out once per table. */
const operationIndexes = new WeakMap<NodeApi, Map<string, Map<string, OperationSpec>>>();

function operationNamed(
	api: NodeApi,
	resource: unknown,
	operation: unknown,
): OperationSpec | undefined {
	let index = operationIndexes.get(api);
	if (!index) {
		index = new Map();
		for (const candidate of api.operations) {
			const ofResource = index.get(candidate.resource) ?? new Map<string, OperationSpec>();
			index.set(candidate.resource, ofResource);
			// The first row wins, as a search through the table would find it.
			if (!ofResource.has(candidate.operation)) ofResource.set(candidate.operation, candidate);
		}
		operationIndexes.set(api, index);
	}
	if (typeof resource !== 'string' || typeof operation !== 'string') return undefined;
	return index.get(resource)?.get(operation);
}

/** The send items of the run, known before any item starts (for the progress total and Max Segments). */
function plannedSends(parameters: ParameterReader, api: NodeApi, count: number): PlannedSend[] {
	const sends: PlannedSend[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const spec = operationAt(parameters, api, itemIndex)?.send;
		if (spec) sends.push({ itemIndex, spec });
	}
	return sends;
}

/** The operation an item asks for, or undefined when it names none of the node's. */
function operationAt(
	parameters: ParameterReader,
	api: NodeApi,
	itemIndex: number,
): OperationSpec | undefined {
	const resource = parameters.get('resource', itemIndex, '') as string;
	const operationName = parameters.get('operation', itemIndex, '') as string;
	return operationNamed(api, resource, operationName);
}

function chosenOperation(
	context: IExecuteFunctions,
	parameters: ParameterReader,
	api: NodeApi,
	itemIndex: number,
): ResolvedOperation {
	const resource = parameters.get('resource', itemIndex) as string;
	const operationName = parameters.get('operation', itemIndex) as string;
	const operation = operationNamed(api, resource, operationName);
	if (!operation) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operationName}" of "${resource}" is not supported`,
			{ itemIndex },
		);
	}
	return resolveOperation(operation);
}
