import type { FieldSpec, OperationSpec } from '../../shared/operations';
import { wireValues } from '../../shared/operations';
import { providerRequest } from '../../shared/request';
import { scgJsonBody, scgProfile } from '../api';
import { contactId, createdOutput, simplified, sort, wireField } from '../fields';
import { deletedOutput, updateOperation } from '../update';

const PATH = 'contacts';

const fastAccessFields: FieldSpec[] = Array.from({ length: 20 }, (_value, index) =>
	wireField(
		`Fast Access ${index + 1}`,
		`fast_access_${index + 1}`,
		'string',
		`Free indexed field number ${index + 1}, searchable in lists`,
	),
);

/** Every writable contact field of docs/wire-formats/syniverseScg.md#endpoints. */
export const contactWritableFields: FieldSpec[] = [
	wireField(
		'External ID',
		'external_id',
		'string',
		'Your own ID for the contact, for example from a CRM',
	),
	wireField('First Name', 'first_name', 'string', 'First name of the contact'),
	wireField('Last Name', 'last_name', 'string', 'Last name of the contact'),
	wireField('Birth Date', 'birth_date', 'dateTime', 'Date of birth'),
	wireField(
		'First Acquisition Date',
		'first_acquisition_date',
		'dateTime',
		'When the contact was first acquired',
	),
	wireField(
		'Last Acquisition Date',
		'last_acquisition_date',
		'dateTime',
		'When the contact was last acquired',
	),
	wireField(
		'Phone Number',
		'primary_mdn',
		'string',
		'Mobile number messages go to, in international format (+14085551212)',
	),
	wireField('Address Line 1', 'primary_addr_line1', 'string', 'First line of the postal address'),
	wireField('Address Line 2', 'primary_addr_line2', 'string', 'Second line of the postal address'),
	wireField('City', 'primary_addr_city', 'string', 'City of the postal address'),
	wireField('ZIP Code', 'primary_addr_zip', 'string', 'Postal code'),
	wireField('State', 'primary_addr_state', 'string', 'State or region of the postal address'),
	wireField('Email', 'primary_email_addr', 'string', 'Email address', {
		placeholder: 'name@email.com',
	}),
	wireField('Social Handle', 'primary_social_handle', 'string', 'Main social media handle'),
	wireField('Address List', 'address_list', 'json', 'More postal addresses, as a JSON list'),
	wireField('Account List', 'account_list', 'json', 'Accounts of the contact, as a JSON list'),
	wireField('Device List', 'device_list', 'json', 'Devices of the contact, as a JSON list'),
	wireField('Interest List', 'interest_list', 'json', 'Interests of the contact, as a JSON list'),
	wireField(
		'Demographic List',
		'demographic_list',
		'json',
		'Demographic data of the contact, as a JSON list',
	),
	wireField(
		'Extended Attributes',
		'extended_attributes',
		'json',
		'Any other attributes, as a JSON object',
		{ default: '{}' },
	),
	wireField(
		'Social Handles',
		'social_handles',
		'json',
		'More social media handles, as a JSON list',
	),
	wireField(
		'Preferred Language',
		'preferred_language',
		'string',
		'Language code, for example en-US',
	),
	wireField('Voice Preference', 'voice_preference', 'string', 'Preferred voice for calls'),
	wireField('Fast Access', 'fast_access', 'string', 'Free indexed field, searchable in lists'),
	...fastAccessFields,
];

export const contactOperations: OperationSpec[] = [
	{
		resource: 'contact',
		operation: 'create',
		name: 'Create',
		action: 'Create a contact',
		description: 'Add a contact that messages can be sent to as contact:{ID} or through groups',
		method: 'POST',
		path: PATH,
		fields: contactWritableFields,
		// Every field is optional: with none given, the body is still `{}` (see scgJsonBody).
		async run(context, input, settings) {
			const { body } = await providerRequest(
				context,
				scgProfile,
				{
					method: 'POST',
					path: PATH,
					...scgJsonBody(wireValues(contactWritableFields, input.values)),
					itemIndex: input.itemIndex,
				},
				settings,
			);
			return context.helpers.returnJsonArray(createdOutput(contactWritableFields)(body, input));
		},
	},
	{
		resource: 'contact',
		operation: 'delete',
		name: 'Delete',
		action: 'Delete a contact',
		description: 'Delete a contact; it also leaves its groups',
		method: 'DELETE',
		path: `${PATH}/{contactId}`,
		fields: [contactId],
		output: deletedOutput('contactId'),
	},
	{
		resource: 'contact',
		operation: 'get',
		name: 'Get',
		action: 'Get a contact',
		description: 'Retrieve a contact',
		method: 'GET',
		path: `${PATH}/{contactId}`,
		fields: [contactId],
		simplify: simplified.contact,
	},
	{
		resource: 'contact',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many contacts',
		description: 'List contacts, optionally filtered by name, phone number or external ID',
		method: 'GET',
		path: PATH,
		list: true,
		simplify: simplified.contact,
		fields: [
			wireField('First Name', 'first_name', 'string', 'Only contacts with this first name'),
			wireField('Last Name', 'last_name', 'string', 'Only contacts with this last name'),
			wireField('Phone Number', 'primary_mdn', 'string', 'Only contacts with this phone number'),
			wireField('Email', 'primary_email_addr', 'string', 'Only contacts with this email address', {
				placeholder: 'name@email.com',
			}),
			wireField('External ID', 'external_id', 'string', 'Only the contact with this external ID'),
			sort,
		],
	},
	updateOperation({
		resource: 'contact',
		what: 'contact',
		collectionPath: PATH,
		idField: contactId,
		writableFields: contactWritableFields,
	}),
];
