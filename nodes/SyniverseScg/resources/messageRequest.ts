import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { SMS_MAX_CHARACTERS } from '../../shared/limits';
import type { FieldSpec, OperationInput, OperationSpec } from '../../shared/operations';
import { invalidInput, wireValues } from '../../shared/operations';
import type { RequestSettings } from '../../shared/request';
import { providerRequest } from '../../shared/request';
import { scgProfile } from '../api';
import { isEmptyWireValue, messageRequestId, sort, wireField } from '../fields';
import { checkRecipients, recipientEntries } from '../recipients';
import { uploadAttachment } from './attachment';

const PATH = 'messaging/message_requests';

/**
 * SCG documents no limit on the `to` list (wire notes §5.2, and none of its SDKs sets one), so a long
 * list is split at a size of our choosing: 1,000 entries, the largest batch any provider here
 * documents (Hoiio's bulk SMS). It keeps a request's body small (about 20 KB of numbers), and a
 * refused or timed-out request holds back at most 1,000 recipients instead of a whole campaign.
 */
export const RECIPIENTS_PER_REQUEST = 1000;

const sender: FieldSpec = {
	displayName: 'Sender Name or ID',
	name: 'sender',
	type: 'options',
	default: '',
	required: true,
	wireName: 'from',
	loadOptionsMethod: 'getSenders',
	description:
		'Active sender ID (number or short code) or channel to send from. An expression may also give a sender ID, a channel as channel: and its ID (like channel:9aB3xYz), or a sender alias as alias: and its name (like alias:Support).',
};

const recipients: FieldSpec = {
	displayName: 'Recipients',
	name: 'recipients',
	type: 'stringList',
	default: '',
	required: true,
	wireName: 'to',
	placeholder: '+14085551212, contact:aQWY9PeMCO01TEH9bk1ek5, group:9NeqCbNXBYvRO73jC2rbc5',
	description:
		'Phone numbers in international format (like +14085551212), contacts as contact: and the contact ID (like contact:9aB3xYz) or groups as group: and the group ID, separated by commas; or a list from the input item through an expression. A long list is sent as several message requests (see Recipients per Request).',
	in: 'none',
};

const messageType: FieldSpec = {
	displayName: 'Message Type',
	name: 'messageType',
	type: 'options',
	default: 'SMS',
	required: true,
	options: [
		{ name: 'SMS', value: 'SMS', description: 'Text only' },
		{ name: 'MMS', value: 'MMS', description: 'Text with pictures, audio or video attachments' },
	],
	in: 'none',
};

const smsBody: FieldSpec = {
	displayName: 'Message',
	name: 'message',
	type: 'string',
	default: '',
	required: true,
	wireName: 'body',
	typeOptions: { rows: 3 },
	showWhen: { messageType: ['SMS'] },
	// SCG documents no limit: the usual limit of a long (concatenated) SMS applies.
	maxLength: SMS_MAX_CHARACTERS,
	description:
		'Text of the SMS, at most 1,600 characters; long texts are sent in several parts, about ten at most',
};

const mmsBody: FieldSpec = {
	...smsBody,
	required: false,
	showWhen: { messageType: ['MMS'] },
	description: 'Text sent with the attachments (optional), at most 1,600 characters',
};

const attachmentSource: FieldSpec = {
	displayName: 'Attachments From',
	name: 'attachmentSource',
	type: 'options',
	default: 'binary',
	required: true,
	showWhen: { messageType: ['MMS'] },
	options: [
		{
			name: 'Binary Fields of the Input Item',
			value: 'binary',
			description: 'Upload files of the input item, then send them',
		},
		{
			name: 'Attachment IDs',
			value: 'ids',
			description: 'Send attachments uploaded earlier',
		},
	],
	in: 'none',
};

