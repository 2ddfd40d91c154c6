import { renderSms } from '../records';
import {
	balanceTotal,
	credit,
	debit,
	nextRef,
	rateFor,
	type HoiioSms,
	type HoiioState,
} from '../state';
import {
	byTxnRef,
	fail,
	gmt8,
	history,
	isE164,
	list,
	maxSmsParts,
	money,
	notifyUrl,
	ok,
	type Params,
	phone,
	rateDestination,
	rawText,
	requiredPhone,
	round,
	smsSize,
	type SmsSize,
	tag,
	text,
} from '../wire';
import type { HoiioContext, HoiioEvents, HoiioRoutes } from './context';

/** `msg` absent and `msg` empty are different statuses. */
function message(params: Params): { msg: string; size: SmsSize } {
	const msg = rawText(params, 'msg');
	if (msg === undefined) throw fail('error_msg_param_missing');
	if (msg.trim() === '') throw fail('error_msg_empty');
	const size = smsSize(msg);
	if (size.splitCount > maxSmsParts) throw fail('error_msg_too_big');
	return { msg, size };
}

/** 3 to 11 letters, digits or spaces, or a phone number (a US Hoiio number is the only US rebrand). */
function senderName(params: Params, state: HoiioState): string | undefined {
	const value = text(params, 'sender_name');
	if (value === undefined) return undefined;
	if (state.account.sms_rebrand_status !== 'enabled') throw fail('error_sms_rebrand_not_enabled');
	if (!/^[A-Za-z0-9 ]{3,11}$/.test(value) && !isE164(phone(value)))
		throw fail('error_invalid_sender_name');
	return value;
}

/** Queued now; delivered (or failed, for an unreachable number) when the task runs, then notified. */
function settle(state: HoiioState, events: HoiioEvents, record: HoiioSms): void {
	if (record.sms_status !== 'queued') return;
	if (state.unreachable.includes(record.dest)) {
		record.sms_status = 'failed';
		// A failed SMS is not charged.
		credit(state, record.debit);
		record.debit = 0;
	} else {
		record.sms_status = 'delivered';
	}
	events.notify(record.notify_url, 'sms_status', renderSms(record));
}

function outgoing(
	state: HoiioState,
	now: Date,
	fields: Pick<HoiioSms, 'dest' | 'msg' | 'tag' | 'sender_name' | 'notify_url' | 'bulk_txn_ref'>,
	size: SmsSize,
): HoiioSms {
	const rate = rateFor(state, fields.dest).sms;
	return {
		txn_ref: nextRef(state, 'S'),
		direction: 'outgoing',
		sms_status: 'queued',
		date: gmt8(now),
		src: fields.sender_name ?? state.account.mobile_number,
		split_count: size.splitCount,
		is_unicode: size.isUnicode,
		currency: state.account.currency,
		rate,
		debit: round(rate * size.splitCount),
		...fields,
	};
}

function send({ params, state, now, events }: HoiioContext) {
	const dest = requiredPhone(params, 'dest');
	const { msg, size } = message(params);
	const sender_name = senderName(params, state);
	const fields = { dest, msg, sender_name, tag: tag(params), notify_url: notifyUrl(params) };
	const record = outgoing(state, now, fields, size);
	if (balanceTotal(state) < record.debit) throw fail('error_insufficient_credit');
	debit(state, record.debit);
	state.sms.push(record);
	events.later(() => settle(state, events, record));
	return ok({ txn_ref: record.txn_ref });
}

export const maxBulkRecipients = 1000;

/** The SDK era's comma list in `dest`, or the newer `recipients` JSON with `{{field}}` templates. */
function bulkRecipients(params: Params): { dest: string; fields: Record<string, unknown> }[] {
	const recipientsJson = text(params, 'recipients');
	if (recipientsJson !== undefined) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(recipientsJson);
		} catch {
			throw fail('error_malformed_params');
		}
		const entries = Array.isArray(parsed)
			? parsed
			: (parsed as { recipients?: unknown } | null)?.recipients;
		if (!Array.isArray(entries)) throw fail('error_malformed_params');
		return entries.map((entry: unknown) => {
			const fields = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
				string,
				unknown
			>;
			if (typeof fields.dest !== 'string') throw fail('error_dest_invalid');
			return { dest: fields.dest, fields };
		});
	}
	const dests = list(params, 'dest');
	if (!dests) throw fail('error_dest_param_missing');
	return dests.map((dest) => ({ dest, fields: {} }));
}

function bulkSend({ params, state, now, events }: HoiioContext) {
	const recipients = bulkRecipients(params);
	if (recipients.length === 0) throw fail('error_dest_param_missing');
	if (recipients.length > maxBulkRecipients) throw fail('error_dest_invalid');
	const template = message(params).msg;
	const sender_name = senderName(params, state);
	const shared = { sender_name, tag: tag(params), notify_url: notifyUrl(params) };
	const prepared = recipients.map(({ dest, fields }) => {
		const number = phone(dest);
		if (!isE164(number)) throw fail('error_dest_invalid');
		const msg = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
			fields[name] === undefined ? '' : String(fields[name]),
		);
		const size = smsSize(msg);
		if (size.splitCount > maxSmsParts) throw fail('error_msg_too_big');
		return { dest: number, msg, size };
	});
	const bulk_txn_ref = nextRef(state, 'B');
	const records = prepared.map(({ dest, msg, size }) =>
		outgoing(state, now, { ...shared, dest, msg, bulk_txn_ref }, size),
	);
	const total = round(records.reduce((sum, record) => sum + record.debit, 0));
	if (balanceTotal(state) < total) throw fail('error_insufficient_credit');
	debit(state, total);
	state.sms.push(...records);
	events.later(() => {
		for (const record of records) settle(state, events, record);
	});
	return ok({ bulk_txn_ref });
}

function getHistory({ params, state }: HoiioContext) {
	return history(params, state.sms, renderSms);
}

/** `dest` (with `msg` for the split count) or `incoming` (one of our numbers), never both. */
function getRate({ params, state }: HoiioContext) {
	const dest = rateDestination(params);
	const currency = state.account.currency;
	if (dest === undefined) return ok({ currency, rate: money(state.incomingRates.sms) });
	const msg = rawText(params, 'msg') ?? '';
	const size = smsSize(msg);
	if (size.splitCount > maxSmsParts) throw fail('error_msg_too_big');
	const rate = rateFor(state, dest).sms;
	return ok({
		currency,
		rate: money(rate),
		split_count: String(size.splitCount),
		total_cost: money(rate * size.splitCount),
		is_unicode: size.isUnicode,
	});
}

function queryStatus({ params, state }: HoiioContext) {
	return ok(renderSms(byTxnRef(params, state.sms)));
}

export function registerSmsRoutes(routes: HoiioRoutes): void {
	routes.add('sms/send', send);
	routes.add('sms/bulk_send', bulkSend);
	routes.add('sms/get_history', getHistory);
	routes.add('sms/get_rate', getRate);
	routes.add('sms/query_status', queryStatus);
}
