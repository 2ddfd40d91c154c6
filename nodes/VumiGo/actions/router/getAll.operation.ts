import { operationProperties } from '../../../shared/operations';
import { rpcList } from '../rpc';

/** Router → Get Many: JSON-RPC `routers`, between the channels and conversations of a campaign. */
export const { operation, execute } = rpcList({
	resource: 'router',
	rpcMethod: 'routers',
	plural: 'routers',
	description: 'List the routers of a campaign',
	perCampaign: true,
});

export const description = operationProperties(operation);