const binaryProperties: FieldSpec = {
	displayName: 'Input Binary Fields',
	name: 'binaryProperties',
	type: 'string',
	default: 'data',
	required: true,
	showWhen: { messageType: ['MMS'], attachmentSource: ['binary'] },
	description: 'Names of the binary fields with the files to attach, separated by commas',
	in: 'none',
};

const attachmentIds: FieldSpec = {
	displayName: 'Attachment IDs',
	name: 'attachmentIds',
	type: 'stringList',
	default: '',
	required: true,
	wireName: 'attachments',
	showWhen: { messageType: ['MMS'], attachmentSource: ['ids'] },
	description: 'IDs of uploaded attachments, separated by commas, or a list from an expression',
};

/** Every other writable message request field of wire notes §5.2. */
const optionalFields: FieldSpec[] = [
	wireField('Subject', 'subject', 'string', 'Subject line (MMS)'),
	wireField(
		'Scheduled Delivery Time',
		'scheduled_delivery_time',
		'dateTime',
		'Send later, at this time, instead of now',
	),
	wireField(
		'Scheduled Delivery Time Zone',
		'scheduled_delivery_time_zone',
		'string',
		'LOCAL to deliver at the scheduled time in each recipient’s time zone',
		{ placeholder: 'LOCAL' },
	),
	wireField('Expiry Time', 'expiry_time', 'dateTime', 'Give up delivering after this time'),
	wireField(
		'Pause Expiry Time',
		'pause_expiry_time',
		'dateTime',
		'When a paused request stops waiting to be resumed',
	),
	wireField(
		'Pause Before Transmit',
		'pause_before_transmit',
		'boolean',
		'Whether to hold the request until it is resumed, to review it first',
	),
	wireField(
		'Test Message',
		'test_message_flag',
		'boolean',
		'Whether this is a test message that is not delivered to handsets',
	),
	wireField('Campaign ID', 'campaign_id', 'string', 'Campaign to report the messages under'),
	wireField('Conversation ID', 'conversation_id', 'string', 'Conversation the messages belong to'),
	wireField('Program ID', 'program_id', 'string', 'Program to report the messages under'),
	wireField(
		'Application ID',
		'application_id',
		'string',
		'Application to report the messages under',
	),
	wireField(
		'External ID',
		'external_id',
		'string',
		'Your own ID for the request, for example an order number',
	),
	wireField(
		'Consent Requirement',
		'consent_requirement',
		'string',
		'Consent recipients must have given, for example NONE or EXPRESS',
		{ placeholder: 'NONE' },
	),
	wireField('Criteria', 'criteria', 'string', 'Contact criteria that narrow down the recipients'),
	wireField(
		'Contact Delivery Address Priority',
		'contact_delivery_address_priority',
		'json',
		'Order in which a contact’s addresses are tried, as a JSON list',
	),
	wireField('Failover', 'failover', 'json', 'Failover rules to other channels, as JSON', {
		default: '{}',
	}),
	wireField('Price Threshold', 'price_threshold', 'number', 'Highest price accepted per message', {
		min: 0,
	}),
	wireField(
		'Sender ID Sort Criteria',
		'sender_id_sort_criteria',
		'json',
		'How a sender is chosen when sending through a channel, as a JSON list',
	),
	wireField('Source Language', 'src_language', 'string', 'Language of the message, for example en'),
	wireField(
		'Destination Language',
		'dst_language',
		'string',
		'Language to translate the message into',
	),
	wireField('Translate', 'translate', 'boolean', 'Whether to translate the message'),
	{
		displayName: 'Invalid Phone Numbers',
		name: 'invalidNumbers',
		type: 'options',
		default: 'fail',
		options: [
			{ name: 'Stop With an Error', value: 'fail' },
			{
				name: 'Skip and Report',
				value: 'skip',
				description: 'Send to the valid recipients and list the skipped ones in the output',
			},
		],
		description: 'What to do with a recipient that is not a valid phone number',
		in: 'none',
	},
	{
		displayName: 'Recipients per Request',
		name: 'recipientsPerRequest',
		type: 'number',
		default: RECIPIENTS_PER_REQUEST,
		integer: true,
		min: 1,
		description:
			'A longer recipient list is sent as several message requests of at most this many entries (a group counts as one). SCG documents no limit; 1,000 keeps each request small and limits what one failed request holds back.',
		in: 'none',
	},
	{
		displayName: 'Default Country Code',
		name: 'defaultCountryCode',
		type: 'string',
		default: '',
		placeholder: '1',
		description: 'Country calling code added to numbers written without one, for example 1 or 44',
		validate: (value) =>
			/^\+?\d{1,4}$/.test(String(value)) ? undefined : 'must be 1 to 4 digits, like 1 or 44',
		in: 'none',
	},
];

