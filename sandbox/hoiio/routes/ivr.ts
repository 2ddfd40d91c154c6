import { ivrCharges, recordingUrl } from '../records';
import {
	balanceTotal,
	debit,
	nextRef,
	nextSequence,
	rateFor,
	type HoiioIvrBlock,
	type HoiioIvrSession,
	type HoiioState,
	type HoiioIvrBlockName,
} from '../state';
import {
	callerId,
	fail,
	gmt8,
	integer,
	isE164,
	notifyUrl,
	ok,
	phone,
	rawText,
	required,
	requiredPhone,
	round,
	tag,
	text,
	type Params,
} from '../wire';
import type { HoiioContext, HoiioEvents, HoiioRoutes } from './context';

type Fields = Record<string, string | undefined>;

/** The block's own parameters, for the session's log; never the credentials. */
function blockParams(params: Params, names: string[]): Record<string, string> {
	const result: Record<string, string> = {};
	for (const name of names) {
		const value = rawText(params, name);
		if (value !== undefined) result[name] = value;
	}
	return result;
}

/** Middle and end blocks need a session that has not ended (a ringing dial is accepted: blocks queue). */
function liveSession(params: Params, state: HoiioState): HoiioIvrSession {
	const id = required(params, 'session');
	const session = state.ivrSessions.find((entry) => entry.session === id);
	if (!session) throw fail('error_invalid_session');
	if (session.call_state === 'ended' || session.ending) throw fail('error_session_ended');
	return session;
}

/** A block's play() may end the call; a function keeps TypeScript from assuming it did not. */
function hasEnded(session: HoiioIvrSession): boolean {
	return session.call_state === 'ended';
}

/** Hangs up: billed per started minute from the start of the call (nothing when never answered). */
export function endSession(
	state: HoiioState,
	session: HoiioIvrSession,
	now: Date,
	answered = true,
): void {
	if (session.call_state === 'ended') return;
	session.call_state = 'ended';
	session.ending = false;
	session.duration = answered
		? Math.max(1, Math.ceil((now.getTime() - session.startedAt) / 60000))
		: 0;
	session.debit = round(session.rate * session.duration);
	debit(state, session.debit);
}

/** What every IVR notification carries, plus the block's own fields and, once ended, the charges. */
export function ivrNotification(
	session: HoiioIvrSession,
	block: HoiioIvrBlockName,
	blockTag: string | undefined,
	fields: Fields,
): Fields {
	return {
		ivr_block: block,
		call_state: session.call_state,
		session: session.session,
		txn_ref: session.txn_ref,
		tag: blockTag ?? session.tag,
		...fields,
		...ivrCharges(session),
	};
}

/**
 * Queues a block: it plays when the task runs, in order with the session's other blocks, then notifies its
 * `notify_url`. Without one, the call hangs up once the block has played and nothing else is queued (per docs).
 */
function queueBlock(
	state: HoiioState,
	events: HoiioEvents,
	session: HoiioIvrSession,
	block: HoiioIvrBlock,
	play: () => Fields,
): void {
	session.blocks.push(block);
	session.pending += 1;
	events.later(() => {
		session.pending -= 1;
		if (hasEnded(session)) return;
		const fields = play();
		const url = block.params.notify_url;
		const notification = ivrNotification(session, block.block, block.params.tag, fields);
		block.result = Object.fromEntries(
			Object.entries(notification).filter((entry): entry is [string, string] => !!entry[1]),
		);
		if (url) events.notify(url, `ivr_${block.block}`, notification);
		else if (!hasEnded(session) && session.pending === 0) endSession(state, session, events.now());
	});
}

function newBlock(
	block: HoiioIvrBlockName,
	params: Params,
	names: string[],
	now: Date,
): HoiioIvrBlock {
	return {
		block,
		params: blockParams(params, ['msg', 'tag', 'notify_url', ...names]),
		requested: gmt8(now),
	};
}

/** A new IVR session, stored: our dial (ringing) or an incoming call (answered); billed per minute at `rate`. */
export function openIvrSession(
	state: HoiioState,
	call: Pick<HoiioIvrSession, 'direction' | 'from' | 'to' | 'tag' | 'call_state'>,
	rate: number,
	now: Date,
): HoiioIvrSession {
	const session: HoiioIvrSession = {
		session: `S-${nextSequence(state)}`,
		txn_ref: nextRef(state, 'I'),
		...call,
		date: gmt8(now),
		startedAt: now.getTime(),
		blocks: [],
		pending: 0,
		ending: false,
		gatherDigits: [],
		currency: state.account.currency,
		rate,
	};
	state.ivrSessions.push(session);
	return session;
}

function dial({ params, state, now, events }: HoiioContext) {
	const dest = requiredPhone(params, 'dest');
	const caller_id = callerId(params);
	integer(params, 'max_duration', 'error_invalid_max_duration', 1);
	notifyUrl(params);
	const rate = rateFor(state, dest).voice;
	if (balanceTotal(state) < rate) throw fail('error_insufficient_credit');
	const call = {
		direction: 'outgoing',
		from: caller_id ?? state.account.mobile_number,
		to: dest,
		tag: tag(params),
		call_state: 'ringing',
	} as const;
	const session = openIvrSession(state, call, rate, now);
	const block = newBlock('dial', params, ['dest', 'caller_id', 'max_duration'], now);
	queueBlock(state, events, session, block, () => {
		if (state.unreachable.includes(dest)) {
			endSession(state, session, events.now(), false);
			return { dial_status: 'unanswered', dest };
		}
		session.call_state = 'ongoing';
		return { dial_status: 'answered', dest };
	});
	return ok({ txn_ref: session.txn_ref, session: session.session });
}

