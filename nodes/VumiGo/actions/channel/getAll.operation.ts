import { operationProperties } from '../../../shared/operations';
import { rpcList } from '../rpc';

/** Channel → Get Many: JSON-RPC `channels`, the numbers and codes of a campaign. */
export const { operation, execute } = rpcList({
	resource: 'channel',
	rpcMethod: 'channels',
	plural: 'channels',
	description: 'List the channels (tagged numbers, codes) of a campaign',
	perCampaign: true,
});

export const description = operationProperties(operation);
