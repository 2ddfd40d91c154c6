import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldSpec, OperationInput, OperationSpec } from '../../shared/operations';
import { buildRequest, jsonRun } from '../../shared/operations';
import { isObject } from '../../shared/provider';
import type { RequestSettings } from '../../shared/request';
import { pathWith, providerRequest } from '../../shared/request';
import { vumiProfile } from '../api';
import { ADDRESS_FIELDS, contactFields, contactKey } from '../fields';

/** Free key/values stored in the contact's `extra`, for Create and Update. */
const extraFields: FieldSpec = {
	displayName: 'Extra Fields',
	name: 'extraFields',
	type: 'fixedCollection',
	placeholder: 'Add Extra Field',
	multipleValues: true,
	row: { name: 'field', displayName: 'Field' },
	default: {},
	description:
		'Your own fields stored with the contact (its "extra" data). On Update they replace the extra fields the contact had.',
	fields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Name of the extra field',
		},
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			description: 'Value of the extra field',
		},
	],
	wireName: 'extra',
	validate: (rows) => {
		const unnamed = (rows as IDataObject[]).findIndex((row) => row.name === undefined);
		return unnamed < 0 ? undefined : `row ${unnamed + 1} has no name`;
	},
	// The contacts API stores extra values as text.
	toWire: (rows) =>
		Object.fromEntries((rows as IDataObject[]).map((row) => [row.name, String(row.value ?? '')])),
};

/** Create and Update send the documented fields plus the free `extra` key/values. */
function writeContact(operation: () => OperationSpec) {
	return async (
		context: IExecuteFunctions,
		input: OperationInput,
		settings: RequestSettings,
	): Promise<INodeExecutionData[]> => {
		const request = buildRequest(operation(), input);
		const body: IDataObject = { ...((request.body as IDataObject) ?? {}) };
		if (Object.keys(body).length === 0 && request.method === 'PUT')
			throw new NodeOperationError(
				context.getNode(),
				`Item ${input.itemIndex}: nothing to update: add at least one field`,
				{ itemIndex: input.itemIndex },
			);
		// n8n's HTTP client sends no body for an empty object, but the contacts API reads a JSON body:
		// a contact created with no fields is the JSON text `{}`.
		const sent =
			Object.keys(body).length > 0
				? { body }
				: { body: Buffer.from('{}'), headers: { 'Content-Type': 'application/json' } };
		const response = await providerRequest(context, vumiProfile, { ...request, ...sent }, settings);
		return context.helpers.returnJsonArray(response.body as IDataObject);
	};
}

/** The contacts API stores phone numbers with a leading `+`. */
function normalizeAddress(field: string, value: string): string {
	return field === 'msisdn' && /^\d+$/.test(value) ? `+${value}` : value;
}

/** The contact by its key, or the first contact with the address. */
async function findContact(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<IDataObject> {
	const { itemIndex } = input;
	const lookUpBy = input.values.lookUpBy as string;
	if (lookUpBy === 'key') {
		const { body } = await providerRequest(
			context,
			vumiProfile,
			{
				method: 'GET',
				path: pathWith('contacts/{key}', { key: input.values.contactKey as string }),
				itemIndex,
			},
			settings,
		);
		return body as IDataObject;
	}
	const field = input.values.addressField as string;
	const value = normalizeAddress(field, input.values.addressValue as string);
	const { body } = await providerRequest(
		context,
		vumiProfile,
		{ method: 'GET', path: 'contacts/', qs: { query: `${field}=${value}` }, itemIndex },
		settings,
	);
	const found = isObject(body) && Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	if (found.length === 0)
		throw new NodeOperationError(context.getNode(), `No contact has ${field} "${value}"`, {
			itemIndex,
			description: 'Vumi Go found no contact with this address. Check the field and the value.',
		});
	return found[0];
}

const createContact: OperationSpec = {
	resource: 'contact',
	operation: 'create',
	name: 'Create',
	action: 'Create a contact',
	description: 'Create a contact with its addresses and your own extra fields',
	method: 'POST',
	path: 'contacts/',
	onTimeout: 'fail',
	fields: [...contactFields, extraFields],
	run: writeContact(() => createContact),
};

const updateContact: OperationSpec = {
	resource: 'contact',
	operation: 'update',
	name: 'Update',
	action: 'Update a contact',
	description: 'Change some fields of a contact; fields left out keep their values',
	method: 'PUT',
	path: 'contacts/{contactKey}',
	onTimeout: 'fail',
	fields: [contactKey, ...contactFields, extraFields],
	run: writeContact(() => updateContact),
};

export const contactOperations: OperationSpec[] = [
	createContact,
	{
		resource: 'contact',
		operation: 'delete',
		name: 'Delete',
		action: 'Delete a contact',
		description: 'Delete a contact; the output is the contact as it was',
		method: 'DELETE',
		path: 'contacts/{contactKey}',
		fields: [contactKey],
	},
	{
		resource: 'contact',
		operation: 'get',
		name: 'Get',
		action: 'Get a contact',
		description: 'Get one contact by its key, or by an address such as a phone number',
		method: 'GET',
		path: 'contacts/',
		fields: [
			{
				displayName: 'Look Up By',
				name: 'lookUpBy',
				type: 'options',
				required: true,
				default: 'key',
				options: [
					{ name: 'Contact Key', value: 'key' },
					{
						name: 'Address',
						value: 'address',
						description: 'A phone number, Twitter handle or other address of the contact',
					},
				],
			},
			// The key goes into the path getContact builds.
			{ ...contactKey, showWhen: { lookUpBy: ['key'] }, in: 'path' },
			{
				displayName: 'Address Field',
				name: 'addressField',
				type: 'options',
				required: true,
				default: 'msisdn',
				options: ADDRESS_FIELDS,
				showWhen: { lookUpBy: ['address'] },
				description: 'Which address of the contact to search',
			},
			{
				displayName: 'Address',
				name: 'addressValue',
				type: 'string',
				required: true,
				default: '',
				placeholder: '+27761234567',
				showWhen: { lookUpBy: ['address'] },
				description:
					'The address to search for, for example a phone number in international format',
			},
		],
		run: jsonRun(findContact),
	},
	{
		resource: 'contact',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many contacts',
		description: 'List the contacts of the account',
		method: 'GET',
		path: 'contacts/',
		list: true,
	},
	updateContact,
];
