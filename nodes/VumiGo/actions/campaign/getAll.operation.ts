import { operationProperties } from '../../../shared/operations';
import { rpcList } from '../rpc';

/** Campaign → Get Many: JSON-RPC `campaigns`; on a stock server the one campaign is the account. */
export const { operation, execute } = rpcList({
	resource: 'campaign',
	rpcMethod: 'campaigns',
	plural: 'campaigns',
	description: 'List the campaigns of the account (on most servers: one, the account itself)',
	perCampaign: false,
});

export const description = operationProperties(operation);
