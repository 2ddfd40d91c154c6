import type { IDataObject } from 'n8n-workflow';
import { createHash } from 'node:crypto';

import type { KeywordLists } from '../shared/campaign';
import { keywordFields } from '../shared/campaign';
import { isObject } from '../shared/provider';
import { normalizeRecord } from './api';

/** What Hoiio's notifications look like: which event each is, and what makes one genuine. */

export type HoiioEvent =
	| 'incomingSms'
	| 'smsStatus'
	| 'callStatus'
	| 'incomingFax'
	| 'faxStatus'
	| 'ivrAnswer'
	| 'ivrResult';

/** Which notification this is, from the parameters Hoiio sends for each kind. */
export function eventOf(parameters: IDataObject): HoiioEvent | undefined {
	if (typeof parameters.ivr_block === 'string')
		return parameters.ivr_block === 'answer' ? 'ivrAnswer' : 'ivrResult';
	if (parameters.txn_ref === undefined) return undefined;
	if (parameters.sms_status !== undefined) return 'smsStatus';
	if (parameters.fax_status !== undefined)
		return parameters.dest !== undefined ? 'faxStatus' : 'incomingFax';
	if (
		parameters.call_status_dest1 !== undefined ||
		parameters.call_status_dest2 !== undefined ||
		parameters.dest2 !== undefined
	)
		return 'callStatus';
	if (parameters.msg !== undefined && parameters.from !== undefined) return 'incomingSms';
	return undefined;
}

/**
 * The parameters that tell one Hoiio event from another: Hoiio sends no event ID, so the event key is the kind,
 * the transaction reference (`txn_ref`) and the status the notification reports. A notification sent again
 * has the same key; several notifications of one transaction (queued, then delivered; each IVR step) do not.
 */
const EVENT_KEY_FIELDS: Record<HoiioEvent, string[]> = {
	incomingSms: ['txn_ref'],
	incomingFax: ['txn_ref', 'fax_status'],
	smsStatus: ['txn_ref', 'sms_status'],
	faxStatus: ['txn_ref', 'fax_status'],
	callStatus: ['txn_ref', 'call_status_dest1', 'call_status_dest2'],
	ivrAnswer: ['txn_ref', 'session'],
	// The steps of one call share its txn_ref: the step, its tag, the call state and the step's outcome.
	ivrResult: [
		'txn_ref',
		'session',
		'ivr_block',
		'tag',
		'call_state',
		'dial_status',
		'digits',
		'record_url',
		'transfer_status',
	],
};

/** `<event>:<txn_ref>:<status...>`, e.g. `smsStatus:AA-S-7:delivered`; see EVENT_KEY_FIELDS. */
export function eventKeyOf(event: HoiioEvent, parameters: Record<string, string>): string {
	return [event, ...EVENT_KEY_FIELDS[event].map((field) => parameters[field] ?? '')].join(':');
}

const IVR_BLOCKS = ['answer', 'dial', 'play', 'gather', 'record', 'monitor', 'transfer', 'hangup'];

/**
 * Parameters every notification of a kind carries (docs/wire-formats/hoiio.md#inbound-notifications); the
 * forwarded ones always have a date.
 */
const REQUIRED: Partial<Record<HoiioEvent, string[]>> = {
	incomingSms: ['txn_ref', 'msg', 'from', 'to', 'date'],
	incomingFax: ['txn_ref', 'fax_status', 'from', 'to', 'date'],
	smsStatus: ['txn_ref', 'sms_status'],
	faxStatus: ['txn_ref', 'fax_status'],
	callStatus: ['txn_ref'],
	ivrAnswer: ['session', 'txn_ref'],
	ivrResult: ['session', 'txn_ref'],
};
const NOT_EMPTY = ['txn_ref', 'session', 'from', 'to', 'dest', 'date'];
/** Hoiio writes amounts and counts as plain decimals. */
const DECIMAL_FIELDS = ['rate', 'debit', 'split_count', 'duration', 'fax_pages', 'fax_error_code'];
const DECIMAL = /^-?\d+(\.\d+)?$/;
const HOIIO_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

function isHoiioDate(value: string): boolean {
	const match = HOIIO_DATE.exec(value);
	if (!match) return false;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	return (
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		hour < 24 &&
		minute < 60 &&
		second < 60
	);
}

export type Parameters = Record<string, string>;

/**
 * The text parameters of the query or form body. A parameter given twice with different values is
 * ambiguous: the name comes back in `conflicts`.
 */
export function textParameters(source: unknown, into: Parameters, conflicts: string[]): void {
	if (!isObject(source)) return;
	for (const key of Object.keys(source)) {
		const raw = source[key];
		const values = (Array.isArray(raw) ? raw : [raw]).filter(
			(value): value is string => typeof value === 'string',
		);
		for (const value of values) {
			if (Object.prototype.hasOwnProperty.call(into, key) && into[key] !== value)
				conflicts.push(key);
			// A defined property, so a key like `__proto__` cannot reach the prototype.
			Object.defineProperty(into, key, {
				value,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
	}
}

/** What makes a notification of this kind something Hoiio never sends. */
export function notificationProblem(event: HoiioEvent, parameters: Parameters): string | undefined {
	for (const field of REQUIRED[event] ?? [])
		if (parameters[field] === undefined) return `the ${event} notification lacks ${field}`;
	for (const field of NOT_EMPTY)
		if (parameters[field] !== undefined && parameters[field].trim() === '')
			return `${field} is empty`;
	for (const field of DECIMAL_FIELDS) {
		const value = parameters[field];
		if (value !== undefined && value !== '' && !DECIMAL.test(value))
			return `${field} must be a number, got ${JSON.stringify(value)}`;
	}
	if (parameters.date !== undefined && !isHoiioDate(parameters.date))
		return `date must be YYYY-MM-DD HH:MM:SS, got ${JSON.stringify(parameters.date)}`;
	if (parameters.ivr_block !== undefined && !IVR_BLOCKS.includes(parameters.ivr_block))
		return `unknown ivr_block ${JSON.stringify(parameters.ivr_block)}`;
	return undefined;
}

/** The same notification sent twice has the same parameters: its fingerprint is the delivery ID. */
export function fingerprint(parameters: Parameters): string {
	const sorted = Object.keys(parameters)
		.sort()
		.map((key) => [key, parameters[key]]);
	return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 32);
}

/**
 * The item a notification starts a run with: its parameters with readable types and its event key.
 * A delivery report of a send (SMS, fax) names the recipient and the campaign the send belonged to
 * (null outside one), read from the notify URL's parameter the Hoiio node added; an incoming SMS says
 * whether its whole text is an opt-out or opt-in keyword.
 */
export function notificationItem(
	event: HoiioEvent,
	parameters: Parameters,
	campaignKey: string | undefined,
	keywords: () => KeywordLists,
): IDataObject {
	const item: IDataObject = {
		event,
		...normalizeRecord(parameters),
		eventKey: eventKeyOf(event, parameters),
	};
	if (event === 'smsStatus' || event === 'faxStatus') {
		item.recipient = parameters.dest ?? null;
		item.campaignKey = campaignKey ?? null;
	}
	if (event === 'incomingSms') Object.assign(item, keywordFields(parameters.msg, keywords()));
	return item;
}
