import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, listLimit, operationProperties } from '../../../shared/operations';
import { firstItems } from '../../../shared/pagination';
import { pathWith } from '../../../shared/request';
import { call, itemsOf } from '../../api';

/** Device → Get Many: the devices of a ground, in one answer that Limit trims. */
export const operation: OwnOperationHead = {
	resource: 'device',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many devices',
	description: 'List the devices of a ground',
	list: true,
	fields: [
		{
			displayName: 'Ground Name or ID',
			name: 'groundId',
			type: 'options',
			default: '',
			required: true,
			in: 'path',
			loadOptionsMethod: 'getGrounds',
			description: 'The ground whose devices to list',
		},
	],
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const path = pathWith('/ground/{id}/devices', { id: String(input.values.groundId) });
	const body = await call(context, { method: 'GET', path, itemIndex: input.itemIndex }, settings);
	return firstItems(itemsOf(body), listLimit(context, input.itemIndex));
});
