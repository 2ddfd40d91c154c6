import type { TableOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { groupName, smartQuery } from './fields';

/** Group → Create: a table request; not repeated when its outcome is unknown (it would create two). */
export const operation: TableOperation = {
	resource: 'group',
	operation: 'create',
	name: 'Create',
	action: 'Create a group',
	description: 'Create a group of contacts, or a smart group defined by a query',
	method: 'POST',
	path: 'groups/',
	onTimeout: 'fail',
	fields: [{ ...groupName, required: true }, smartQuery],
};

export const description = operationProperties(operation);
