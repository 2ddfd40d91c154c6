import type { IDataObject } from 'n8n-workflow';

import { SMS_MAX_CHARACTERS, base64Length } from '../shared/limits';
import type { FieldSpec, OperationInput } from '../shared/operations';
import { locatorField } from '../shared/operations';
import { unwrapHologram } from './api';

/** Fields that several Hologram resources share. */

/** IDs picked from a dropdown arrive as text; the API takes them as numbers. */
function numericId(value: unknown): unknown {
	return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

/** A numeric Hologram ID: picked from a list, or typed By ID as the Hologram Dashboard shows it. */
function numericIdLocator(
	displayName: string,
	name: string,
	searchMethod: string,
	what: string,
	example: string,
): FieldSpec {
	const typed = { regex: '^\\d+$', errorMessage: `A ${what} ID is a number`, placeholder: example };
	return {
		...locatorField(name, displayName, searchMethod, typed, `Select a ${what}...`),
		// Whatever the mode, an expression included: the ID is a number, sent as one.
		validate: (value) =>
			/^\d+$/.test(String(value)) ? undefined : `must be a number, got ${JSON.stringify(value)}`,
		toWire: numericId,
	};
}

/**
 * The device of an operation (the Dashboard's page addresses are not documented, so no By URL). A
 * workflow saved when this was a number field keeps working: n8n hands the old number over as the ID.
 */
export const deviceLocator: FieldSpec = {
	...numericIdLocator('Device', 'deviceId', 'searchDevices', 'device', '3004'),
	wireName: 'deviceid',
	description: 'The device, as listed in the Hologram Dashboard',
};

/** The cellular link (the SIM of a device). */
export const linkLocator: FieldSpec = {
	...numericIdLocator('Cellular Link', 'linkId', 'searchLinks', 'cellular link', '4001'),
	description: 'The SIM of a device, listed by device name and SIM number (ICCID)',
};

/** A Spacebridge tunnel key of the user. */
export const tunnelKeyLocator: FieldSpec = {
	...numericIdLocator('Tunnel Key', 'keyId', 'searchTunnelKeys', 'tunnel key', '61'),
	description: 'The Spacebridge tunnel key, listed by the start of its public key',
};

/** A device tag an operation acts on. */
export const tagLocator: FieldSpec = {
	...numericIdLocator('Device Tag', 'tagId', 'searchTags', 'device tag', '21'),
	description: 'The device tag, listed by name',
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
	description: 'Only devices with this tag',
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

/**
 * The output of a send: Hologram answers little (`{success: true}`, or the message IDs), so each item
 * also says what went out, by parameter name, in the form it was sent (device IDs as numbers, the
 * sender in E.164). Fields that only steer the send (Message Format) and secrets (a webhook GUID) are
 * left out.
 */
export function sentOutput(fields: FieldSpec[]) {
	return (body: unknown, input: OperationInput): IDataObject | IDataObject[] => {
		const sent: IDataObject = {};
		for (const field of fields) {
			const value = input.values[field.name];
			if (value === undefined || field.in === 'none' || field.typeOptions?.password) continue;
			sent[field.name] = (field.toWire ? field.toWire(value) : value) as IDataObject[string];
		}
		const answer = unwrapHologram(body);
		return Array.isArray(answer)
			? answer.map((record) => ({ ...record, ...sent }))
			: { ...answer, ...sent };
	};
}
