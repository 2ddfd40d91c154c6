import type { IDataObject } from 'n8n-workflow';

import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { call, platformFor } from '../../api';
import { assetAddressFields, assetPath, typedValueFields, typedValueOf } from '../../fields';
import { sentOutput } from './value';

/** Asset → Send Command: `PUT {asset}/command {value}`, never repeated (the device would act twice). */
export const operation: OwnOperationHead = {
	resource: 'asset',
	operation: 'sendCommand',
	name: 'Send Command',
	action: 'Send a command to an asset',
	description: 'Send a value to an actuator through the REST API; the platform confirms it',
	fields: [...assetAddressFields, ...typedValueFields],
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const path = `${assetPath(context, input, await platformFor(context))}/command`;
	const sent = { value: typedValueOf(input.values) as IDataObject[string] };
	const answer = await call(
		context,
		{ method: 'PUT', path, body: sent, itemIndex: input.itemIndex },
		settings,
	);
	return sentOutput(input.values, sent, answer);
});
