import type { IDataObject } from 'n8n-workflow';

import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { call, platformFor } from '../../api';
import {
	assetAddressFields,
	assetPath,
	timestampField,
	timestampOf,
	typedValueFields,
	typedValueOf,
} from '../../fields';
import { sentOutput } from './value';

/** Asset → Send State: `PUT {asset}/state {value, at}`; it replaces the value, so it may be repeated. */
export const operation: OwnOperationHead = {
	resource: 'asset',
	operation: 'sendState',
	name: 'Send State',
	action: 'Send the state of an asset',
	description: 'Record a new value for a sensor, as if the device had measured it',
	fields: [...assetAddressFields, ...typedValueFields, timestampField],
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const path = `${assetPath(context, input, await platformFor(context))}/state`;
	const sent = {
		value: typedValueOf(input.values) as IDataObject[string],
		at: timestampOf(input.values),
	};
	const answer = await call(
		context,
		{ method: 'PUT', path, body: sent, idempotent: true, itemIndex: input.itemIndex },
		settings,
	);
	return sentOutput(input.values, sent, answer);
});
