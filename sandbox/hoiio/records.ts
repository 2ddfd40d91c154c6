/**
 * How records look on the wire: every number a string (docs/wire-formats/hoiio.md#values-on-the-wire), fields
 * absent rather than null.
 */
import type {
	HoiioCall,
	HoiioFax,
	HoiioIvrSession,
	HoiioSms,
	HoiioState,
	HoiioSubscribedNumber,
} from './state';
import { fail, money } from './wire';

export function faxUrl(origin: string, txnRef: string): string {
	return `${origin}/__sandbox/hoiio/faxes/${encodeURIComponent(txnRef)}.pdf`;
}

export function recordingUrl(origin: string, session: string, index: number): string {
	return `${origin}/__sandbox/hoiio/recordings/${encodeURIComponent(session)}-${index}.mp3`;
}

function compact(fields: Record<string, string | undefined>): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(fields)) if (value !== undefined) result[name] = value;
	return result;
}

export function renderSms(sms: HoiioSms): Record<string, string> {
	return compact({
		txn_ref: sms.txn_ref,
		bulk_txn_ref: sms.bulk_txn_ref,
		tag: sms.tag,
		sms_status: sms.sms_status,
		date: sms.date,
		src: sms.src,
		dest: sms.dest,
		msg: sms.msg,
		split_count: String(sms.split_count),
		currency: sms.currency,
		rate: money(sms.rate),
		debit: money(sms.debit),
	});
}

export function renderCall(call: HoiioCall): Record<string, string> {
	return compact({
		txn_ref: call.txn_ref,
		tag: call.tag,
		dest1: call.dest1,
		dest2: call.dest2,
		room: call.room,
		call_status_dest1: call.call_status_dest1,
		call_status_dest2: call.call_status_dest2,
		date: call.date,
		duration: call.duration === undefined ? undefined : String(call.duration),
		currency: call.currency,
		rate: money(call.rate),
		debit: call.debit === undefined ? undefined : money(call.debit),
	});
}

export function renderFax(fax: HoiioFax, origin: string): Record<string, string> {
	const finished = fax.fax_status !== 'ongoing';
	return compact({
		txn_ref: fax.txn_ref,
		tag: fax.tag,
		src: fax.src,
		dest: fax.dest,
		fax_status: fax.fax_status,
		fax_pages: String(fax.fax_pages),
		// Absent until the fax went through, as the docs allow.
		fax_url: finished && fax.fax_pages > 0 ? faxUrl(origin, fax.txn_ref) : undefined,
		date: fax.date,
		duration: fax.duration === undefined ? undefined : String(fax.duration),
		currency: fax.currency,
		rate: money(fax.rate),
		debit: fax.debit === undefined ? undefined : money(fax.debit),
	});
}

export function renderNumber(number: HoiioSubscribedNumber): Record<string, unknown> {
	return {
		number: number.number,
		forward_to: number.forward_to,
		// The documented response name, and the request name the official SDKs use, both carry it.
		forward_sms_to: number.forward_sms_to,
		forward_to_sms: number.forward_sms_to,
		mode: number.mode,
		expiry: number.expiry,
		auto_extend_status: number.auto_extend_status,
		country: number.country,
		...(number.state === undefined ? {} : { state: number.state }),
		capabilities: [...number.capabilities],
	};
}

/** The charge fields of an IVR notification once the call has ended. */
export function ivrCharges(session: HoiioIvrSession): Record<string, string | undefined> {
	if (session.call_state !== 'ended') return {};
	return {
		date: session.date,
		duration: session.duration === undefined ? undefined : String(session.duration),
		currency: session.currency,
		rate: money(session.rate),
		debit: session.debit === undefined ? undefined : money(session.debit),
	};
}

export function findSubscribedNumber(state: HoiioState, number: string): HoiioSubscribedNumber {
	const found = state.numbers.find((entry) => entry.number === number);
	if (!found) throw fail('error_number_not_available');
	return found;
}
