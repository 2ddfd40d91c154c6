import type { TableOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { groupKey } from '../../fields';

/** Group → Delete: a table request; the group's contacts stay. */
export const operation: TableOperation = {
	resource: 'group',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a group',
	description: 'Delete a group; its contacts are kept',
	method: 'DELETE',
	path: 'groups/{groupKey}',
	fields: [groupKey],
};

export const description = operationProperties(operation);
