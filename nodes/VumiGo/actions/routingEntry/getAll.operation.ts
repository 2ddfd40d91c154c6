import type { OwnOperationHead, RunOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { isObject } from '../../../shared/provider';
import { campaignKey } from '../../fields';
import { limitedItems, rpcList, rpcRecords } from '../rpc';

const list = rpcList({
	resource: 'routingEntry',
	rpcMethod: 'routing_entries',
	plural: 'routing entries',
	description: 'List the links from channels and routers to conversations of a campaign',
	perCampaign: true,
});

/** Routing Entry → Get Many: JSON-RPC `routing_entries`, optionally only those of one conversation. */
export const operation: OwnOperationHead = {
	...list.operation,
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
};

export const description = operationProperties(operation);

export const execute: RunOperation = async (context, input, settings) => {
	const params = [input.values.campaignKey];
	let entries = await rpcRecords(context, 'routing_entries', params, settings, input.itemIndex);
	const conversation = input.values.conversationKey as string | undefined;
	if (conversation) {
		// Conversation endpoints are named `CONVERSATION:<type>:<key>::<endpoint>`; the filter is ours.
		const touches = (end: unknown) =>
			isObject(end) &&
			String(end.uuid ?? '')
				.split(':')
				.includes(conversation);
		entries = entries.filter((entry) => touches(entry.source) || touches(entry.target));
	}
	return limitedItems(context, input.itemIndex, entries);
};
