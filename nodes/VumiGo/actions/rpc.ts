import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OwnOperationHead, RunOperation } from '../../shared/operations';
import { listLimit } from '../../shared/operations';
import { firstItems } from '../../shared/pagination';
import { callAccountApi, vumiRpcProfile } from '../api';
import { campaignKey } from '../fields';

/**
 * The account API is JSON-RPC: every call is a POST to `api/` naming a method and its params. None of
 * its methods pages, so Return All / Limit trim the whole answer.
 */

/** The first records, as far as Limit goes, as items. */
export function limitedItems(
	context: IExecuteFunctions,
	itemIndex: number,
	records: IDataObject[],
) {
	return context.helpers.returnJsonArray(firstItems(records, listLimit(context, itemIndex)));
}

/** The records one JSON-RPC method returns for a campaign (or, without a campaign, for the account). */
export async function rpcRecords(
	context: IExecuteFunctions,
	rpcMethod: string,
	params: unknown[],
	settings: Parameters<RunOperation>[2],
	itemIndex: number,
): Promise<IDataObject[]> {
	const result = await callAccountApi(context, rpcMethod, params, settings, itemIndex);
	return Array.isArray(result) ? (result as IDataObject[]) : [];
}

interface RpcList {
	/** The resource whose Get Many this is: `campaign`, `conversation` ... */
	resource: string;
	/** The JSON-RPC method that lists it, and what the records are called in the panel. */
	rpcMethod: string;
	plural: string;
	description: string;
	/** Whether the method takes the campaign key (all but `campaigns`). */
	perCampaign: boolean;
}

/** A Get Many read by one JSON-RPC method: its head and its execute. */
export function rpcList(list: RpcList): { operation: OwnOperationHead; execute: RunOperation } {
	return {
		operation: {
			resource: list.resource,
			operation: 'getAll',
			name: 'Get Many',
			action: `Get many ${list.plural}`,
			description: list.description,
			profile: vumiRpcProfile,
			list: true,
			fields: list.perCampaign ? [campaignKey] : [],
		},
		execute: async (context, input, settings) => {
			const params = list.perCampaign ? [input.values.campaignKey] : [];
			const records = await rpcRecords(context, list.rpcMethod, params, settings, input.itemIndex);
			return limitedItems(context, input.itemIndex, records);
		},
	};
}
