import type { IDataObject } from 'n8n-workflow';

import type { FieldSpec, OperationSpec } from '../../shared/operations';
import { isObject } from '../../shared/provider';
import { contactGroupId, contactId, createdOutput, simplified, sort, wireField } from '../fields';
import { deletedOutput, updateOperation } from '../update';

const PATH = 'contact_groups';

const groupName: FieldSpec = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	description: 'Name of the group, as ops staff will recognise it',
};

/**
 * Writable group fields of docs/wire-formats/syniverseScg.md#endpoints; `status`, `member_count` and `type`
 * are read-only.
 */
const optionalGroupFields: FieldSpec[] = [
	wireField('External ID', 'external_id', 'string', 'Your own ID for the group'),
	wireField('Description', 'description', 'string', 'What the group is for'),
	wireField(
		'Criteria',
		'criteria',
		'string',
		'For a dynamic group: the condition on contact fields that decides membership, in SCG’s criteria syntax',
		{ placeholder: 'primary_addr_state=CA' },
	),
];

export const contactGroupOperations: OperationSpec[] = [
	{
		resource: 'contactGroup',
		operation: 'create',
		name: 'Create',
		action: 'Create a contact group',
		description: 'Create a group; a message sent to group:{ID} goes to every member',
		method: 'POST',
		path: PATH,
		onTimeout: 'fail',
		fields: [groupName, ...optionalGroupFields],
		output: createdOutput([groupName, ...optionalGroupFields]),
	},
	{
		resource: 'contactGroup',
		operation: 'delete',
		name: 'Delete',
		action: 'Delete a contact group',
		description: 'Delete a group; its contacts are kept',
		method: 'DELETE',
		path: `${PATH}/{contactGroupId}`,
		fields: [contactGroupId],
		output: deletedOutput('contactGroupId'),
	},
	{
		resource: 'contactGroup',
		operation: 'get',
		name: 'Get',
		action: 'Get a contact group',
		description: 'Retrieve a group with its member count',
		method: 'GET',
		path: `${PATH}/{contactGroupId}`,
		fields: [contactGroupId],
	},
	{
		resource: 'contactGroup',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many contact groups',
		description: 'List the contact groups',
		method: 'GET',
		path: PATH,
		list: true,
		fields: [
			wireField('Name', 'name', 'string', 'Only groups with this name'),
			wireField('External ID', 'external_id', 'string', 'Only the group with this external ID'),
			sort,
		],
	},
	updateOperation({
		resource: 'contactGroup',
		what: 'contact group',
		collectionPath: PATH,
		idField: contactGroupId,
		writableFields: [{ ...groupName, required: false }, ...optionalGroupFields],
	}),
	{
		resource: 'contactGroup',
		operation: 'addContacts',
		name: 'Add Contacts',
		action: 'Add contacts to a contact group',
		description: 'Add contacts to a group; contacts that cannot be added are listed in the output',
		method: 'POST',
		path: `${PATH}/{contactGroupId}/contacts`,
		onTimeout: 'retry',
		fields: [
			contactGroupId,
			{
				displayName: 'Contact IDs',
				name: 'contactIds',
				type: 'stringList',
				default: '',
				required: true,
				wireName: 'contacts',
				placeholder: 'aQWY9PeMCO01TEH9bk1ek5, 9NeqCbNXBYvRO73jC2rbc5',
				description: 'Comma-separated contact IDs, or a list from an expression',
			},
		],
		// The API answers `{"errors": {"<id>": "Unknown document: <id>"}}` for the ones it refused.
		output: (body, input) => {
			const errors = isObject(body) && isObject(body.errors) ? (body.errors as IDataObject) : {};
			const requested = input.values.contactIds as string[];
			return {
				contactGroupId: input.values.contactGroupId as string,
				added: requested.filter((id) => errors[id] === undefined),
				failed: Object.entries(errors).map(([id, reason]) => ({ contactId: id, reason })),
			};
		},
	},
	{
		resource: 'contactGroup',
		operation: 'removeContact',
		name: 'Remove Contact',
		action: 'Remove a contact from a contact group',
		description: 'Take a contact out of a group; the contact itself is kept',
		method: 'DELETE',
		path: `${PATH}/{contactGroupId}/contacts/{contactId}`,
		fields: [contactGroupId, { ...contactId, description: 'The contact to take out of the group' }],
		output: (_body, input) => ({
			contactGroupId: input.values.contactGroupId as string,
			contactId: input.values.contactId as string,
			removed: true,
		}),
	},
	{
		resource: 'contactGroup',
		operation: 'getContacts',
		name: 'Get Contacts',
		action: 'Get the contacts of a contact group',
		description: 'List the members of a group',
		method: 'GET',
		path: `${PATH}/{contactGroupId}/contacts`,
		list: true,
		fields: [contactGroupId],
		simplify: simplified.contact,
	},
];
