import type { FieldSpec } from '../../../shared/operations';

/** The two fields of a group: its name, and the query that makes it a smart group. */

export const groupName: FieldSpec = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: 'Name of the group',
};

export const smartQuery: FieldSpec = {
	displayName: 'Smart Group Query',
	name: 'query',
	type: 'string',
	default: '',
	placeholder: 'surname:Smith',
	description:
		'A search query that makes this a smart group: its members are the contacts that match. Leave empty for a plain group.',
};
