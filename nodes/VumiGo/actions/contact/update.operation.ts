import type { OwnOperationHead, RunOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { pathWith } from '../../../shared/request';
import { contactKey } from '../../fields';
import { writableFields, writeContact } from './write';

/** Contact → Update: only the fields given travel; the server keeps the rest. */
export const operation: OwnOperationHead = {
	resource: 'contact',
	operation: 'update',
	name: 'Update',
	action: 'Update a contact',
	description: 'Change some fields of a contact; fields left out keep their values',
	fields: [{ ...contactKey, in: 'path' }, ...writableFields],
};

export const description = operationProperties(operation);

export const execute: RunOperation = async (context, input, settings) =>
	await writeContact(context, input, settings, {
		method: 'PUT',
		path: pathWith('contacts/{key}', { key: input.values.contactKey as string }),
		idFields: [contactKey.displayName],
	});
