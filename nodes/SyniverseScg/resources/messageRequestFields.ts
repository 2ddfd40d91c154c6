import { SMS_MAX_CHARACTERS } from '../../shared/limits';
import type { FieldSpec } from '../../shared/operations';
import { sort, wireField } from '../fields';

/** The fields of Message Request → Create (who sends, to whom, what, the request's options) and Get Many. */

/**
 * SCG documents no limit on the `to` list (docs/wire-formats/syniverseScg.md#message-requests, and none of
 * its SDKs sets one), so a long list is split at a size of our choosing: 1,000 entries, the largest batch any
 * provider here documents (Hoiio's bulk SMS). It keeps a request's body small (about 20 KB of numbers), and a
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

/** Syniverse's own campaign, named after Syniverse: the node's Campaign options are another thing. */
export const syniverseCampaignId = (description: string): FieldSpec =>
	wireField('Syniverse Campaign ID', 'campaign_id', 'string', description, {
		placeholder: 'SPRING26',
	});

/** Options SCG takes in a fixed order of preference: several choices, sent as a list in the order picked. */
function priorityList(
	displayName: string,
	wireName: string,
	description: string,
	options: Array<{ name: string; value: string; description: string }>,
): FieldSpec {
	return wireField(displayName, wireName, 'multiOptions', description, { options, default: [] });
}

/**
 * Every other writable message request field of docs/wire-formats/syniverseScg.md#message-requests, with
 * SCG's own values.
 */
export const optionalFields: FieldSpec[] = [
	wireField('Subject', 'subject', 'string', 'Subject line of an MMS', {
		placeholder: 'Your order has shipped',
	}),
	wireField(
		'Scheduled Delivery Time',
		'scheduled_delivery_time',
		'dateTime',
		'Send later, at this time, instead of now',
	),
	wireField(
		'Scheduled Delivery Time Zone',
		'scheduled_delivery_time_zone',
		'options',
		'Which clock the Scheduled Delivery Time is on',
		{
			default: 'LOCAL',
			options: [
				{
					name: 'Recipient’s Local Time',
					value: 'LOCAL',
					description:
						'The same time of day in each recipient’s own time zone, which SCG takes from the ZIP code of their contact',
				},
				{ name: 'UTC', value: 'UTC', description: 'The time as given, in UTC' },
			],
		},
	),
	wireField('Expiry Time', 'expiry_time', 'dateTime', 'Give up delivering after this time'),
	wireField(
		'Pause Expiry Time',
		'pause_expiry_time',
		'dateTime',
		'When a paused request stops waiting to be resumed (at most 24 hours)',
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
	syniverseCampaignId(
		"Syniverse's own campaign ID, which SCG's reports group the messages under. Not the Campaign options of this node, which remember who a send reached.",
	),
	wireField(
		'Conversation ID',
		'conversation_id',
		'string',
		'Conversation the messages belong to, so replies are threaded with them',
		{ placeholder: 'order-1042' },
	),
	wireField('Program ID', 'program_id', 'string', 'Program to report the messages under', {
		placeholder: 'loyalty',
	}),
	wireField(
		'Application ID',
		'application_id',
		'string',
		'Application to report the messages under',
		{ placeholder: '1704' },
	),
	wireField(
		'External ID',
		'external_id',
		'string',
		'Your own ID for the request, for example an order number',
		{ placeholder: 'order-1042' },
	),
	wireField(
		'Consent Requirement',
		'consent_requirement',
		'options',
		'Whether SCG checks each recipient’s consent for this sender before delivering. Applies to short codes whose consent you manage in SCG’s contacts; a message that is held back is created as failed.',
		{
			default: 'OPT_IN',
			options: [
				{
					name: 'Only Recipients Who Opted In',
					value: 'OPT_IN',
					description: 'Deliver only to recipients who said yes to messages from this sender',
				},
				{
					name: 'Everyone Except Those Who Opted Out',
					value: 'OPT_OUT',
					description: 'Deliver unless the recipient asked to stop messages from this sender',
				},
				{
					name: 'No Consent Check',
					value: 'NONE',
					description: 'Deliver whatever the recipient’s consent status is',
				},
			],
		},
	),
	wireField(
		'Criteria',
		'criteria',
		'string',
		'Sends only to those contacts (of the contacts and groups in Recipients) that match this condition on contact fields, in SCG’s criteria syntax. Syniverse publishes no full reference: copy the condition of a dynamic group from the SCG console.',
		{ placeholder: 'primary_addr_state=CA' },
	),
	priorityList(
		'Contact Delivery Address Priority',
		'contact_delivery_address_priority',
		'For recipients given as contacts or groups: which of a contact’s addresses SCG tries, in the order you pick them (for example Push Notification, then Phone Number)',
		[
			{ name: 'Phone Number', value: 'MDN', description: 'The contact’s mobile number (SMS)' },
			{ name: 'Push Notification', value: 'PUSH', description: 'The app on the contact’s device' },
			{ name: 'WhatsApp', value: 'WHATSAPP', description: 'The contact’s WhatsApp address' },
		],
	),
	wireField(
		'Failover',
		'failover',
		'options',
		'What SCG does when a message cannot be delivered on its channel',
		{
			default: 'SMS',
			options: [
				{
					name: 'Fall Back to SMS',
					value: 'SMS',
					description:
						'Send an undelivered push, WhatsApp, RCS or MMS message again as SMS. Needs a channel with an SMS sender as Sender, and no attachments.',
				},
				{ name: 'No Fallback', value: 'NONE', description: 'An undelivered message stays failed' },
			],
		},
	),
	wireField('Price Threshold', 'price_threshold', 'number', 'Highest price accepted per message', {
		min: 0,
	}),
	priorityList(
		'Sender ID Sort Criteria',
		'sender_id_sort_criteria',
		'When sending through a channel (several sender IDs): how SCG picks the sender for each recipient, by the criteria in the order you pick them',
		[
			{
				name: 'Delivery Address',
				value: 'DELIVERY_ADDRESS',
				description: 'A sender that can reach the kind of address the recipient has',
			},
			{ name: 'Price', value: 'PRICE', description: 'The cheapest sender' },
		],
	),
	wireField(
		'Source Language',
		'src_language',
		'string',
		'Language of the message (English if left out)',
		{
			placeholder: 'en',
		},
	),
	wireField(
		'Destination Language',
		'dst_language',
		'string',
		'Language to translate the message into, as a language code',
		{ placeholder: 'es' },
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
	wireField('From', 'from', 'string', 'Only requests sent from this sender ID', {
		placeholder: 'aQWY9PeMCO01TEH9bk1ek5',
	}),
	wireField('External ID', 'external_id', 'string', 'Only the request with this external ID', {
		placeholder: 'order-1042',
	}),
	syniverseCampaignId('Only requests of this Syniverse campaign'),
	wireField('Conversation ID', 'conversation_id', 'string', 'Only requests of this conversation', {
		placeholder: 'order-1042',
	}),
	sort,
];
