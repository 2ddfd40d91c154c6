import { renderCall } from '../records';
import {
	balanceTotal,
	debit,
	nextRef,
	nextSequence,
	rateFor,
	type HoiioCall,
	type HoiioState,
} from '../state';
import {
	byTxnRef,
	callerId,
	fail,
	gmt8,
	history,
	integer,
	isE164,
	list,
	money,
	notifyUrl,
	ok,
	optionalPhone,
	parseGmt8,
	phone,
	requiredPhone,
	round,
	tag,
	text,
} from '../wire';
import type { HoiioContext, HoiioEvents, HoiioRoutes } from './context';

export const maxConferenceParticipants = 8;

/** Billed per started minute, at least one, capped by `max_duration`. */
function billedMinutes(call: HoiioCall, now: Date): number {
	const elapsed = now.getTime() - parseGmt8(call.date);
	let minutes = Math.max(1, Math.ceil(elapsed / 60000));
	if (call.max_duration !== undefined)
		minutes = Math.min(minutes, Math.ceil(call.max_duration / 60));
	return Math.max(1, minutes);
}

/**
 * Ends an ongoing call: answered legs are billed, an unreachable leg is unanswered and nothing is billed. When
 * dest1 of a call back does not answer, dest2 is never dialled ('failed').
 */
export function finishCall(state: HoiioState, call: HoiioCall, now: Date): boolean {
	if (call.call_status_dest1 !== 'ongoing') return false;
	const answered1 = !state.unreachable.includes(call.dest1);
	call.call_status_dest1 = answered1 ? 'answered' : 'unanswered';
	let answered = answered1;
	if (call.kind === 'callback') {
		const answered2 = answered1 && !state.unreachable.includes(call.dest2 ?? '');
		call.call_status_dest2 = !answered1 ? 'failed' : answered2 ? 'answered' : 'unanswered';
		answered = answered2;
	}
	call.duration = answered ? billedMinutes(call, now) : 0;
	call.debit = round(call.rate * call.duration);
	debit(state, call.debit);
	return true;
}

function notifyCall(events: HoiioEvents, call: HoiioCall): void {
	events.notify(call.notify_url, 'call_status', renderCall(call));
}

function call({ params, state, now, events }: HoiioContext) {
	// dest1 omitted: Hoiio calls the account's registered mobile number.
	const dest1 = optionalPhone(params, 'dest1') ?? state.account.mobile_number;
	const dest2 = requiredPhone(params, 'dest2');
	if (dest1 === dest2) throw fail('error_same_dest1_dest2');
	const caller_id = callerId(params);
	const max_duration = integer(params, 'max_duration', 'error_invalid_max_duration', 1);
	const record: HoiioCall = {
		txn_ref: nextRef(state, 'C'),
		kind: 'callback',
		tag: tag(params),
		dest1,
		dest2,
		caller_id,
		max_duration,
		call_status_dest1: 'ongoing',
		call_status_dest2: 'ongoing',
		date: gmt8(now),
		currency: state.account.currency,
		rate: round(rateFor(state, dest1).voice + rateFor(state, dest2).voice),
		notify_url: notifyUrl(params),
	};
	if (balanceTotal(state) < record.rate) throw fail('error_insufficient_credit');
	state.calls.push(record);
	// The simulated call is answered and ends after the notification delay.
	events.later(() => {
		if (finishCall(state, record, events.now())) notifyCall(events, record);
	});
	return ok({ txn_ref: record.txn_ref });
}

function conference({ params, state, now, events }: HoiioContext) {
	const dests = list(params, 'dest');
	if (!dests) throw fail('error_dest_param_missing');
	const participants = dests.map(phone);
	if (participants.some((dest) => !isE164(dest))) throw fail('error_dest_invalid');
	if (participants.length > maxConferenceParticipants) throw fail('error_dest_invalid');
	const roomName = text(params, 'room');
	if (roomName !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(roomName))
		throw fail('error_invalid_room');
	const caller_id = callerId(params);
	const notify_url = notifyUrl(params);
	const existing = state.conferences.find((entry) => entry.room === roomName);
	const active = existing
		? state.calls.filter(
				(leg) => existing.txn_refs.includes(leg.txn_ref) && leg.call_status_dest1 === 'ongoing',
			).length
		: 0;
	if (active + participants.length > maxConferenceParticipants) throw fail('error_invalid_room');
	const rates = participants.map((dest) => rateFor(state, dest).voice);
	if (balanceTotal(state) < round(rates.reduce((sum, rate) => sum + rate, 0)))
		throw fail('error_insufficient_credit');
	const room = existing ?? {
		room: roomName ?? `R-${nextSequence(state)}`,
		txn_refs: [],
		created: gmt8(now),
	};
	if (!existing) state.conferences.push(room);
	const legs = participants.map(
		(dest1, index): HoiioCall => ({
			txn_ref: nextRef(state, 'C'),
			kind: 'conference',
			tag: tag(params),
			dest1,
			room: room.room,
			caller_id,
			call_status_dest1: 'ongoing',
			date: gmt8(now),
			currency: state.account.currency,
			rate: rates[index],
			notify_url,
		}),
	);
	state.calls.push(...legs);
	room.txn_refs.push(...legs.map((leg) => leg.txn_ref));
	// Participants who answer stay in the room until voice/hangup; an unreachable one ends at once.
	events.later(() => {
		for (const leg of legs) {
			if (state.unreachable.includes(leg.dest1) && finishCall(state, leg, events.now()))
				notifyCall(events, leg);
		}
	});
	// A comma-separated string in the SDK era (the SDK splits it), not a JSON array.
	return ok({ room: room.room, txn_refs: legs.map((leg) => leg.txn_ref).join(',') });
}

function hangup({ params, state, now, events }: HoiioContext) {
	const record = byTxnRef(params, state.calls);
	if (finishCall(state, record, now)) events.later(() => notifyCall(events, record));
	return ok();
}

function getHistory({ params, state }: HoiioContext) {
	return history(params, state.calls, renderCall);
}

function getRate({ params, state }: HoiioContext) {
	const dest1 = requiredPhone(params, 'dest1');
	const dest2 = requiredPhone(params, 'dest2');
	const rate = round(rateFor(state, dest1).voice + rateFor(state, dest2).voice);
	return ok({
		currency: state.account.currency,
		rate: money(rate),
		talktime: String(Math.max(0, Math.floor(balanceTotal(state) / rate))),
	});
}

function queryStatus({ params, state }: HoiioContext) {
	return ok(renderCall(byTxnRef(params, state.calls)));
}

export function registerVoiceRoutes(routes: HoiioRoutes): void {
	routes.add('voice/call', call);
	routes.add('voice/conference', conference);
	routes.add('voice/hangup', hangup);
	routes.add('voice/get_history', getHistory);
	routes.add('voice/get_rate', getRate);
	routes.add('voice/query_status', queryStatus);
}
