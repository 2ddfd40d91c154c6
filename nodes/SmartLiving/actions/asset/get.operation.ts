import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { call, platformFor, unwrapSmartLiving } from '../../api';
import { assetAddressFields, assetPath } from '../../fields';

/** Asset → Get: the asset at its address (by ID, or by name under its device or gateway). */
export const operation: OwnOperationHead = {
	resource: 'asset',
	operation: 'get',
	name: 'Get',
	action: 'Get an asset',
	description: 'Retrieve an asset: its kind, profile and current state',
	fields: assetAddressFields,
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const path = assetPath(context, input, await platformFor(context));
	return unwrapSmartLiving(
		await call(context, { method: 'GET', path, itemIndex: input.itemIndex }, settings),
	);
});
