import type { IDataObject } from 'n8n-workflow';

import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { isObject } from '../../../shared/provider';
import { call, platformFor } from '../../api';
import { addressOutput, assetAddressFields, assetPath } from '../../fields';

/** Asset → Get State: `{asset}/state`, whose `state` is `{value, at}`. */
export const operation: OwnOperationHead = {
	resource: 'asset',
	operation: 'getState',
	name: 'Get State',
	action: 'Get the state of an asset',
	description: 'Read the last value of an asset and when it was measured',
	fields: assetAddressFields,
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const path = `${assetPath(context, input, await platformFor(context))}/state`;
	const body = await call(context, { method: 'GET', path, itemIndex: input.itemIndex }, settings);
	const state = isObject(body) && isObject(body.state) ? body.state : body;
	return {
		...addressOutput(input.values),
		...(isObject(state) ? (state as IDataObject) : { value: state as IDataObject[string] }),
	};
});
