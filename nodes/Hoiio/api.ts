import type { IDataObject } from 'n8n-workflow';

import type { PageNumberKeys } from '../shared/pagination';
import { pageNumberPagination } from '../shared/pagination';
import type { EnvelopeFailure, ProviderProfile } from '../shared/provider';
import { credentialBaseUrl, isObject } from '../shared/provider';

export const HOIIO_DEFAULT_BASE_URL = 'https://secure.hoiio.com/open';

/** Hoiio's documented failure statuses in plain words. */
const STATUS_MESSAGES: Record<string, string> = {
	error_invalid_http_method: 'the request used an HTTP method Hoiio does not accept',
	error_malformed_params: 'the request parameters are malformed',
	error_invalid_access_token: 'the access token is not valid: check the Hoiio credential',
	error_invalid_app_id: 'the App ID is not valid: check the Hoiio credential',
	error_rate_limit_exceeded: 'too many requests: Hoiio is rate limiting this application',
	error_internal_server_error: 'Hoiio had an internal error; try again later',
	error_insufficient_credit: 'the account does not have enough credit: top it up in Hoiio',
	error_dest_invalid: 'the destination number is not valid',
	error_dest1_invalid: 'the first number to call is not valid',
	error_dest2_invalid: 'the second number to call is not valid',
	error_same_dest1_dest2: 'the two numbers to connect are the same',
	error_caller_id_invalid: 'the caller ID is not valid: use one of your numbers or "private"',
	error_invalid_notify_url: 'the notify URL is not valid',
	error_msg_empty: 'the message is empty',
	error_msg_too_big: 'the message is too long',
	error_invalid_sender_name: 'the sender name is not valid (3 to 11 letters or digits)',
	error_sms_rebrand_not_enabled: 'sender names are not enabled on this account',
	error_txn_ref_invalid: 'no transaction has this reference',
	error_txn_ref_access_denied: 'the transaction belongs to another application',
	error_page_invalid: 'the page number is not valid',
	error_to_before_from: 'the end of the date range is before its start',
	error_from_invalid: 'the start date is not valid',
	error_to_invalid: 'the end date is not valid',
	error_invalid_session: 'no IVR call has this session',
	error_session_ended: 'the IVR call of this session has already ended',
	error_session_access_denied: 'the IVR session belongs to another application',
	error_session_not_ready: 'the IVR call is still busy with its previous step',
	error_dest_incoming_both_present: 'give either a destination or an incoming number, not both',
	error_dest_incoming_both_missing: 'a destination or an incoming number is required',
	error_service_not_available: 'this service is not available to the account',
	error_not_allowed_for_trial: 'this is not allowed on a trial account',
	error_number_not_available: 'the number is not available',
	error_invalid_duration: 'the subscription duration is not valid',
	error_file_invalid: 'the fax file is not a valid PDF',
	error_file_too_big: 'the fax file is larger than 2 MB',
	error_mode_invalid: 'the forwarding mode is not valid',
	error_forward_to_invalid: 'the forwarding URL is not valid',
	error_on_failure_invalid: 'the on-failure choice is not valid',
	error_invalid_max_digits: 'the maximum number of digits is not valid (0 to 255)',
	error_invalid_timeout: 'the timeout is not valid',
	error_invalid_attempts: 'the number of attempts is not valid',
	error_invalid_max_duration: 'the maximum duration is not valid',
	error_invalid_room: 'the conference room is not valid',
	error_concurrent_call_limit_reached: 'the account is already making as many calls as allowed',
	error_developer_suspended: 'the developer account is suspended',
	error_user_not_live: 'the account is not live yet',
};

/** A readable sentence for any `error_*` status, including the undocumented ones. */
export function describeHoiioStatus(status: string): string {
	const known = STATUS_MESSAGES[status];
	if (known) return known;
	const missing = /^error_(.+)_param_missing$/.exec(status);
	if (missing) return `the required parameter "${missing[1]}" is missing`;
	const invalid = /^error_(.+)_invalid$/.exec(status);
	if (invalid) return `the parameter "${invalid[1]}" is not valid`;
	return `the request failed (${status.replace(/^error_/, '').replace(/_/g, ' ')})`;
}

