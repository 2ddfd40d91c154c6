import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationInput, OperationSpec, OwnOperation } from '../../shared/operations';
import { listLimit } from '../../shared/operations';
import { firstItems } from '../../shared/pagination';
import { isObject } from '../../shared/provider';
import type { RequestSettings } from '../../shared/request';
import { callAccountApi, vumiRpcProfile } from '../api';
import { campaignKey } from '../fields';

/** The account API is JSON-RPC: every call is a POST to `api/` naming a method and its params. */

/** The account API has no pages: Return All / Limit trim the whole answer. */
function limited(context: IExecuteFunctions, itemIndex: number, records: IDataObject[]) {
	return context.helpers.returnJsonArray(firstItems(records, listLimit(context, itemIndex)));
}

/** A list read by one JSON-RPC method; the account API has no pages, so Limit trims the answer. */
function rpcList(
	resource: string,
	rpcMethod: string,
	plural: string,
	description: string,
	withCampaign = true,
): OwnOperation {
	return {
		resource,
		operation: 'getAll',
		name: 'Get Many',
		action: `Get many ${plural}`,
		description,
		profile: vumiRpcProfile,
		list: true,
		fields: withCampaign ? [campaignKey] : [],
		run: async (context, input, settings) => {
			const params = withCampaign ? [input.values.campaignKey] : [];
			const result = await callAccountApi(context, rpcMethod, params, settings, input.itemIndex);
			const records = Array.isArray(result) ? (result as IDataObject[]) : [];
			return limited(context, input.itemIndex, records);
		},
	};
}

/** Routing entries, optionally only those that start or end at one conversation. */
function routingEntryList(): OwnOperation {
	const base = rpcList(
		'routingEntry',
		'routing_entries',
		'routing entries',
		'List the links from channels and routers to conversations of a campaign',
	);
	return {
		...base,
		fields: [
			campaignKey,
			{
				displayName: 'Conversation Name or ID',
				name: 'conversationKey',
				type: 'options',
				default: '',
				loadOptionsMethod: 'getConversations',
				typeOptions: { loadOptionsDependsOn: ['campaignKey'] },
				description:
					'Return only the entries that start or end at this conversation; its ID is the conversation key',
			},
		],
		run: async (context, input, settings) => {
			const result = await callAccountApi(
				context,
				'routing_entries',
				[input.values.campaignKey],
				settings,
				input.itemIndex,
			);
			let entries = Array.isArray(result) ? (result as IDataObject[]) : [];
			const conversation = input.values.conversationKey as string | undefined;
			if (conversation) {
				// Conversation endpoints are named `CONVERSATION:<type>:<key>::<endpoint>`.
				const touches = (end: unknown) =>
					isObject(end) &&
					String(end.uuid ?? '')
						.split(':')
						.includes(conversation);
				entries = entries.filter((entry) => touches(entry.source) || touches(entry.target));
			}
			return limited(context, input.itemIndex, entries);
		},
	};
}

const ROUTING_TABLE_LISTS = ['channels', 'routers', 'conversations', 'routing_entries'] as const;

function isEndpointRef(value: unknown): boolean {
	return isObject(value) && typeof value.uuid === 'string' && value.uuid !== '';
}

/**
 * Checks a routing table before it replaces the campaign's whole table: a table that is missing
 * a part would silently unroute every conversation.
 */
export function routingTableProblem(table: unknown): string | undefined {
	if (!isObject(table))
		return 'must be a JSON object with channels, routers, conversations and routing_entries';
	const missing = ROUTING_TABLE_LISTS.filter((key) => !Array.isArray(table[key]));
	if (missing.length > 0)
		return `must have a list under ${missing.map((key) => `"${key}"`).join(', ')} (use [] for none)`;
	const entries = table.routing_entries as unknown[];
	for (let index = 0; index < entries.length; index++) {
		const entry = entries[index];
		if (!isObject(entry) || !isEndpointRef(entry.source) || !isEndpointRef(entry.target))
			return `has a routing entry at position ${index} without source.uuid and target.uuid`;
	}
	for (const key of ['channels', 'routers', 'conversations'] as const) {
		const list = table[key] as unknown[];
		const bad = list.findIndex((component) => !isObject(component) || !component.uuid);
		if (bad >= 0) return `has an entry in "${key}" at position ${bad} without a uuid`;
	}
	return undefined;
}

async function updateRoutingTable(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<INodeExecutionData[]> {
	const { campaignKey: campaign, routingTable } = input.values;
	const result = await callAccountApi(
		context,
		'update_routing_table',
		[campaign, routingTable],
		settings,
		input.itemIndex,
	);
	return context.helpers.returnJsonArray({
		success: true,
		campaignKey: campaign as string,
		result: result as IDataObject[string],
	});
}

export const accountOperations: OperationSpec[] = [
	rpcList(
		'campaign',
		'campaigns',
		'campaigns',
		'List the campaigns of the account (on most servers: one, the account itself)',
		false,
	),
	rpcList('conversation', 'conversations', 'conversations', 'List the conversations of a campaign'),
	rpcList(
		'channel',
		'channels',
		'channels',
		'List the channels (tagged numbers, codes) of a campaign',
	),
	rpcList('router', 'routers', 'routers', 'List the routers of a campaign'),
	routingEntryList(),
	{
		resource: 'routingTable',
		operation: 'get',
		name: 'Get',
		action: 'Get the routing table',
		description:
			'Get the whole routing table of a campaign: channels, routers, conversations and links',
		profile: vumiRpcProfile,
		fields: [campaignKey],
		run: async (context, input, settings) => {
			const result = await callAccountApi(
				context,
				'routing_table',
				[input.values.campaignKey],
				settings,
				input.itemIndex,
			);
			return context.helpers.returnJsonArray(
				isObject(result) ? (result as IDataObject) : { routingTable: result as null },
			);
		},
	},
	{
		resource: 'routingTable',
		operation: 'update',
		name: 'Update',
		action: 'Update the routing table',
		description:
			'Replace the whole routing table of a campaign; start from the output of Get and change it',
		profile: vumiRpcProfile,
		fields: [
			campaignKey,
			{
				displayName: 'Routing Table (JSON)',
				name: 'routingTable',
				type: 'json',
				default:
					'{\n  "channels": [],\n  "routers": [],\n  "conversations": [],\n  "routing_entries": []\n}',
				required: true,
				description:
					'The complete new table, with channels, routers, conversations and routing_entries; anything left out is removed',
				validate: routingTableProblem,
			},
		],
		run: updateRoutingTable,
	},
];
