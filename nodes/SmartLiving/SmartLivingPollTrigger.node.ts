import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { isObject } from '../shared/provider';
import { pathWith } from '../shared/request';
import { call, historyPagination } from './api';
import { smartLivingLoadOptions } from './loadOptions';

/**
 * Where an asset's states were read up to: the newest measurement time seen, and the states seen at
 * exactly that time (the next query starts there, so they come back once more).
 */
interface AssetCursor {
	at: string;
	seenAtNewest: string[];
}

interface StoredCursors {
	assets?: Record<string, AssetCursor>;
}

interface AssetState {
	value: unknown;
	at: string;
}

/** ISO 8601 with milliseconds, so the same instant written two ways is one time. */
function normalTime(value: unknown): string {
	if (typeof value !== 'string' && typeof value !== 'number') return '';
	const time = new Date(value);
	return Number.isNaN(time.getTime()) ? '' : time.toISOString();
}

function stateKey(state: AssetState): string {
	return `${state.at}|${JSON.stringify(state.value ?? null)}`;
}

/** A history entry (`{at, data}`, or `{at, value}`) or a `/state` answer as value and time. */
function stateOf(entry: unknown): AssetState | undefined {
	if (!isObject(entry)) return undefined;
	const value = 'data' in entry ? entry.data : entry.value;
	return { value: value ?? null, at: normalTime(entry.at) };
}

/** After the states of one read: the newest time, and which states carried it. */
function advance(cursor: AssetCursor, states: AssetState[]): AssetCursor {
	let { at, seenAtNewest } = cursor;
	for (const state of states) {
		if (state.at > at) {
			at = state.at;
			seenAtNewest = [];
		}
		if (state.at === at && !seenAtNewest.includes(stateKey(state)))
			seenAtNewest = [...seenAtNewest, stateKey(state)];
	}
	return { at, seenAtNewest };
}

