import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { pathWith } from '../../../shared/request';
import { call, notOnPlatform, platformFor, unwrapSmartLiving } from '../../api';

/** Gateway → Get: legacy only; Maker has no gateways, so the node says so before sending. */
export const operation: OwnOperationHead = {
	resource: 'gateway',
	operation: 'get',
	name: 'Get',
	action: 'Get a gateway',
	description:
		'Retrieve a gateway and its details. SmartLiving legacy only: Maker has no gateways.',
	fields: [
		{
			displayName: 'Gateway ID',
			name: 'gatewayId',
			type: 'string',
			default: '',
			required: true,
			in: 'path',
			description: 'The gateway to read',
		},
	],
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const platform = await platformFor(context);
	if (platform === 'maker')
		throw notOnPlatform(context, input.itemIndex, platform, 'gateways (Gateway → Get)');
	const path = pathWith('/gateway/{id}', { id: String(input.values.gatewayId) });
	return unwrapSmartLiving(
		await call(context, { method: 'GET', path, itemIndex: input.itemIndex }, settings),
	);
});