function envelopeFailure(body: unknown): EnvelopeFailure | undefined {
	if (!isObject(body) || typeof body.status !== 'string') return undefined;
	const status = body.status;
	if (!status.startsWith('error')) return undefined;
	return {
		message: describeHoiioStatus(status),
		code: status,
		rateLimited: status === 'error_rate_limit_exceeded',
	};
}

/** Hoiio answers every failure inside an HTTP 200 as `{"status": "error_..."}`. */
export const hoiioProfile: ProviderProfile = {
	displayName: 'Hoiio',
	credentialType: 'hoiioApi',
	baseUrl: credentialBaseUrl(HOIIO_DEFAULT_BASE_URL),
	secretFields: ['accessToken'],
	errorMessage: (body) => {
		const failure = envelopeFailure(body);
		return failure ? `${failure.message} (${failure.code})` : undefined;
	},
	envelopeFailure,
	bodyFormat: 'form',
};

/** Fields Hoiio sends as strings that are numbers. */
const NUMERIC_FIELDS = new Set([
	'rate',
	'debit',
	'total_cost',
	'split_count',
	'duration',
	'talktime',
	'entries_count',
	'total_entries_count',
	'balance',
	'points',
	'bonus',
	'fax_pages',
	'max_duration',
	'fax_error_code',
]);

const HOIIO_DATE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$/;

/** Hoiio dates are `YYYY-MM-DD HH:MM:SS` in GMT+8; output them as ISO 8601 with that offset. */
export function isoFromHoiioDate(value: string): string {
	const match = HOIIO_DATE.exec(value.trim());
	return match ? `${match[1]}T${match[2]}${match[3] ?? ''}+08:00` : value;
}

/** n8n date-times become Hoiio's GMT+8 `YYYY-MM-DD HH:MM:SS`. */
export function hoiioDateFromIso(value: unknown): string {
	const time = new Date(String(value)).getTime() + 8 * 3600_000;
	return new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}

function normalizeValue(key: string, value: unknown): unknown {
	if (typeof value === 'string') {
		if (NUMERIC_FIELDS.has(key) && value.trim() !== '' && Number.isFinite(Number(value)))
			return Number(value);
		if (key === 'is_unicode' && (value === 'true' || value === 'false')) return value === 'true';
		if (key === 'date') return isoFromHoiioDate(value);
		if (key === 'txn_refs')
			return value
				.split(',')
				.map((ref) => ref.trim())
				.filter((ref) => ref !== '');
	}
	if (Array.isArray(value))
		return value.map((entry) => (isObject(entry) ? normalizeRecord(entry) : entry));
	if (isObject(value)) return normalizeRecord(value);
	return value;
}

/** Numbers as numbers, dates as ISO 8601, `txn_refs` as a list. */
export function normalizeRecord(record: Record<string, unknown>): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		result[key] = normalizeValue(key, value) as IDataObject[string];
	}
	return result;
}

/** The response without its `success_ok` status, with readable types. */
export function unwrapHoiio(body: unknown): IDataObject {
	if (!isObject(body)) return { value: body as IDataObject[string] };
	const { status, ...rest } = body;
	const result = normalizeRecord(rest);
	return Object.keys(result).length > 0 ? result : { success: status === 'success_ok' };
}

/** One entry of a list: normalised, with the list's currency. */
function listEntry(entry: unknown, page: Record<string, unknown>): IDataObject {
	// Older accounts list available numbers as plain strings.
	const item = isObject(entry) ? normalizeRecord(entry) : { number: entry as string };
	if (typeof page.currency === 'string' && item.currency === undefined)
		item.currency = page.currency;
	return item;
}

/**
 * History and number lists: `page` from 1 until `total_entries_count` (100 per page). Lists without
 * a total (countries, rates) are one page. Entries are normalised and keep the list's currency.
 */
export const hoiioPageKeys: PageNumberKeys = {
	pageParameter: 'page',
	itemsKey: 'entries',
	totalKey: 'total_entries_count',
	item: listEntry,
};

export const hoiioPagination = pageNumberPagination(hoiioPageKeys);
