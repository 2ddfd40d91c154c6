import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationInput, OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { isObject } from '../../../shared/provider';
import type { RequestSettings } from '../../../shared/request';
import { pathWith, providerRequest } from '../../../shared/request';
import { vumiProfile } from '../../api';
import { ADDRESS_FIELDS, contactKey } from '../../fields';

/** Contact → Get: by key, or the first contact with an address (a phone number, a handle ...). */
export const operation: OwnOperationHead = {
	resource: 'contact',
	operation: 'get',
	name: 'Get',
	action: 'Get a contact',
	description: 'Get one contact by its key, or by an address such as a phone number',
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
			description: 'The address to search for, for example a phone number in international format',
		},
	],
};

export const description = operationProperties(operation);

/** The contacts API stores phone numbers with a leading `+`. */
function normalizeAddress(field: string, value: string): string {
	return field === 'msisdn' && /^\d+$/.test(value) ? `+${value}` : value;
}

async function byAddress(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<IDataObject> {
	const { itemIndex } = input;
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

export const execute = jsonRun(async (context, input, settings) => {
	if (input.values.lookUpBy !== 'key') return await byAddress(context, input, settings);
	const key = input.values.contactKey as string;
	const { body } = await providerRequest(
		context,
		vumiProfile,
		{
			method: 'GET',
			path: pathWith('contacts/{key}', { key }),
			idFields: [contactKey.displayName],
			itemIndex: input.itemIndex,
		},
		settings,
	);
	return body as IDataObject;
});
