import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationInput, OperationSpec } from '../../shared/operations';
import { asFormRequest, buildRequest, invalidInput } from '../../shared/operations';
import type { RequestSettings } from '../../shared/request';
import { providerRequest } from '../../shared/request';
import { hoiioProfile, unwrapHoiio } from '../api';
import { callerId, historyFilters, hoiioNumber, reportFields, to, txnRef } from '../fields';

/** Hoiio refuses faxes larger than this. */
const MAX_FAX_BYTES = 2 * 1024 * 1024;

const sendFax: OperationSpec = {
	resource: 'fax',
	operation: 'send',
	name: 'Send',
	action: 'Send a fax',
	description: 'Fax a PDF document (A4 or Letter, up to 2 MB) from a binary property',
	method: 'POST',
	path: 'fax/send',
	onTimeout: 'fail',
	send: { recipientField: 'to' },
	fields: [
		to('Fax number to send to'),
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: 'Name of the binary property of the input item that holds the PDF',
			in: 'none',
		},
		{
			displayName: 'File Name',
			name: 'filename',
			type: 'string',
			default: '',
			wireName: 'filename',
			description: 'Name of the document in Hoiio; by default the file name of the binary data',
		},
		callerId,
		...reportFields,
	],
	run: sendFaxDocument,
};

/** The PDF travels base64-encoded in the `file` parameter of the form. */
async function sendFaxDocument(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<INodeExecutionData[]> {
	const property = input.values.binaryPropertyName as string;
	const item = context.getInputData()[input.itemIndex];
	const binary = item.binary?.[property];
	if (!binary) {
		throw invalidInput(
			context,
			input.itemIndex,
			'Input Binary Field',
			`names no binary data: the item has ${Object.keys(item.binary ?? {}).join(', ') || 'no binary properties'}`,
		);
	}
	const content = await context.helpers.getBinaryDataBuffer(input.itemIndex, property);
	if (content.length > MAX_FAX_BYTES) {
		throw invalidInput(
			context,
			input.itemIndex,
			'Input Binary Field',
			`holds ${content.length} bytes; Hoiio accepts faxes of up to 2 MB`,
		);
	}
	if (content.subarray(0, 5).toString('latin1') !== '%PDF-') {
		throw invalidInput(context, input.itemIndex, 'Input Binary Field', 'does not hold a PDF');
	}
	const request = asFormRequest(buildRequest(sendFax, input));
	const body = request.body as Record<string, unknown>;
	body.file = content.toString('base64');
	if (!body.filename && binary.fileName) body.filename = binary.fileName;
	const response = await providerRequest(context, hoiioProfile, request, settings);
	return context.helpers.returnJsonArray(unwrapHoiio(response.body));
}

export const faxOperations: OperationSpec[] = [
	sendFax,
	{
		resource: 'fax',
		operation: 'getStatus',
		name: 'Get Status',
		action: 'Get the status of a fax',
		description: 'Get whether a fax went through, its pages, cost and a link to the document',
		method: 'POST',
		path: 'fax/query_status',
		onTimeout: 'retry',
		fields: [txnRef],
	},
	{
		resource: 'fax',
		operation: 'getHistory',
		name: 'Get History',
		action: 'Get the fax history',
		description: 'List the faxes sent and received by the account',
		method: 'POST',
		path: 'fax/get_history',
		onTimeout: 'retry',
		list: true,
		// History pages are numbered: a run can start where the last one ended.
		resumable: true,
		fields: [
			...historyFilters,
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				default: 'all',
				wireName: 'type',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Incoming', value: 'incoming' },
					{ name: 'Outgoing', value: 'outgoing' },
				],
				description: 'Which faxes to list',
			},
		],
	},
	{
		resource: 'fax',
		operation: 'getRate',
		name: 'Get Rate',
		action: 'Get the cost of sending a fax',
		description: 'Get the per-page rate of a fax to a number',
		method: 'POST',
		path: 'fax/get_rate',
		onTimeout: 'retry',
		fields: [to('Fax number the fax would go to')],
	},
	{
		resource: 'fax',
		operation: 'getIncomingRate',
		name: 'Get Incoming Rate',
		action: 'Get the cost of receiving a fax',
		description: 'Get the per-page rate of faxes received on one of your Hoiio numbers',
		method: 'POST',
		path: 'fax/get_rate',
		onTimeout: 'retry',
		fields: [hoiioNumber('Your Hoiio number that receives the faxes', 'incoming')],
	},
];
