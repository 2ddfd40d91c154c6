import type { TableOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { groupKey } from '../../fields';

/**
 * Group → Get Contacts: a table request over the cursor pages of a group's members. A run can start
 * where the last one ended (Start At and nextStart), so a schedule can walk a big group in slices.
 */
export const operation: TableOperation = {
	resource: 'group',
	operation: 'getContacts',
	name: 'Get Contacts',
	action: 'Get the contacts of a group',
	description: 'List the contacts in a group (for a smart group: the contacts that match)',
	method: 'GET',
	path: 'groups/{groupKey}/contacts',
	list: true,
	resumable: true,
	fields: [groupKey],
};

export const description = operationProperties(operation);
