import type { OwnOperationHead, RunOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { writableFields, writeContact } from './write';

/** Contact → Create: the documented fields plus the free `extra` key/values, as one JSON body. */
export const operation: OwnOperationHead = {
	resource: 'contact',
	operation: 'create',
	name: 'Create',
	action: 'Create a contact',
	description: 'Create a contact with its addresses and your own extra fields',
	fields: writableFields,
};

export const description = operationProperties(operation);

export const execute: RunOperation = async (context, input, settings) =>
	await writeContact(context, input, settings, { method: 'POST', path: 'contacts/' });
