import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, listLimit, operationProperties } from '../../../shared/operations';
import { firstItems } from '../../../shared/pagination';
import { call, itemsOf, platformFor } from '../../api';

/** Ground → Get Many: legacy reads `/me/grounds`, Maker `/grounds`; one answer that Limit trims. */
export const operation: OwnOperationHead = {
	resource: 'ground',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many grounds',
	description:
		'List the grounds (groups of devices) the account or token can see. Legacy reads /me/grounds, Maker /grounds (a device token has no access to grounds).',
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
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const { itemIndex } = input;
	const body = await call(
		context,
		(await platformFor(context)) === 'maker'
			? { method: 'GET', path: '/grounds', itemIndex }
			: {
					method: 'GET',
					path: '/me/grounds',
					qs: input.values.includeShared === true ? { type: 'shared' } : undefined,
					itemIndex,
				},
		settings,
	);
	return firstItems(itemsOf(body), listLimit(context, itemIndex));
});