function play({ params, state, now, events }: HoiioContext) {
	const session = liveSession(params, state);
	if (rawText(params, 'msg') === undefined) throw fail('error_msg_param_missing');
	notifyUrl(params);
	queueBlock(state, events, session, newBlock('play', params, [], now), () => ({}));
	return ok();
}

function gather({ params, state, now, events }: HoiioContext) {
	const session = liveSession(params, state);
	const maxDigits = integer(params, 'max_digits', 'error_invalid_max_digits', 0, 255) ?? 0;
	integer(params, 'timeout', 'error_invalid_timeout', 1, 3600);
	integer(params, 'attempts', 'error_invalid_attempts', 1, 10);
	notifyUrl(params);
	const block = newBlock('gather', params, ['max_digits', 'timeout', 'attempts'], now);
	queueBlock(state, events, session, block, () => {
		// Digits the test queued for this session, else the caller presses 1.
		const digits = session.gatherDigits.shift() ?? '1';
		return { digits: maxDigits > 0 ? digits.slice(0, maxDigits) : digits };
	});
	return ok();
}

function record({ params, state, now, events }: HoiioContext) {
	const session = liveSession(params, state);
	integer(params, 'max_duration', 'error_invalid_max_duration', 1);
	notifyUrl(params);
	const block = newBlock('record', params, ['max_duration'], now);
	const index = session.blocks.length;
	queueBlock(state, events, session, block, () => ({
		record_url: recordingUrl(events.origin(), session.session, index),
		duration: '1',
	}));
	return ok();
}

function monitor({ params, state, now, events }: HoiioContext) {
	const session = liveSession(params, state);
	notifyUrl(params);
	const block = newBlock('monitor', params, ['monitor_notify_url'], now);
	const index = session.blocks.length;
	queueBlock(state, events, session, block, () => ({
		record_url: recordingUrl(events.origin(), session.session, index),
	}));
	return ok();
}

/**
 * `dest`: a number, `room:<id>` (created if new) or `room:` for a new room; never prefixed
 * (docs/wire-formats/hoiio.md#phone-numbers).
 */
function transfer({ params, state, now, events }: HoiioContext) {
	const session = liveSession(params, state);
	const rawDest = required(params, 'dest');
	const onFailure = text(params, 'on_failure') ?? 'hangup';
	if (onFailure !== 'hangup' && onFailure !== 'continue') throw fail('error_on_failure_invalid');
	callerId(params);
	notifyUrl(params);
	let room: string | undefined;
	let dest: string | undefined;
	if (/^room:/i.test(rawDest)) {
		const id = rawDest.slice(5).trim();
		if (id !== '' && !/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw fail('error_invalid_room');
		room = id === '' ? `R-${nextSequence(state)}` : id;
	} else {
		dest = phone(rawDest);
		if (!isE164(dest)) throw fail('error_dest_invalid');
	}
	// The call leaves the IVR with the transfer, unless it may come back on failure.
	session.ending = onFailure === 'hangup';
	const block = newBlock('transfer', params, ['dest', 'caller_id', 'on_failure'], now);
	queueBlock(state, events, session, block, () => {
		if (dest !== undefined && state.unreachable.includes(dest)) {
			if (onFailure === 'continue') return { transfer_status: 'unanswered', dest };
			endSession(state, session, events.now());
			return { transfer_status: 'unanswered', dest };
		}
		if (room !== undefined) {
			let conference = state.conferences.find((entry) => entry.room === room);
			if (!conference) {
				conference = { room, txn_refs: [], created: gmt8(events.now()) };
				state.conferences.push(conference);
			}
			conference.txn_refs.push(session.txn_ref);
			session.room = room;
		}
		endSession(state, session, events.now());
		return { transfer_status: 'answered', dest, room };
	});
	return ok({ room });
}

/** Hangs up at once, whatever is queued (the docs: `msg` is then not played); notified later. */
function hangup({ params, state, now, events }: HoiioContext) {
	const session = liveSession(params, state);
	notifyUrl(params);
	const block = newBlock('hangup', params, ['force'], now);
	session.blocks.push(block);
	endSession(state, session, now);
	const notification = ivrNotification(session, 'hangup', block.params.tag, {});
	block.result = Object.fromEntries(
		Object.entries(notification).filter((entry): entry is [string, string] => !!entry[1]),
	);
	events.later(() => events.notify(block.params.notify_url, 'ivr_hangup', notification));
	return ok();
}

export function registerIvrRoutes(routes: HoiioRoutes): void {
	routes.add('ivr/start/dial', dial);
	routes.add('ivr/middle/play', play);
	routes.add('ivr/middle/gather', gather);
	routes.add('ivr/middle/record', record);
	routes.add('ivr/middle/monitor', monitor);
	routes.add('ivr/end/transfer', transfer);
	routes.add('ivr/end/hangup', hangup);
}
