import type { OperationSpec } from '../../shared/operations';
import { jsonRun } from '../../shared/operations';
import { pathWith } from '../../shared/request';
import { call, notOnPlatform, platformFor, unwrapSmartLiving } from '../api';

export const gatewayOperations: OperationSpec[] = [
	{
		resource: 'gateway',
		operation: 'get',
		name: 'Get',
		action: 'Get a gateway',
		description:
			'Retrieve a gateway and its details. SmartLiving legacy only: Maker has no gateways.',
		method: 'GET',
		path: '/gateway/{gatewayId}',
		fields: [
			{
				displayName: 'Gateway ID',
				name: 'gatewayId',
				type: 'string',
				default: '',
				required: true,
				description: 'The gateway to read',
			},
		],
		run: jsonRun(async (context, input, settings) => {
			const platform = await platformFor(context);
			if (platform === 'maker')
				throw notOnPlatform(context, input.itemIndex, platform, 'gateways (Gateway → Get)');
			const path = pathWith('/gateway/{id}', { id: String(input.values.gatewayId) });
			return unwrapSmartLiving(
				await call(context, { method: 'GET', path, itemIndex: input.itemIndex }, settings),
			);
		}),
	},
];
