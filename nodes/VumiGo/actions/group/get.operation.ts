import type { TableOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { groupKey } from '../../fields';

/** Group → Get: a table request. */
export const operation: TableOperation = {
	resource: 'group',
	operation: 'get',
	name: 'Get',
	action: 'Get a group',
	description: 'Get one group by its key',
	method: 'GET',
	path: 'groups/{groupKey}',
	fields: [groupKey],
};

export const description = operationProperties(operation);