const createFields: FieldSpec[] = [
	sender,
	recipients,
	messageType,
	smsBody,
	mmsBody,
	attachmentSource,
	binaryProperties,
	attachmentIds,
	...optionalFields,
];

/** The attachment IDs of an MMS: given, or uploaded from the item's binary fields. */
async function attachmentsOf(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<string[]> {
	const { values, itemIndex } = input;
	if (values.attachmentSource === 'ids') return values.attachmentIds as string[];
	const names = String(values.binaryProperties)
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	const uploaded: string[] = [];
	for (const name of names) {
		const attachment = await uploadAttachment(context, itemIndex, name, {}, settings);
		uploaded.push(String(attachment.id));
	}
	return uploaded;
}

/**
 * Create: one message request per chunk of recipients. SCG answers a create with the request's ID
 * only; the messages per recipient (and a group's members) exist once SCG has processed it, and
 * Get Messages lists them. So the output is one item per message request, with the entries of `to`
 * it carried and their count, plus an item for every recipient skipped as already sent.
 */
async function createMessageRequests(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<IDataObject[]> {
	const { values, itemIndex } = input;
	const entries = recipientEntries(values.recipients);
	if (entries.length === 0)
		throw invalidInput(context, itemIndex, recipients.displayName, 'is required but empty');
	const { to, invalid } = checkRecipients(entries, values.defaultCountryCode as string);
	const skipInvalid = values.invalidNumbers === 'skip';
	if (invalid.length > 0 && !skipInvalid) {
		throw invalidInput(
			context,
			itemIndex,
			recipients.displayName,
			`has an invalid phone number: ${invalid.map((entry) => entry.reason).join('; ')}`,
		);
	}
	const report: IDataObject = skipInvalid
		? { skippedRecipients: invalid as unknown as IDataObject[] }
		: {};
	// Nothing left to send to: report it instead of failing the whole run.
	if (to.length === 0) return [{ sent: false, to: [], ...report }];

	const tracking = input.send;
	const campaignKey = tracking?.campaignKey;
	const { toSend, skipped } = tracking
		? await tracking.select(to)
		: { toSend: to, skipped: [] as IDataObject[] };
	if (toSend.length === 0)
		return invalid.length > 0 ? [{ sent: false, to: [], ...report }, ...skipped] : skipped;

	const common: IDataObject = { from: values.sender as string };
	if (values.message !== undefined) common.body = values.message as string;
	if (values.messageType === 'MMS')
		common.attachments = await attachmentsOf(context, input, settings);
	// SCG never receives false, 0 or empty values (wire notes §8).
	const optional = wireValues(optionalFields, values, (wireValue) => !isEmptyWireValue(wireValue));

	const size = (values.recipientsPerRequest as number | undefined) ?? RECIPIENTS_PER_REQUEST;
	const chunks = Math.ceil(toSend.length / size);
	const results: IDataObject[] = [];
	const created: string[] = [];
	for (let chunk = 0; chunk < chunks; chunk++) {
		const chunkTo = toSend.slice(chunk * size, (chunk + 1) * size);
		const body: IDataObject = { from: common.from, to: chunkTo, ...common, ...optional };
		const position = { recipientCount: chunkTo.length, chunk: chunk + 1, chunks };
		// Invalid numbers are reported once, with the first request.
		const extra = chunk === 0 ? report : {};
		try {
			const response = await providerRequest<IDataObject>(
				context,
				scgProfile,
				{ method: 'POST', path: PATH, body, itemIndex },
				settings,
			);
			created.push(String(response.body.id));
			results.push({
				...response.body,
				...body,
				...position,
				...(campaignKey ? { campaignKey } : {}),
				...extra,
			});
		} catch (error) {
			tracking?.failed(chunkTo);
			const failure =
				error instanceof NodeApiError
					? error
					: new NodeApiError(context.getNode(), error as JsonObject);
			if (context.continueOnFail()) {
				results.push({
					status: 'failed',
					error: failure.message,
					...(failure.description ? { errorDescription: failure.description } : {}),
					to: chunkTo,
					...position,
					...extra,
				});
				continue;
			}
			if (created.length > 0) {
				const remembered = campaignKey
					? `. Their recipients are recorded in campaign "${campaignKey}": run it again to send only to the others.`
					: '; do not send them again.';
				failure.description = `${failure.description ?? ''} Message requests 1 to ${chunk} of ${chunks} were already created (${created.join(', ')})${remembered}`;
			}
			throw failure;
		}
		await tracking?.succeeded(chunkTo);
	}
	return [...results, ...skipped];
}

export const messageRequestOperations: OperationSpec[] = [
	{
		resource: 'messageRequest',
		operation: 'create',
		name: 'Create',
		action: 'Send an SMS or MMS',
		description:
			'Send a message to phone numbers, contacts or groups, now or at a scheduled time; one result per message request, a long list going out as several',
		method: 'POST',
		path: PATH,
		fields: createFields,
		send: {},
		execute: createMessageRequests,
	},
	{
		resource: 'messageRequest',
		operation: 'get',
		name: 'Get',
		action: 'Get a message request',
		description: 'Retrieve a message request with its state and delivered, failed and other counts',
		method: 'GET',
		path: `${PATH}/{messageRequestId}`,
		fields: [messageRequestId],
	},
	{
		resource: 'messageRequest',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many message requests',
		description: 'List message requests, optionally filtered',
		method: 'GET',
		path: PATH,
		list: true,
		fields: [
			wireField('State', 'state', 'string', 'Only requests in this state, for example COMPLETED', {
				placeholder: 'COMPLETED',
			}),
			wireField('From', 'from', 'string', 'Only requests sent from this sender ID'),
			wireField('External ID', 'external_id', 'string', 'Only the request with this external ID'),
			wireField('Campaign ID', 'campaign_id', 'string', 'Only requests of this campaign'),
			wireField(
				'Conversation ID',
				'conversation_id',
				'string',
				'Only requests of this conversation',
			),
			sort,
		],
	},
	{
		resource: 'messageRequest',
		operation: 'getMessages',
		name: 'Get Messages',
		action: 'Get the messages of a message request',
		description:
			'List the single messages a request produced, one per recipient, with their delivery state',
		method: 'GET',
		path: `${PATH}/{messageRequestId}/messages`,
		list: true,
		fields: [
			messageRequestId,
			wireField('State', 'state', 'string', 'Only messages in this state, for example FAILED', {
				placeholder: 'FAILED',
			}),
		],
	},
	{
		resource: 'messageRequest',
		operation: 'cancel',
		name: 'Cancel',
		action: 'Cancel a message request',
		description:
			'Stop a scheduled, paused or still sending request; messages already sent stay sent',
		method: 'POST',
		path: `${PATH}/{messageRequestId}`,
		constantBody: { state: 'CANCELED' },
		idempotent: true,
		fields: [messageRequestId],
		output: (_body, input) => ({
			id: input.values.messageRequestId as string,
			state: 'CANCELED',
		}),
	},
];
