/**
 * Simulated inbound traffic on a subscribed number: an SMS, a voice call (IVR answer), a fax
 * (docs/wire-formats/hoiio.md#inbound-notifications).
 */
import { faxUrl } from './records';
import type { HoiioEvents } from './routes/context';
import { endSession, ivrNotification, openIvrSession } from './routes/ivr';
import {
	debit,
	nextRef,
	type HoiioFax,
	type HoiioIvrSession,
	type HoiioSms,
	type HoiioState,
	type HoiioSubscribedNumber,
} from './state';
import { blankPdf, faxDocument, gmt8, money, pdfPageCount, phone, round, smsSize } from './wire';

/**
 * Incoming SMS arrive at the forwarding URL in pieces of at most 152 characters
 * (docs/wire-formats/hoiio.md#inbound-notifications).
 */
export const incomingSmsPartLength = 152;

export interface IncomingSmsInput {
	from: string;
	/** A subscribed Hoiio number. */
	to: string;
	msg: string;
}

export interface IncomingCallInput {
	from: string;
	to: string;
}

export interface IncomingFaxInput {
	from: string;
	to: string;
	/** The PDF, as bytes or base64; a blank PDF of `pages` pages when absent. */
	file?: Buffer | string;
	pages?: number;
}

/** Thrown for a simulation that cannot happen (the control endpoint answers 400 with the message). */
export class SimulationError extends Error {}

function subscribed(state: HoiioState, number: string): HoiioSubscribedNumber {
	const normalized = phone(number);
	const found = state.numbers.find((entry) => entry.number === normalized);
	if (!found) throw new SimulationError(`${normalized} is not a subscribed Hoiio number`);
	return found;
}

function sender(from: string): string {
	if (typeof from !== 'string' || from.trim() === '') throw new SimulationError('from is required');
	return phone(from);
}

/** Splits on code points, so a surrogate pair is never cut in half. */
export function splitIncoming(msg: string): string[] {
	const chars = [...msg];
	if (chars.length === 0) return [''];
	const parts: string[] = [];
	for (let index = 0; index < chars.length; index += incomingSmsPartLength)
		parts.push(chars.slice(index, index + incomingSmsPartLength).join(''));
	return parts;
}

export function incomingSms(
	state: HoiioState,
	events: HoiioEvents,
	input: IncomingSmsInput,
): HoiioSms[] {
	const number = subscribed(state, input.to);
	const from = sender(input.from);
	if (typeof input.msg !== 'string') throw new SimulationError('msg is required');
	const date = gmt8(events.now());
	const rate = state.incomingRates.sms;
	const records = splitIncoming(input.msg).map(
		(part): HoiioSms => ({
			txn_ref: nextRef(state, 'SI'),
			direction: 'incoming',
			sms_status: 'received',
			date,
			src: from,
			dest: number.number,
			msg: part,
			split_count: 1,
			is_unicode: smsSize(part).isUnicode,
			currency: state.account.currency,
			rate,
			debit: rate,
		}),
	);
	state.sms.push(...records);
	debit(state, round(rate * records.length));
	const url = number.forward_sms_to || undefined;
	events.later(() => {
		for (const record of records) {
			events.notify(url, 'incoming_sms', {
				txn_ref: record.txn_ref,
				msg: record.msg,
				from: record.src,
				to: record.dest,
				date: record.date,
				currency: record.currency,
				debit: money(record.debit),
			});
		}
	});
	return records;
}

/**
 * A call to a voice-mode number starts an IVR session that the forwarding URL is told about with
 * `ivr_block=answer`; the app then drives it with middle and end blocks. Without a URL nobody answers.
 */
export function incomingCall(
	state: HoiioState,
	events: HoiioEvents,
	input: IncomingCallInput,
): HoiioIvrSession {
	const number = subscribed(state, input.to);
	if (number.mode !== 'voice')
		throw new SimulationError(`${number.number} is in fax mode: simulate an incoming fax instead`);
	const from = sender(input.from);
	const now = events.now();
	const call = { direction: 'incoming', from, to: number.number, call_state: 'ongoing' } as const;
	const session = openIvrSession(state, call, state.incomingRates.voice, now);
	const url = number.forward_to || undefined;
	const params: Record<string, string> = url === undefined ? {} : { notify_url: url };
	session.blocks.push({ block: 'answer', params, requested: session.date });
	if (url === undefined) {
		endSession(state, session, now, false);
		return session;
	}
	events.later(() => {
		if (session.call_state === 'ended') return;
		events.notify(
			url,
			'ivr_answer',
			ivrNotification(session, 'answer', undefined, {
				from,
				to: number.number,
				date: session.date,
			}),
		);
	});
	return session;
}

/** A fax to a fax-mode number: stored, billed per page, and notified to the forwarding URL. */
export function incomingFax(
	state: HoiioState,
	events: HoiioEvents,
	input: IncomingFaxInput,
): HoiioFax {
	const number = subscribed(state, input.to);
	if (number.mode !== 'fax')
		throw new SimulationError(`${number.number} is in voice mode: set mode=fax to receive faxes`);
	const from = sender(input.from);
	let pdf: Buffer;
	if (input.file === undefined) pdf = blankPdf(Math.max(1, Math.floor(input.pages ?? 1)));
	else if (Buffer.isBuffer(input.file)) pdf = input.file;
	else {
		try {
			pdf = faxDocument(input.file);
		} catch {
			throw new SimulationError('file must be a base64 PDF of at most 2 MB');
		}
	}
	const pages = pdfPageCount(pdf);
	const rate = state.incomingRates.fax;
	const fax: HoiioFax = {
		txn_ref: nextRef(state, 'FI'),
		direction: 'incoming',
		src: from,
		dest: number.number,
		filename: 'incoming.pdf',
		fax_status: 'answered',
		fax_pages: pages,
		file_size: pdf.length,
		date: gmt8(events.now()),
		duration: 1,
		currency: state.account.currency,
		rate,
		debit: round(rate * pages),
	};
	fax.filename = `${fax.txn_ref}.pdf`;
	state.faxes.push(fax);
	state.faxFiles.set(fax.txn_ref, pdf);
	debit(state, fax.debit ?? 0);
	const url = number.forward_to || undefined;
	events.later(() => {
		events.notify(url, 'incoming_fax', {
			txn_ref: fax.txn_ref,
			fax_status: fax.fax_status,
			from,
			to: number.number,
			fax_pages: String(pages),
			fax_url: faxUrl(events.origin(), fax.txn_ref),
			date: fax.date,
			duration: '1',
			currency: fax.currency,
			debit: money(fax.debit ?? 0),
		});
	});
	return fax;
}
