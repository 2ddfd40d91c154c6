import type { IDataObject } from 'n8n-workflow';

import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { callAccountApi, vumiRpcProfile } from '../../api';
import { campaignKey } from '../../fields';
import { routingTableProblem } from './table';

/**
 * Routing Table → Update: JSON-RPC `update_routing_table` replaces the whole table, so the node checks
 * the table is whole before sending (and repeating the call changes nothing).
 */
export const operation: OwnOperationHead = {
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
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const { campaignKey: campaign, routingTable } = input.values;
	const params = [campaign, routingTable];
	const result = await callAccountApi(
		context,
		'update_routing_table',
		params,
		settings,
		input.itemIndex,
	);
	return { success: true, campaignKey: campaign as string, result: result as IDataObject[string] };
});
