import type { FieldSpec, FieldType } from '../shared/operations';
import { keepFields, locatorField, wireValues } from '../shared/operations';
import { isObject } from '../shared/provider';

/** Fields several SCG resources share, and the builders of their many plain fields. */

/** SCG dates are epoch milliseconds (docs/wire-formats/syniverseScg.md#conventions). */
export function epochMillis(value: unknown): number {
	return new Date(String(value)).getTime();
}

/** Wire name `first_name` → parameter `firstName`. */
function camelCase(wireName: string): string {
	return wireName.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** A plain optional field whose parameter name is the camelCase of its wire name. */
export function wireField(
	displayName: string,
	wireName: string,
	type: FieldType,
	description: string,
	extra: Partial<FieldSpec> = {},
): FieldSpec {
	const field: FieldSpec = {
		displayName,
		name: camelCase(wireName),
		wireName,
		type,
		description,
		...extra,
	};
	if (type === 'dateTime' && !field.toWire) field.toWire = epochMillis;
	if (type === 'json' && field.default === undefined) field.default = '[]';
	// SCG leaves empty values out (docs/wire-formats/syniverseScg.md#empty-values): an empty list or a `false`
	// is not sent.
	const listLike = type === 'json' || type === 'stringList' || type === 'multiOptions';
	if (!field.toWire && (listLike || type === 'boolean'))
		field.toWire = (value) => (isEmptyWireValue(value) ? undefined : value);
	return field;
}

/** An ID that goes into the path. */
export function idField(displayName: string, name: string, description: string): FieldSpec {
	return { displayName, name, type: 'string', default: '', required: true, description };
}

/** SCG IDs are short base62 texts (`aQWY9PeMCO01TEH9bk1ek5`); nothing else may go into a path. */
const SCG_ID = '^[A-Za-z0-9_-]+$';

/**
 * An ID an operation needs, picked From List (`searchMethod` in `scgListSearch`) or typed By ID. It
 * starts empty, so nothing reaches the wire until one is chosen. A workflow saved when this was a text
 * field or a dropdown keeps working: n8n hands its plain value over as the ID.
 */
function scgIdLocator(
	displayName: string,
	name: string,
	searchMethod: string,
	description: string,
): FieldSpec {
	const typed = {
		regex: SCG_ID,
		errorMessage: 'An SCG ID is letters and digits, like aQWY9PeMCO01TEH9bk1ek5',
		placeholder: 'aQWY9PeMCO01TEH9bk1ek5',
	};
	const listPlaceholder = `Select a ${displayName.toLowerCase()}...`;
	return { ...locatorField(name, displayName, searchMethod, typed, listPlaceholder), description };
}

export const contactId = scgIdLocator(
	'Contact',
	'contactId',
	'searchContacts',
	'The contact, listed by name and phone number',
);
export const contactGroupId = scgIdLocator(
	'Contact Group',
	'contactGroupId',
	'searchContactGroups',
	'The contact group, listed by name with its number of members',
);
export const senderIdId = scgIdLocator(
	'Sender ID',
	'senderId',
	'searchSenderIds',
	'The sender ID record (a number or short code to send from), listed by name and address',
);
export const messageRequestId = idField(
	'Message Request ID',
	'messageRequestId',
	'ID returned when the message request was created',
);
export const messageId = idField('Message ID', 'messageId', 'ID of a single message');
export const attachmentId = scgIdLocator(
	'Attachment',
	'attachmentId',
	'searchAttachments',
	'The attachment, listed by name and file name',
);

export const versionNumber: FieldSpec = {
	displayName: 'Version Number',
	name: 'versionNumber',
	type: 'number',
	default: 0,
	integer: true,
	min: 0,
	wireName: 'version_number',
	description:
		'Version the change is based on, from an earlier Get. Leave out to read the current version first. When someone else changed the record since, the update fails instead of overwriting their change.',
};

/** `sort` is accepted by every SCG list. */
export const sort: FieldSpec = wireField(
	'Sort',
	'sort',
	'string',
	'Field to sort by, for example created_date; prefix with - for descending order',
);

/** Keeps only the value options of a list of wire values, in Title Case. */
export function upperOptions(values: string[]) {
	return values.map((value) => ({
		name: value
			.toLowerCase()
			.split('_')
			.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
			.join(' '),
		value,
	}));
}

/**
 * SCG never sends empty values (docs/wire-formats/syniverseScg.md#empty-values): `false`, `0`, `""`, empty
 * lists and objects.
 */
export function isEmptyWireValue(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		value === false ||
		value === 0 ||
		value === '' ||
		(Array.isArray(value) && value.length === 0) ||
		(isObject(value) && Object.keys(value).length === 0)
	);
}

/** A create answers only `{id}`: output the ID with what was sent, so later nodes can use both. */
export function createdOutput(fields: FieldSpec[]) {
	return (body: unknown, input: { values: Record<string, unknown> }) => {
		return { ...(isObject(body) ? body : {}), ...wireValues(fields, input.values) } as never;
	};
}

/** Simplify: what an ops person looks at in each kind of SCG record (the full records have 10 to 40 fields). */
export const simplified = {
	contact: keepFields(
		'id',
		'first_name',
		'last_name',
		'primary_mdn',
		'primary_email_addr',
		'external_id',
	),
	message: keepFields(
		'id',
		'message_request_id',
		'direction',
		'state',
		'from_address',
		'to_address',
		'body',
		'failure_details',
		'delivered_date',
	),
	messageRequest: keepFields(
		'id',
		'campaign_id',
		'state',
		'from',
		'body',
		'recipient_count',
		'sent_count',
		'delivered_count',
		'failed_count',
		'created_date',
	),
	senderId: keepFields('id', 'name', 'address', 'state', 'type_id', 'country', 'capabilities'),
};
