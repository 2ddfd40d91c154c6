import type { OperationSpec } from '../../shared/operations';
import { groupKey } from '../fields';

const groupName = {
	displayName: 'Name',
	name: 'name',
	type: 'string' as const,
	default: '',
	description: 'Name of the group',
};

const smartQuery = {
	displayName: 'Smart Group Query',
	name: 'query',
	type: 'string' as const,
	default: '',
	placeholder: 'surname:Smith',
	description:
		'A search query that makes this a smart group: its members are the contacts that match. Leave empty for a plain group.',
};

export const groupOperations: OperationSpec[] = [
	{
		resource: 'group',
		operation: 'create',
		name: 'Create',
		action: 'Create a group',
		description: 'Create a group of contacts, or a smart group defined by a query',
		method: 'POST',
		path: 'groups/',
		onTimeout: 'fail',
		fields: [{ ...groupName, required: true }, smartQuery],
	},
	{
		resource: 'group',
		operation: 'delete',
		name: 'Delete',
		action: 'Delete a group',
		description: 'Delete a group; its contacts are kept',
		method: 'DELETE',
		path: 'groups/{groupKey}',
		fields: [groupKey],
	},
	{
		resource: 'group',
		operation: 'get',
		name: 'Get',
		action: 'Get a group',
		description: 'Get one group by its key',
		method: 'GET',
		path: 'groups/{groupKey}',
		fields: [groupKey],
	},
	{
		resource: 'group',
		operation: 'getContacts',
		name: 'Get Contacts',
		action: 'Get the contacts of a group',
		description: 'List the contacts in a group (for a smart group: the contacts that match)',
		method: 'GET',
		path: 'groups/{groupKey}/contacts',
		list: true,
		fields: [groupKey],
	},
	{
		resource: 'group',
		operation: 'update',
		name: 'Update',
		action: 'Update a group',
		description: 'Rename a group or change its smart group query',
		method: 'PUT',
		path: 'groups/{groupKey}',
		onTimeout: 'fail',
		fields: [groupKey, groupName, smartQuery],
	},
];
