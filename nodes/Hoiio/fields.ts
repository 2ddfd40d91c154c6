import type { FieldSpec } from '../shared/operations';
import { hoiioDateFromIso } from './api';
import { triggerUrlProblem } from './notify';

/** Parameters that hold phone numbers: checked and normalised to E.164 before they are sent. */
export const PHONE_FIELDS = new Set([
	'to',
	'firstNumber',
	'secondNumber',
	'participants',
	'recipients',
	'hoiioNumber',
	'transferNumber',
	'callerId',
]);

export function phoneField(
	name: string,
	displayName: string,
	wireName: string,
	description: string,
	required = true,
): FieldSpec {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required,
		wireName,
		placeholder: '+6591234567',
		description,
	};
}

export const NATIONAL_NUMBERS =
	'A number written without country code (91234567) gets the Default Country Code of the Hoiio credential; write +6591234567 to choose the country yourself.';

/** Hoiio's To: a number without country code gets the credential's Default Country Code. */
export const to = (description: string): FieldSpec =>
	phoneField('to', 'To', 'dest', `${description}. ${NATIONAL_NUMBERS}`);

/**
 * Hoiio splits a long text into at most 3 SMS: 459 plain (GSM) characters, or 201 when the text needs
 * unicode (Hoiio's SMS API docs, "Message Characters Limit"). Longer texts are refused here; a unicode
 * text between the two is left to Hoiio, which answers error_msg_too_big.
 */
export const MAX_SMS_CHARACTERS = 459;

export const message: FieldSpec = {
	displayName: 'Message',
	name: 'message',
	type: 'string',
	default: '',
	required: true,
	wireName: 'msg',
	typeOptions: { rows: 3 },
	maxLength: MAX_SMS_CHARACTERS,
	description:
		'Text of the SMS, at most 459 characters (201 with emoji or non-Latin letters): Hoiio sends up to 3 SMS and charges per part',
};

/** Hoiio keeps at most 256 characters of a tag. */
export const MAX_TAG_LENGTH = 256;

export const tag: FieldSpec = {
	displayName: 'Tag',
	name: 'tag',
	type: 'string',
	default: '',
	wireName: 'tag',
	description:
		'Your own reference for this transaction (up to 256 characters), returned in reports. Left empty in a campaign, it holds the Campaign Key.',
	validate: (value) =>
		String(value).length > MAX_TAG_LENGTH ? 'must be at most 256 characters long' : undefined,
};

export const callerId: FieldSpec = {
	displayName: 'Caller ID',
	name: 'callerId',
	type: 'string',
	default: '',
	wireName: 'caller_id',
	placeholder: 'private',
	description:
		'Number shown to the person called: one of your verified numbers, a Hoiio number, or "private" to hide it',
};

export const maxDuration: FieldSpec = {
	displayName: 'Max Duration (Seconds)',
	name: 'maxDuration',
	type: 'number',
	default: 0,
	integer: true,
	min: 1,
	wireName: 'max_duration',
	description: 'The call is cut off after this many seconds',
};

export const notifyUrl: FieldSpec = {
	displayName: 'Notify URL',
	name: 'notifyUrl',
	type: 'string',
	default: '',
	wireName: 'notify_url',
	placeholder: 'https://example.com/hoiio-reports',
	description: 'Hoiio posts status reports for this transaction to this address',
	validate: (value) =>
		/^https?:\/\/\S+$/i.test(String(value)) ? undefined : 'must be an http(s) URL',
};

/**
 * Fills the notify URL with a Hoiio Trigger's Production URL, signed with the credential (see
 * notify.ts), so the trigger knows the reports come from a send of ours. The name stays from when the
 * field took the trigger's name: a workflow saved with one fails with a clear error instead of
 * losing its reports.
 */
export const notifyTrigger: FieldSpec = {
	displayName: 'Report to Hoiio Trigger',
	name: 'notifyTrigger',
	type: 'string',
	default: '',
	placeholder: 'https://n8n.example.com/webhook/…/webhook',
	description:
		'Production URL of the Hoiio Trigger that receives the status reports: open the trigger and copy it from Webhook URLs → Production URL. The trigger must use the same Hoiio credential and its workflow must be active. Use Notify URL instead for any other address.',
	validate: triggerUrlProblem,
	// Signed into the notify URL before the request is built; never sent itself.
	in: 'none',
};

/** Every chargeable operation: a tag and where to report its outcome. */
export const reportFields: FieldSpec[] = [tag, notifyUrl, notifyTrigger];

export const session: FieldSpec = {
	displayName: 'Session',
	name: 'session',
	type: 'string',
	default: '={{ $json.session }}',
	required: true,
	wireName: 'session',
	description:
		'The IVR call to act on: by default the session of the previous step (IVR → Dial, or a Hoiio Trigger answer or IVR event)',
};

export const ivrMessage: FieldSpec = {
	displayName: 'Message',
	name: 'message',
	type: 'string',
	default: '',
	wireName: 'msg',
	typeOptions: { rows: 2 },
	description:
		'Text read out to the caller. Hoiio markup can choose the voice (a speech tag with language and gender) or play a recording (an MP3 address inside a URL tag).',
};

export const txnRef: FieldSpec = {
	displayName: 'Transaction Reference',
	name: 'txnRef',
	type: 'string',
	default: '={{ $json.txn_ref }}',
	required: true,
	wireName: 'txn_ref',
	description: 'The txn_ref Hoiio returned when the transaction was made (for example AA-S-141147)',
};

/** History date filters: n8n date-times sent as Hoiio's GMT+8 local time. */
export const historyFilters: FieldSpec[] = [
	{
		displayName: 'From',
		name: 'fromDate',
		type: 'dateTime',
		default: '',
		wireName: 'from',
		description: 'Only records from this time on',
		toWire: hoiioDateFromIso,
	},
	{
		displayName: 'To',
		name: 'toDate',
		type: 'dateTime',
		default: '',
		wireName: 'to',
		description: 'Only records up to this time',
		toWire: hoiioDateFromIso,
	},
];

export const country: FieldSpec = {
	displayName: 'Country Name or ID',
	name: 'country',
	type: 'options',
	default: '',
	required: true,
	loadOptionsMethod: 'getCountries',
	wireName: 'country',
	description: 'Country of the number (two-letter ISO code such as SG or US)',
};

/** One of the account's numbers, picked From List (`searchNumbers`) or typed By Number. */
export const hoiioNumberLocator = (description: string): FieldSpec => ({
	displayName: 'Hoiio Number',
	name: 'hoiioNumber',
	type: 'resourceLocator',
	// Nothing is chosen until the user picks or types one: n8n marks the empty field as required.
	default: { mode: 'list', value: '' },
	required: true,
	description,
	modes: {
		list: { searchMethod: 'searchNumbers', placeholder: 'Select one of your numbers...' },
		id: {
			displayName: 'By Number',
			regex: '^\\+?[0-9][0-9 ()-]*$',
			errorMessage: 'A Hoiio number is a phone number, like +6531571234',
			placeholder: '+6531571234',
		},
	},
});

/**
 * A number the operation works on. A workflow saved when this was a dropdown keeps working: n8n hands
 * the plain number over as the ID. Checked and written in E.164 like every phone field.
 */
export const hoiioNumber = (description: string, wireName = 'number'): FieldSpec => ({
	...hoiioNumberLocator(description),
	wireName,
});
