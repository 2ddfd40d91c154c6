import type { IDataObject } from 'n8n-workflow';

import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { isObject } from '../../../shared/provider';
import { callAccountApi, vumiRpcProfile } from '../../api';
import { campaignKey } from '../../fields';

/** Routing Table → Get: JSON-RPC `routing_table`, the campaign's whole routing in one item. */
export const operation: OwnOperationHead = {
	resource: 'routingTable',
	operation: 'get',
	name: 'Get',
	action: 'Get the routing table',
	description:
		'Get the whole routing table of a campaign: channels, routers, conversations and links',
	profile: vumiRpcProfile,
	fields: [campaignKey],
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const params = [input.values.campaignKey];
	const result = await callAccountApi(context, 'routing_table', params, settings, input.itemIndex);
	return isObject(result) ? (result as IDataObject) : { routingTable: result as null };
});