export class SmartLivingPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartLiving Trigger',
		name: 'smartLivingPollTrigger',
		icon: { light: 'file:smartLiving.svg', dark: 'file:smartLiving.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ "New states of " + ($parameter["assetIds"].length === 1 ? "1 asset" : $parameter["assetIds"].length + " assets") }}',
		description:
			'Starts the workflow when assets on AllThingsTalk Maker or SmartLiving get new states, checked at an interval',
		defaults: { name: 'SmartLiving Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		triggerPanel: {
			header: 'New states of the assets chosen here, polled from SmartLiving',
			executionsHelp: {
				inactive:
					'<b>While building your workflow</b>, click "Fetch test event": one poll returns each chosen asset\'s current state.<br /><br /><b>Once you are happy with your workflow</b>, publish it (activate it). Then every poll that finds new states starts an execution, each state once, and you see them in the executions list.',
				active:
					'<b>While building your workflow</b>, click "Fetch test event" to see each chosen asset\'s current state.<br /><br /><b>Your workflow is active</b>: every poll that finds new states starts an execution; you see them in the executions list.',
			},
			activationHint:
				'Once you have finished building your workflow, publish it (activate it) to have it poll on the schedule set below.',
		},
		credentials: [{ name: 'smartLivingApi', required: true }],
		properties: [
			{
				displayName:
					'Checks the REST API at the interval below. For every message the moment it is sent, self-hosted n8n can use the SmartLiving MQTT Trigger of the n8n-nodes-telco-iot-mqtt package.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Asset Names or IDs',
				name: 'assetIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getAssetIds' },
				default: [],
				required: true,
				description:
					'The assets whose new states start the workflow. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	};

	methods = { loadOptions: smartLivingLoadOptions };

	/**
	 * Each new state of the chosen assets since the last check is one item, oldest first. The first
	 * check after activation only notes where each asset is (no history flood); a manual run returns
	 * each asset's current state. What was read is kept in the workflow's static data, so nothing is
	 * emitted twice, also after a restart.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const assetIds = [
			...new Set(
				(this.getNodeParameter('assetIds', []) as string[])
					.map((id) => String(id).trim())
					.filter((id) => id !== ''),
			),
		];
		if (assetIds.length === 0)
			throw new NodeOperationError(this.getNode(), 'Choose at least one asset to watch', {
				description: 'The "Asset Names or IDs" parameter is empty.',
			});

		if (this.getMode() === 'manual') {
			const items: IDataObject[] = [];
			for (const assetId of assetIds) {
				const state = await currentState(this, assetId);
				items.push({
					assetId,
					value: (state?.value ?? null) as IDataObject[string],
					at: state?.at || null,
				});
			}
			return [this.helpers.returnJsonArray(items)];
		}

		const stored = this.getWorkflowStaticData('node') as StoredCursors;
		const cursors: Record<string, AssetCursor> = {};
		const items: IDataObject[] = [];
		for (const assetId of assetIds) {
			const cursor = stored.assets?.[assetId];
			if (cursor === undefined) {
				const state = await currentState(this, assetId);
				cursors[assetId] = advance({ at: '', seenAtNewest: [] }, state ? [state] : []);
				continue;
			}
			// A state without a readable time could not be placed after the cursor; the platform stamps
			// every state it keeps (docs/wire-formats/smartLiving.md#states-and-commands), so none is expected.
			const fresh = (await statesSince(this, assetId, cursor.at)).filter(
				(state) =>
					state.at > cursor.at ||
					(state.at === cursor.at && !cursor.seenAtNewest.includes(stateKey(state))),
			);
			cursors[assetId] = advance(cursor, fresh);
			for (const state of fresh)
				items.push({ assetId, value: state.value as IDataObject[string], at: state.at || null });
		}
		// One assignment: n8n notices a change of the top-level key only. Assets no longer chosen drop out.
		stored.assets = cursors;
		if (items.length === 0) return null;
		// Oldest first across the assets, as they happened (the sort keeps the asset order on a tie).
		items.sort((a, b) => String(a.at ?? '').localeCompare(String(b.at ?? '')));
		return [this.helpers.returnJsonArray(items)];
	}
}

/**
 * Names the asset in an API failure: the provider's words alone do not say which of several failed.
 * A new error (n8n hands back an existing NodeApiError unchanged when it is wrapped).
 */
function assetFailure(context: IPollFunctions, assetId: string, error: unknown): NodeApiError {
	const failure = error as Partial<NodeApiError> & Error;
	return new NodeApiError(
		context.getNode(),
		{ message: failure.message, httpCode: failure.httpCode ?? null } as JsonObject,
		{
			message: `Could not read the states of asset "${assetId}": ${failure.message}`,
			description: failure.description ?? undefined,
			httpCode: failure.httpCode ?? undefined,
		},
	);
}

/** `GET /asset/{id}/state`: the newest value and its time, or undefined while the asset has none. */
async function currentState(
	context: IPollFunctions,
	assetId: string,
): Promise<AssetState | undefined> {
	let body: unknown;
	try {
		body = await call(context, {
			method: 'GET',
			path: pathWith('/asset/{id}/state', { id: assetId }),
		});
	} catch (error) {
		throw assetFailure(context, assetId, error);
	}
	const state = isObject(body) && 'state' in body ? body.state : body;
	// `"state": null`: nothing measured yet.
	return isObject(state) ? stateOf(state) : undefined;
}

/**
 * `GET /asset/{id}/states?from=`: the history from the cursor's time on, every page
 * (docs/wire-formats/smartLiving.md#history-pagination).
 */
async function statesSince(
	context: IPollFunctions,
	assetId: string,
	from: string,
): Promise<AssetState[]> {
	const path = pathWith('/asset/{id}/states', { id: assetId });
	const qs: IDataObject = from === '' ? {} : { from };
	let entries: IDataObject[];
	try {
		entries = await historyPagination.collect(
			async (page) => await call(context, { method: 'GET', path, qs: { ...qs, ...page } }),
			undefined,
		);
	} catch (error) {
		throw assetFailure(context, assetId, error);
	}
	return entries.map(stateOf).filter((state): state is AssetState => state !== undefined);
}
