import type { TableOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { groupKey } from '../../fields';
import { groupName, smartQuery } from './fields';

/** Group → Update: a table request with only the fields given. */
export const operation: TableOperation = {
	resource: 'group',
	operation: 'update',
	name: 'Update',
	action: 'Update a group',
	description: 'Rename a group or change its smart group query',
	method: 'PUT',
	path: 'groups/{groupKey}',
	onTimeout: 'fail',
	fields: [groupKey, groupName, smartQuery],
};

export const description = operationProperties(operation);
