import { SMS_MAX_CHARACTERS, base64Length } from '../shared/limits';
import type { FieldSpec } from '../shared/operations';

/** Fields that several Hologram resources share. */

/** IDs picked from a dropdown arrive as text; the API takes them as numbers. */
function numericId(value: unknown): unknown {
	return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

export const deviceId: FieldSpec = {
	displayName: 'Device ID',
	name: 'deviceId',
	type: 'number',
	default: 0,
	integer: true,
	required: true,
	wireName: 'deviceid',
	description: 'Numeric ID of the device, as shown in the Hologram Dashboard',
};

/**
 * The device of an operation that reads one: picked from the list, or given by its numeric ID as the
 * Hologram Dashboard shows it. (The Dashboard's page addresses are not documented, so no By URL.)
 */
export const deviceLocator: FieldSpec = {
	displayName: 'Device ID',
	name: 'deviceId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The device, as listed in the Hologram Dashboard',
	modes: {
		list: { searchMethod: 'searchDevices', placeholder: 'Select a device...' },
		id: { regex: '^\\d+$', errorMessage: 'A device ID is a number', placeholder: '3004' },
	},
	// Whatever the mode, an expression included: the ID is a number.
	validate: (value) =>
		/^\d+$/.test(String(value)) ? undefined : `must be a number, got ${JSON.stringify(value)}`,
};

export const linkId: FieldSpec = {
	displayName: 'Cellular Link ID',
	name: 'linkId',
	type: 'number',
	default: 0,
	integer: true,
	required: true,
	description: 'Numeric ID of the cellular link (the SIM attached to a device)',
};

export const organizationId: FieldSpec = {
	displayName: 'Organization Name or ID',
	name: 'organizationId',
	toWire: numericId,
	type: 'options',
	default: '',
	loadOptionsMethod: 'getOrganizations',
	wireName: 'orgid',
	description: 'Organization that owns the records',
};

export const tagId: FieldSpec = {
	displayName: 'Device Tag Name or ID',
	name: 'tagId',
	toWire: numericId,
	type: 'options',
	default: '',
	loadOptionsMethod: 'getDeviceTags',
	wireName: 'tagid',
	description: 'Device tag to work with',
};

export const planId: FieldSpec = {
	displayName: 'Data Plan Name or ID',
	name: 'planId',
	toWire: numericId,
	type: 'options',
	default: '',
	loadOptionsMethod: 'getDataPlans',
	required: true,
	description: 'Data plan for the SIMs',
};

export const zone: FieldSpec = {
	displayName: 'Zone',
	name: 'zone',
	type: 'string',
	required: true,
	default: 'global',
	description: 'Coverage zone of the plan, as the plan lists it (for example "global")',
};

export const deviceIds: FieldSpec = {
	displayName: 'Device IDs',
	name: 'deviceIds',
	type: 'numberList',
	default: '',
	integer: true,
	required: true,
	wireName: 'deviceids',
	placeholder: '1234, 5678',
	description: 'Comma-separated device IDs, or a list from an expression',
};

export const overageLimit: FieldSpec = {
	displayName: 'Overage Limit (Bytes)',
	name: 'overageLimit',
	type: 'number',
	integer: true,
	min: -1,
	wireName: 'overage_limit',
	description: 'Data the SIM may use beyond its plan, in bytes; -1 for no limit',
};

export const dataThreshold: FieldSpec = {
	displayName: 'Data Threshold (Bytes)',
	name: 'dataThreshold',
	type: 'number',
	default: 0,
	integer: true,
	min: 0,
	wireName: 'threshold',
	description: 'Data usage at which Hologram sends a usage alert, in bytes',
};

export const smsLimit: FieldSpec = {
	displayName: 'SMS Limit',
	name: 'smsLimit',
	type: 'number',
	default: 0,
	integer: true,
	min: 0,
	wireName: 'smslimit',
	description: 'Maximum number of SMS the SIM may send per billing period',
};

export const amount: FieldSpec = {
	displayName: 'Amount',
	name: 'amount',
	type: 'number',
	default: 0,
	required: true,
	min: 0.01,
	wireName: 'addamount',
	description:
		'Amount to add to the balance, in the account currency; it is charged to the card on file',
};

/** How long a message to a device may be, and the sentence that tells users so. */
export interface MessageLimit {
	/** Longest text, in `unit`; a base64 payload may hold as many bytes of data. */
	maxLength: number;
	unit: 'characters' | 'bytes';
	/** Shown in the field descriptions. */
	note: string;
}

/**
 * Cloud messages (TCP/UDP, and the webhook send) carry "max length of 10k bytes" (seed SDK docs for
 * `data` and `base64_data`). 10k is read as 10,240 bytes: of the two readings it never refuses a
 * message Hologram would take; the few bytes more it lets through, Hologram refuses itself.
 */
export const CLOUD_MESSAGE_LIMIT: MessageLimit = {
	maxLength: 10_240,
	unit: 'bytes',
	note: 'at most 10 KB (10,240 bytes), as Hologram documents',
};

/**
 * Hologram documents no limit for an SMS to a device, so the usual limit of a long (concatenated)
 * SMS applies (see SMS_MAX_CHARACTERS).
 */
export const SMS_LIMIT: MessageLimit = {
	maxLength: SMS_MAX_CHARACTERS,
	unit: 'characters',
	note: `at most ${SMS_MAX_CHARACTERS.toLocaleString('en-US')} characters, about ten SMS parts`,
};

/**
 * Messages to devices go either as text or as base64 (for binary payloads); the API takes one of
 * two fields, so the choice decides which field is sent.
 */
export function messageFields(
	textWireName: string,
	base64WireName: string,
	limit: MessageLimit,
): FieldSpec[] {
	return [
		{
			displayName: 'Message Format',
			name: 'encoding',
			type: 'options',
			required: true,
			default: 'text',
			in: 'none',
			options: [
				{ name: 'Text', value: 'text' },
				{ name: 'Base64', value: 'base64', description: 'Binary data encoded as base64' },
			],
		},
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			default: '',
			required: true,
			wireName: textWireName,
			typeOptions: { rows: 2 },
			showWhen: { encoding: ['text'] },
			maxLength: limit.maxLength,
			lengthUnit: limit.unit,
			description: `Text to deliver, ${limit.note}`,
		},
		{
			displayName: 'Message (Base64)',
			name: 'base64Message',
			type: 'string',
			default: '',
			required: true,
			wireName: base64WireName,
			showWhen: { encoding: ['base64'] },
			// The limit counts the data, not its base64 text, which is a third longer.
			maxLength: base64Length(limit.maxLength),
			description: `Binary payload encoded as base64; the data ${limit.note.replace('characters', 'bytes')}`,
			validate: (value) =>
				/^[A-Za-z0-9+/]*={0,2}$/.test(String(value)) && String(value).length % 4 === 0
					? undefined
					: 'is not valid base64',
		},
	];
}

/** n8n date-times become the unix seconds Hologram filters on. */
export function unixSeconds(value: unknown): number {
	return Math.floor(new Date(String(value)).getTime() / 1000);
}
