import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldSpec, OperationInput } from '../../../shared/operations';
import { wireValues } from '../../../shared/operations';
import type { RequestSettings } from '../../../shared/request';
import { providerRequest } from '../../../shared/request';
import { vumiProfile } from '../../api';
import { contactFields } from '../../fields';

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

/** What Create and Update send: the documented contact fields and the free `extra` key/values. */
export const writableFields: FieldSpec[] = [...contactFields, extraFields];

/** Create (POST) or Update (PUT, only the fields given: the server merges) of one contact. */
export async function writeContact(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
	request: { method: 'POST' | 'PUT'; path: string; idFields?: string[] },
): Promise<INodeExecutionData[]> {
	const body = wireValues(writableFields, input.values);
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
	const response = await providerRequest(
		context,
		vumiProfile,
		{ ...request, ...sent, idempotent: false, itemIndex: input.itemIndex },
		settings,
	);
	return context.helpers.returnJsonArray(response.body as IDataObject);
}
