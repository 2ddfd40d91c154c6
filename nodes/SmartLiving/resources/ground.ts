import type { OperationSpec } from '../../shared/operations';
import { jsonRun, listLimit } from '../../shared/operations';
import { firstItems } from '../../shared/pagination';
import { call, itemsOf, platformFor } from '../api';

export const groundOperations: OperationSpec[] = [
	{
		resource: 'ground',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many grounds',
		description:
			'List the grounds (groups of devices) the account or token can see. Legacy reads /me/grounds, Maker /grounds (a device token has no access to grounds).',
		method: 'GET',
		path: '/me/grounds',
		list: true,
		fields: [
			{
				displayName: 'Include Shared Grounds',
				name: 'includeShared',
				type: 'boolean',
				default: false,
				description:
					'Whether to also list grounds other users shared with you (SmartLiving legacy only)',
			},
		],
		run: jsonRun(async (context, input, settings) => {
			const platform = await platformFor(context);
			const body = await call(
				context,
				platform === 'maker'
					? { method: 'GET', path: '/grounds', itemIndex: input.itemIndex }
					: {
							method: 'GET',
							path: '/me/grounds',
							qs: input.values.includeShared === true ? { type: 'shared' } : undefined,
							itemIndex: input.itemIndex,
						},
				settings,
			);
			return firstItems(itemsOf(body), listLimit(context, input.itemIndex));
		}),
	},
];
