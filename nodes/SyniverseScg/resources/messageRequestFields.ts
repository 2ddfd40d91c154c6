import { SMS_MAX_CHARACTERS } from '../../shared/limits';
import type { FieldSpec } from '../../shared/operations';
import { sort, wireField } from '../fields';

/** The fields of Message Request → Create (who sends, to whom, what, the request's options) and Get Many. */

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

export const recipients: FieldSpec = {
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
export const optionalFields: FieldSpec[] = [
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

export const createFields: FieldSpec[] = [
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

/** Get Many: the filters SCG takes on its list of message requests. */
export const listFilters: FieldSpec[] = [
	wireField('State', 'state', 'string', 'Only requests in this state, for example COMPLETED', {
		placeholder: 'COMPLETED',
	}),
	wireField('From', 'from', 'string', 'Only requests sent from this sender ID'),
	wireField('External ID', 'external_id', 'string', 'Only the request with this external ID'),
	wireField('Campaign ID', 'campaign_id', 'string', 'Only requests of this campaign'),
	wireField('Conversation ID', 'conversation_id', 'string', 'Only requests of this conversation'),
	sort,
];
