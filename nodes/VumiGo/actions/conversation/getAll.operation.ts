import { operationProperties } from '../../../shared/operations';
import { rpcList } from '../rpc';

/** Conversation → Get Many: JSON-RPC `conversations` of a campaign. */
export const { operation, execute } = rpcList({
	resource: 'conversation',
	rpcMethod: 'conversations',
	plural: 'conversations',
	description: 'List the conversations of a campaign',
	perCampaign: true,
});

export const description = operationProperties(operation);
