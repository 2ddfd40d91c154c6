import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, listLimit, operationProperties } from '../../../shared/operations';
import { firstItems } from '../../../shared/pagination';
import { pathWith } from '../../../shared/request';
import { call, itemsOf, platformFor } from '../../api';
import { deviceIdField } from '../../fields';

/** Asset → Get Many: legacy devices carry their assets (the SDK reads `assets`); Maker has a list call. */
export const operation: OwnOperationHead = {
	resource: 'asset',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many assets',
	description: 'List the assets of a device',
	list: true,
	fields: [deviceIdField],
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const id = String(input.values.deviceId);
	const path =
		(await platformFor(context)) === 'maker'
			? pathWith('/device/{id}/assets', { id })
			: pathWith('/device/{id}', { id });
	const body = await call(context, { method: 'GET', path, itemIndex: input.itemIndex }, settings);
	return firstItems(itemsOf(body, 'assets'), listLimit(context, input.itemIndex));
});
