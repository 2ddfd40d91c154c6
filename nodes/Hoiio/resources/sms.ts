import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { OperationInput, OperationSpec } from '../../shared/operations';
import { invalidInput } from '../../shared/operations';
import type { RequestSettings } from '../../shared/request';
import { providerRequest } from '../../shared/request';
import { hoiioProfile, unwrapHoiio } from '../api';
import { prepareInput } from '../execute';
import { historyFilters, hoiioNumber, message, reportFields, to, txnRef } from '../fields';

/** Hoiio takes at most this many numbers in one bulk request. */
export const BULK_CHUNK_SIZE = 1000;

const senderName = {
	displayName: 'Sender Name',
	name: 'senderName',
	type: 'string' as const,
	default: '',
	wireName: 'sender_name',
	description:
		'Name shown as the sender instead of a number (3 to 11 letters or digits); the account needs sender names enabled',
	validate: (value: unknown) =>
		/^[A-Za-z0-9 ]{3,11}$/.test(String(value))
			? undefined
			: 'must be 3 to 11 letters, digits or spaces',
};

const sendBulk: OperationSpec = {
	resource: 'sms',
	operation: 'sendBulk',
	name: 'Send Bulk',
	action: 'Send the same SMS to many numbers',
	description:
		'Send one text to any number of recipients, in requests of up to 1,000 numbers each; one result per request',
	method: 'POST',
	path: 'sms/bulk_send',
	fields: [
		{
			displayName: 'Recipients From',
			name: 'recipientSource',
			type: 'options',
			required: true,
			default: 'list',
			options: [
				{
					name: 'List',
					value: 'list',
					description: 'A comma-separated list, or a list from an expression',
				},
				{
					name: 'Input Items',
					value: 'items',
					description:
						'One recipient per input item: all items are sent together, with the message of the first item',
				},
			],
			in: 'none',
		},
		{
			displayName: 'Recipients',
			name: 'recipients',
			type: 'stringList',
			default: '',
			required: true,
			wireName: 'dest',
			placeholder: '+6591234567, +6598765432',
			showWhen: { recipientSource: ['list'] },
			description:
				'Phone numbers to send to, comma-separated or as a list from an expression; a number listed twice gets one SMS',
		},
		{
			displayName: 'Recipient',
			name: 'recipient',
			type: 'string',
			default: '={{ $json.phone }}',
			required: true,
			showWhen: { recipientSource: ['items'] },
			description:
				'The phone number of each input item, usually an expression that reads it from the item',
		},
		message,
		senderName,
		...reportFields,
	],
	execute: sendBulkSms,
};

/** Collects the recipients of every input item (Recipients From = Input Items). */
function recipientsFromItems(context: IExecuteFunctions): string[] {
	const recipients: string[] = [];
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const value = context.getNodeParameter('recipient', itemIndex, '') as unknown;
		const entries = Array.isArray(value) ? value : [value];
		for (const entry of entries) {
			if (entry === undefined || entry === null || String(entry).trim() === '')
				throw invalidInput(context, itemIndex, 'Recipient', 'is required but empty');
			recipients.push(String(entry).trim());
		}
	}
	return recipients;
}

/**
 * Bulk SMS: Hoiio takes up to 1,000 comma-joined numbers per request, so a longer list is sent in
 * chunks, each returning its own `bulk_txn_ref`.
 */
async function sendBulkSms(
	context: IExecuteFunctions,
	rawInput: OperationInput,
	settings: RequestSettings,
): Promise<IDataObject[]> {
	const fromItems = rawInput.values.recipientSource === 'items';
	// In Input Items mode the first item sends for all of them.
	if (fromItems && rawInput.itemIndex > 0) return [];
	// Numbers typed in the field were checked with the item; numbers from the items are checked here.
	const input = fromItems
		? await prepareInput(context, sendBulk, {
				...rawInput,
				values: { ...rawInput.values, recipients: recipientsFromItems(context) },
			})
		: rawInput;
	const recipients = [...new Set(input.values.recipients as string[])];
	const common: IDataObject = { msg: input.values.message as string };
	if (input.values.senderName) common.sender_name = input.values.senderName as string;
	if (input.values.tag) common.tag = input.values.tag as string;
	if (input.values.notifyUrl) common.notify_url = input.values.notifyUrl as string;

	const results: IDataObject[] = [];
	const chunks = Math.ceil(recipients.length / BULK_CHUNK_SIZE);
	for (let chunk = 0; chunk < chunks; chunk++) {
		const numbers = recipients.slice(chunk * BULK_CHUNK_SIZE, (chunk + 1) * BULK_CHUNK_SIZE);
		try {
			const { body } = await providerRequest(
				context,
				hoiioProfile,
				{
					method: 'POST',
					path: 'sms/bulk_send',
					body: { ...common, dest: numbers.join(',') },
					itemIndex: input.itemIndex,
				},
				settings,
			);
			results.push({
				...unwrapHoiio(body),
				chunk: chunk + 1,
				chunks,
				recipientCount: numbers.length,
				recipients: numbers,
			});
		} catch (error) {
			const failure =
				error instanceof NodeApiError
					? error
					: new NodeApiError(context.getNode(), error as JsonObject);
			if (chunk > 0) {
				const sent = results.map((result) => String(result.bulk_txn_ref)).join(', ');
				failure.description = `${failure.description ?? ''} Requests 1 to ${chunk} of ${chunks} (${chunk * BULK_CHUNK_SIZE} recipients) were already sent (bulk_txn_ref ${sent}); do not send them again.`;
			}
			throw failure;
		}
	}
	return results;
}

export const smsOperations: OperationSpec[] = [
	{
		resource: 'sms',
		operation: 'send',
		name: 'Send',
		action: 'Send an SMS',
		description: 'Send a text message to one phone number',
		method: 'POST',
		path: 'sms/send',
		fields: [to('Phone number to send the SMS to'), message, senderName, ...reportFields],
	},
	sendBulk,
	{
		resource: 'sms',
		operation: 'getStatus',
		name: 'Get Status',
		action: 'Get the status of an SMS',
		description: 'Get whether an SMS was queued, delivered or failed, and what it cost',
		method: 'POST',
		path: 'sms/query_status',
		idempotent: true,
		fields: [txnRef],
	},
	{
		resource: 'sms',
		operation: 'getHistory',
		name: 'Get History',
		action: 'Get the SMS history',
		description: 'List the SMS sent and received by the account, newest first',
		method: 'POST',
		path: 'sms/get_history',
		idempotent: true,
		list: true,
		fields: historyFilters,
	},
	{
		resource: 'sms',
		operation: 'getRate',
		name: 'Get Rate',
		action: 'Get the cost of sending an SMS',
		description: 'Get what an SMS to a number costs, and into how many parts a message is split',
		method: 'POST',
		path: 'sms/get_rate',
		idempotent: true,
		fields: [
			to('Phone number the SMS would go to'),
			{
				...message,
				required: false,
				description: 'The text to price; its length decides how many SMS parts are charged',
			},
		],
	},
	{
		resource: 'sms',
		operation: 'getIncomingRate',
		name: 'Get Incoming Rate',
		action: 'Get the cost of receiving an SMS',
		description: 'Get what each SMS received on one of your Hoiio numbers costs',
		method: 'POST',
		path: 'sms/get_rate',
		idempotent: true,
		fields: [hoiioNumber('Your Hoiio number that receives the SMS', 'incoming')],
	},
];
