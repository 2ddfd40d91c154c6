import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { DryRunProbes, SendRecipient } from '../../shared/campaign';
import { CAMPAIGN_OPTIONS } from '../../shared/campaign';
import type { OperationInput, OperationSpec } from '../../shared/operations';
import {
	failureFields,
	invalidInput,
	selectRecipients,
	sendInChunks,
} from '../../shared/operations';
import type { RequestSettings } from '../../shared/request';
import { providerRequest } from '../../shared/request';
import { hoiioProfile, unwrapHoiio } from '../api';
import { defaultCountryCode, normalisePhone } from '../execute';
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

/** A dry run prices each destination with Hoiio's SMS rate (one request per country or region). */
const dryRun: DryRunProbes = {
	async ratePerSegment(context, recipient, itemIndex, settings) {
		const { body } = await providerRequest(
			context,
			hoiioProfile,
			{ method: 'POST', path: 'sms/get_rate', body: { dest: recipient }, itemIndex },
			settings,
		);
		const { rate, currency } = unwrapHoiio(body);
		return typeof rate === 'number' ? { amount: rate, currency: String(currency) } : undefined;
	},
};

/** What the campaign knows of Hoiio's SMS sends: their text, numbers as recipients, rates. */
const campaignSend = {
	sms: { field: 'message', displayName: 'Message' },
	phoneRecipients: true,
	dryRun,
};

const sendBulk: OperationSpec = {
	resource: 'sms',
	operation: 'sendBulk',
	name: 'Send Bulk',
	action: 'Send the same SMS to many numbers',
	description:
		'Send one text to any number of recipients, in requests of up to 1,000 numbers each; one result per recipient',
	method: 'POST',
	path: 'sms/bulk_send',
	onTimeout: 'fail',
	// Chunks are recorded in the campaign one by one, as each is accepted (see sendBulkSms).
	send: {
		...campaignSend,
		allItemsInFirst: (context) => context.getNodeParameter('recipientSource', 0) === 'items',
	},
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
	run: sendBulkSms,
};

interface BulkRecipient extends SendRecipient {
	/** The input item the recipient came from: its output item is paired with it. */
	itemIndex: number;
}

/**
 * The recipients of every input item (Recipients From = Input Items), numbers checked and in E.164
 * (an error names the item that gave a bad one), each with its item's Time Zone when the send has a
 * Send Window.
 */
async function recipientsFromItems(
	context: IExecuteFunctions,
	withTimeZone: boolean,
): Promise<BulkRecipient[]> {
	const countryCode = await defaultCountryCode(context, 0);
	const recipients: BulkRecipient[] = [];
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const value = context.getNodeParameter('recipient', itemIndex, '') as unknown;
		const timeZone = withTimeZone
			? { timeZone: context.getNodeParameter(`${CAMPAIGN_OPTIONS}.timeZone`, itemIndex, '') }
			: {};
		const entries = Array.isArray(value) ? value : [value];
		for (const entry of entries) {
			if (entry === undefined || entry === null || String(entry).trim() === '')
				throw invalidInput(context, itemIndex, 'Recipient', 'is required but empty');
			const recipient = normalisePhone(context, itemIndex, 'Recipient', String(entry).trim(), countryCode);
			recipients.push({ recipient, itemIndex, ...timeZone });
		}
	}
	return recipients;
}

/** Every recipient of the send with the item it came from, numbers in E.164. */
async function bulkRecipients(
	context: IExecuteFunctions,
	input: OperationInput,
): Promise<BulkRecipient[]> {
	// Numbers typed in the field were checked with the item (prepareInput).
	if (input.values.recipientSource === 'items')
		return await recipientsFromItems(context, input.send?.hasSendWindow === true);
	const numbers = input.values.recipients as string[];
	return numbers.map((recipient) => ({ recipient, itemIndex: input.itemIndex }));
}

/** Each number once, with the first item that gave it. */
function firstOfEach(recipients: BulkRecipient[]): BulkRecipient[] {
	const seen = new Set<string>();
	const first: BulkRecipient[] = [];
	for (const entry of recipients) {
		if (seen.has(entry.recipient)) continue;
		seen.add(entry.recipient);
		first.push(entry);
	}
	return first;
}

/** Hoiio's form parameters of a bulk send, but for the numbers. */
function bulkParameters(input: OperationInput): IDataObject {
	const common: IDataObject = { msg: input.values.message as string };
	if (input.values.senderName) common.sender_name = input.values.senderName as string;
	if (input.values.tag) common.tag = input.values.tag as string;
	if (input.values.notifyUrl) common.notify_url = input.values.notifyUrl as string;
	return common;
}

/** One output item per recipient, in the order given and paired with its input item. */
function recipientItems(
	recipients: BulkRecipient[],
	results: Map<string, IDataObject>,
): INodeExecutionData[] {
	const seen = new Set<string>();
	return recipients.map(({ recipient, itemIndex }) => {
		const repeated = seen.has(recipient);
		seen.add(recipient);
		const json: IDataObject = repeated
			? {
					recipient,
					status: 'skipped',
					skipped: true,
					reason: 'listed more than once: the number gets one SMS',
				}
			: (results.get(recipient) as IDataObject);
		return { json, pairedItem: { item: itemIndex } };
	});
}

/**
 * Bulk SMS: Hoiio takes up to 1,000 comma-joined numbers per request, so a longer list is sent in
 * chunks. Hoiio answers a chunk with one `bulk_txn_ref` and no per-number reference (those come
 * only in delivery reports), so each recipient's item carries its chunk's `bulk_txn_ref`.
 * One output item per recipient, paired with the input item it came from.
 */
async function sendBulkSms(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<INodeExecutionData[]> {
	const recipients = await bulkRecipients(context, input);
	const tracking = input.send;
	const { toSend, held } = await selectRecipients(tracking, firstOfEach(recipients), input.values);
	const common = bulkParameters(input);
	const sent = await sendInChunks(context, tracking, toSend, BULK_CHUNK_SIZE, {
		async sendChunk(numbers, position) {
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
			const reference = String(unwrapHoiio(body).bulk_txn_ref);
			const items = numbers.map((recipient) => ({
				...(tracking ? tracking.sentFields(recipient) : { recipient, status: 'sent' }),
				bulk_txn_ref: reference,
				...position,
			}));
			return { reference, items };
		},
		failedItems: (numbers, failure, position) =>
			numbers.map((recipient) => ({ recipient, ...failureFields(failure), ...position })),
		alreadyDone: (done, chunks, references) =>
			`Requests 1 to ${done} of ${chunks} (${done * BULK_CHUNK_SIZE} recipients) were already sent (bulk_txn_ref ${references.join(', ')})`,
	});
	const results = new Map<string, IDataObject>();
	for (const item of [...held, ...sent]) results.set(String(item.recipient), item);
	return recipientItems(recipients, results);
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
		onTimeout: 'fail',
		send: { recipientField: 'to', ...campaignSend },
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
		onTimeout: 'retry',
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
		onTimeout: 'retry',
		list: true,
		// History pages are numbered: a run can start where the last one ended.
		resumable: true,
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
		onTimeout: 'retry',
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
		onTimeout: 'retry',
		fields: [hoiioNumber('Your Hoiio number that receives the SMS', 'incoming')],
	},
];
