import type { TableOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { contactKey } from '../../fields';

/** Contact → Delete: a table request; the answer is the contact as it was. */
export const operation: TableOperation = {
	resource: 'contact',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a contact',
	description: 'Delete a contact; the output is the contact as it was',
	method: 'DELETE',
	path: 'contacts/{contactKey}',
	fields: [contactKey],
};

export const description = operationProperties(operation);
