/** Hoiio emulator state: the record types and the deterministic seed every test can rely on. */
import { blankPdf, pdfPageCount, round } from './wire';

export interface HoiioAccount {
	uid: string;
	name: string;
	mobile_number: string;
	caller_ids: string[];
	email: string;
	email_verified: boolean;
	country: string;
	/** With the '+', as the API sends it (the SDK strips it). */
	prefix: string;
	currency: string;
	time_zone: string;
	user_status: string;
	sms_rebrand_status: 'enabled' | 'disabled';
	call_rebrand_status: 'enabled' | 'disabled';
}

/** Credit in the account currency; chargeable calls take from `bonus` first, as Hoiio does. */
export interface HoiioBalance {
	points: number;
	bonus: number;
}

export type HoiioSmsStatus = 'queued' | 'delivered' | 'failed' | 'error' | 'received';

export interface HoiioSms {
	txn_ref: string;
	/** Set on each per-recipient record of a bulk send. */
	bulk_txn_ref?: string;
	direction: 'outgoing' | 'incoming';
	tag?: string;
	sms_status: HoiioSmsStatus;
	/** GMT+8 `YYYY-MM-DD HH:MM:SS`. */
	date: string;
	src: string;
	dest: string;
	msg: string;
	sender_name?: string;
	split_count: number;
	is_unicode: boolean;
	currency: string;
	rate: number;
	debit: number;
	notify_url?: string;
}

export type HoiioCallStatus = 'answered' | 'unanswered' | 'failed' | 'busy' | 'ongoing';

export interface HoiioCall {
	txn_ref: string;
	/** A call back (`voice/call`) or one participant of a conference (`voice/conference`). */
	kind: 'callback' | 'conference';
	tag?: string;
	dest1: string;
	/** Absent for a conference participant, whose other end is the room. */
	dest2?: string;
	room?: string;
	caller_id?: string;
	max_duration?: number;
	call_status_dest1: HoiioCallStatus;
	call_status_dest2?: HoiioCallStatus;
	date: string;
	/** Minutes; absent while ongoing. */
	duration?: number;
	currency: string;
	/** Per minute. */
	rate: number;
	/** Absent while ongoing. */
	debit?: number;
	notify_url?: string;
}

export interface HoiioConference {
	room: string;
	txn_refs: string[];
	created: string;
}

export type HoiioFaxStatus = 'answered' | 'unanswered' | 'failed' | 'busy' | 'ongoing';

export interface HoiioFax {
	txn_ref: string;
	direction: 'outgoing' | 'incoming';
	tag?: string;
	src: string;
	dest: string;
	filename: string;
	fax_status: HoiioFaxStatus;
	fax_pages: number;
	/** Size of the stored PDF; the bytes are in `faxFiles`. */
	file_size: number;
	date: string;
	/** Minutes; absent while ongoing. */
	duration?: number;
	currency: string;
	/** Per page. */
	rate: number;
	debit?: number;
	notify_url?: string;
}

export type HoiioIvrBlockName =
	| 'answer'
	| 'dial'
	| 'play'
	| 'gather'
	| 'record'
	| 'monitor'
	| 'transfer'
	| 'hangup';

export interface HoiioIvrBlock {
	block: HoiioIvrBlockName;
	/** The block's own parameters (never the credentials). */
	params: Record<string, string>;
	requested: string;
	/** What the block's notification reported, once it ran. */
	result?: Record<string, string>;
}

export interface HoiioIvrSession {
	session: string;
	txn_ref: string;
	direction: 'outgoing' | 'incoming';
	/** The caller: our caller ID for a dial, the remote party for an incoming call. */
	from: string;
	/** The callee: the dialled number, or our Hoiio number for an incoming call. */
	to: string;
	tag?: string;
	call_state: 'ringing' | 'ongoing' | 'ended';
	date: string;
	startedAt: number;
	blocks: HoiioIvrBlock[];
	/** Blocks requested but not yet played. */
	pending: number;
	/** Set by an end block that will end the call when it plays. */
	ending: boolean;
	/** Digits the next gathers will report (see `queueGatherDigits`). */
	gatherDigits: string[];
	room?: string;
	duration?: number;
	currency: string;
	rate: number;
	debit?: number;
}

export type HoiioCapability = 'VOICE' | 'SMS' | 'FAX';

export interface HoiioSubscribedNumber {
	number: string;
	country: string;
	state?: string;
	capabilities: HoiioCapability[];
	/** Voice or fax notify URL, '' when unset. */
	forward_to: string;
	/** SMS notify URL, '' when unset (`forward_to_sms` / `forward_sms_to` on the wire). */
	forward_sms_to: string;
	mode: 'voice' | 'fax';
	expiry: string;
	auto_extend_status: 'enabled' | 'disabled';
}

export interface HoiioAvailableNumber {
	number: string;
	state?: string;
	capability: HoiioCapability[];
}

export interface HoiioCountry {
	code: string;
	name: string;
	/** Dialling prefix without '+', as the docs show it. */
	prefix: string;
	states?: { code: string; name: string; capability: HoiioCapability[] }[];
}

/** One notification POSTed to a user URL, with its outcome once known. */
export interface HoiioDelivery {
	id: number;
	/** What triggered it, e.g. `sms_status`, `call_status`, `fax_status`, `incoming_sms`, `ivr_gather`. */
	event: string;
	url: string;
	params: Record<string, string>;
	sentAt: string;
	status?: number;
	error?: string;
}

/** Per-destination prices by dialling prefix, in the account currency. */
export interface HoiioRate {
	prefix: string;
	/** Per SMS part. */
	sms: number;
	/** Per minute, per leg. */
	voice: number;
	/** Per page. */
	fax: number;
}

export interface HoiioState {
	account: HoiioAccount;
	balance: HoiioBalance;
	sms: HoiioSms[];
	calls: HoiioCall[];
	conferences: HoiioConference[];
	faxes: HoiioFax[];
	/** txn_ref → the PDF bytes (a Map, so state dumps stay small). */
	faxFiles: Map<string, Buffer>;
	ivrSessions: HoiioIvrSession[];
	numbers: HoiioSubscribedNumber[];
	countries: HoiioCountry[];
	/** country code → numbers on offer. */
	availableNumbers: Record<string, HoiioAvailableNumber[]>;
	/** country code → subscription price per duration (months). */
	numberRates: Record<string, { duration: string; rate: number }[]>;
	rates: HoiioRate[];
	defaultRate: HoiioRate;
	/** Receiving an SMS or a fax page, and an incoming call minute. */
	incomingRates: { sms: number; fax: number; voice: number };
	/** Destinations that never answer: SMS fail, calls are unanswered, faxes fail. */
	unreachable: string[];
	/** Forced `error_rate_limit_exceeded` answers still to give. */
	rateLimitRemaining: number;
	deliveries: HoiioDelivery[];
	/** Source of every txn_ref, session and room number. */
	sequence: number;
}

export const hoiioSeed = {
	appId: 'sandbox-hoiio-app',
	accessToken: 'sandbox-hoiio-token',
	mobile: '+6591234567',
	/** SG, voice mode, capabilities VOICE+FAX. */
	sgNumber: '+6531580001',
	/** SG, fax mode. */
	sgFaxNumber: '+6531580002',
	/** US (NJ), voice mode, capabilities VOICE+SMS. */
	usNumber: '+12015550101',
	/** US (NJ), VOICE+SMS: the number a campaign's recipients answer (STOP) to, apart from usNumber. */
	campaignNumber: '+12015550102',
	unreachable: '+6599990000',
	seededSmsCount: 260,
	seededCallCount: 14,
	seededFaxCount: 6,
	firstSmsRef: 'AA-S-100001',
	firstCallRef: 'AA-C-100261',
	firstFaxRef: 'AA-F-100276',
	seededRoom: 'R-100273',
} as const;

export const hoiioRates: HoiioRate[] = [
	{ prefix: '+65', sms: 0.032, voice: 0.018, fax: 0.05 },
	{ prefix: '+1', sms: 0.02, voice: 0.01, fax: 0.03 },
	{ prefix: '+44', sms: 0.045, voice: 0.02, fax: 0.06 },
	{ prefix: '+60', sms: 0.04, voice: 0.03, fax: 0.08 },
	{ prefix: '+852', sms: 0.04, voice: 0.02, fax: 0.06 },
];

/** Longest matching prefix, else the default rate. */
export function rateFor(state: HoiioState, number: string): HoiioRate {
	let best: HoiioRate | undefined;
	for (const rate of state.rates) {
		if (number.startsWith(rate.prefix) && (!best || rate.prefix.length > best.prefix.length))
			best = rate;
	}
	return best ?? state.defaultRate;
}

export function balanceTotal(state: HoiioState): number {
	return round(state.balance.points + state.balance.bonus);
}

/** Bonus first, then points (may go below zero for a call that ran longer than the credit). */
export function debit(state: HoiioState, amount: number): void {
	const fromBonus = Math.min(state.balance.bonus, amount);
	state.balance.bonus = round(state.balance.bonus - fromBonus);
	state.balance.points = round(state.balance.points - (amount - fromBonus));
}

/** A refund (a failed SMS) goes back to the main points. */
export function credit(state: HoiioState, amount: number): void {
	state.balance.points = round(state.balance.points + amount);
}

export function nextRef(state: HoiioState, kind: string): string {
	state.sequence += 1;
	return `AA-${kind}-${state.sequence}`;
}

export function nextSequence(state: HoiioState): number {
	state.sequence += 1;
	return state.sequence;
}

function seedDate(start: string, stepMinutes: number, index: number): string {
	const base = Date.parse(`${start.replace(' ', 'T')}+08:00`);
	const date = new Date(base + index * stepMinutes * 60000 + 8 * 3600000);
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

const contacts = ['+6581112222', '+6590001111', '+14155550123', '+447700900123', '+60123456789'];

function seedSms(state: HoiioState): void {
	for (let index = 0; index < hoiioSeed.seededSmsCount; index++) {
		const txn_ref = nextRef(state, 'S');
		const date = seedDate('2014-01-01 09:00:00', 150, index);
		if (index % 20 === 7) {
			const from = contacts[index % contacts.length];
			state.sms.push({
				txn_ref: txn_ref.replace('AA-S-', 'AA-SI-'),
				direction: 'incoming',
				sms_status: 'received',
				date,
				src: from,
				dest: hoiioSeed.usNumber,
				msg: `Reply ${index}`,
				split_count: 1,
				is_unicode: false,
				currency: 'SGD',
				rate: state.incomingRates.sms,
				debit: state.incomingRates.sms,
			});
			continue;
		}
		const dest = contacts[index % contacts.length];
		const rate = rateFor(state, dest).sms;
		const failed = index % 25 === 3;
		const msg = index % 10 === 0 ? `Long notice ${index}: ${'x'.repeat(170)}` : `Notice ${index}`;
		const split_count = msg.length > 160 ? 2 : 1;
		state.sms.push({
			txn_ref,
			direction: 'outgoing',
			tag: index % 3 === 0 ? 'seed' : undefined,
			sms_status: failed ? 'failed' : 'delivered',
			date,
			src: hoiioSeed.mobile,
			dest,
			msg,
			split_count,
			is_unicode: false,
			currency: 'SGD',
			rate,
			debit: failed ? 0 : round(rate * split_count),
		});
	}
}

function seedCalls(state: HoiioState): void {
	const statuses: HoiioCallStatus[] = ['answered', 'answered', 'answered', 'unanswered', 'busy'];
	for (let index = 0; index < 12; index++) {
		const dest2 = contacts[index % contacts.length];
		const rate = round(rateFor(state, hoiioSeed.mobile).voice + rateFor(state, dest2).voice);
		const status2 = statuses[index % statuses.length];
		const duration = status2 === 'answered' ? 1 + (index % 4) : 0;
		state.calls.push({
			txn_ref: nextRef(state, 'C'),
			kind: 'callback',
			tag: index % 2 === 0 ? 'seed' : undefined,
			dest1: hoiioSeed.mobile,
			dest2,
			call_status_dest1: 'answered',
			call_status_dest2: status2,
			date: seedDate('2014-02-01 10:00:00', 24 * 60, index),
			duration,
			currency: 'SGD',
			rate,
			debit: round(rate * duration),
		});
	}
	const room = `R-${nextSequence(state)}`;
	const conference: HoiioConference = { room, txn_refs: [], created: '2014-03-01 15:00:00' };
	for (const participant of contacts.slice(0, 2)) {
		const rate = rateFor(state, participant).voice;
		const txn_ref = nextRef(state, 'C');
		conference.txn_refs.push(txn_ref);
		state.calls.push({
			txn_ref,
			kind: 'conference',
			dest1: participant,
			room,
			call_status_dest1: 'answered',
			date: '2014-03-01 15:00:00',
			duration: 5,
			currency: 'SGD',
			rate,
			debit: round(rate * 5),
		});
	}
	state.conferences.push(conference);
}

function seedFaxes(state: HoiioState): void {
	for (let index = 0; index < hoiioSeed.seededFaxCount; index++) {
		const incoming = index % 3 === 2;
		const txn_ref = nextRef(state, incoming ? 'FI' : 'F');
		const pdf = blankPdf(1 + (index % 3));
		const remote = contacts[index % 2];
		const rate = incoming ? state.incomingRates.fax : rateFor(state, remote).fax;
		const pages = pdfPageCount(pdf);
		const failed = index === 4;
		state.faxFiles.set(txn_ref, pdf);
		state.faxes.push({
			txn_ref,
			direction: incoming ? 'incoming' : 'outgoing',
			tag: incoming ? undefined : 'seed',
			src: incoming ? remote : hoiioSeed.sgNumber,
			dest: incoming ? hoiioSeed.sgFaxNumber : remote,
			filename: `seed-${index + 1}.pdf`,
			fax_status: failed ? 'failed' : 'answered',
			fax_pages: failed ? 0 : pages,
			file_size: pdf.length,
			date: seedDate('2014-04-01 11:00:00', 12 * 60, index),
			duration: failed ? 0 : 1,
			currency: 'SGD',
			rate,
			debit: failed ? 0 : round(rate * pages),
		});
	}
}

function numberRange(prefix: string, first: number, count: number, width: number): string[] {
	return Array.from(
		{ length: count },
		(_, index) => `${prefix}${String(first + index).padStart(width, '0')}`,
	);
}

function seedNumbers(state: HoiioState): void {
	state.countries = [
		{ code: 'SG', name: 'Singapore', prefix: '65' },
		{
			code: 'US',
			name: 'USA',
			prefix: '1',
			states: [
				{ code: 'CA', name: 'California', capability: ['VOICE', 'SMS'] },
				{ code: 'NJ', name: 'New Jersey', capability: ['VOICE', 'SMS'] },
				{ code: 'NY', name: 'New York', capability: ['VOICE', 'SMS'] },
			],
		},
		{ code: 'HK', name: 'Hong Kong', prefix: '852' },
	];
	state.availableNumbers = {
		// 120 numbers, so get_choices spans two pages.
		SG: numberRange('+653158', 1000, 120, 4).map((number) => ({
			number,
			capability: ['VOICE', 'FAX'],
		})),
		US: [
			...numberRange('+1415555', 200, 5, 4).map((number) => ({ number, state: 'CA' })),
			...numberRange('+1201555', 110, 5, 4).map((number) => ({ number, state: 'NJ' })),
			...numberRange('+1212555', 300, 3, 4).map((number) => ({ number, state: 'NY' })),
		].map((entry) => ({ ...entry, capability: ['VOICE', 'SMS'] as HoiioCapability[] })),
		HK: numberRange('+8523001', 1, 3, 4).map((number) => ({ number, capability: ['VOICE'] })),
	};
	state.numberRates = {
		SG: [
			{ duration: '1', rate: 10 },
			{ duration: '3', rate: 28 },
			{ duration: '12', rate: 100 },
		],
		US: [
			{ duration: '1', rate: 4 },
			{ duration: '3', rate: 11 },
			{ duration: '12', rate: 40 },
		],
		HK: [
			{ duration: '1', rate: 15 },
			{ duration: '3', rate: 42 },
			{ duration: '12', rate: 150 },
		],
	};
	state.numbers = [
		{
			number: hoiioSeed.sgNumber,
			country: 'SG',
			capabilities: ['VOICE', 'FAX'],
			forward_to: '',
			forward_sms_to: '',
			mode: 'voice',
			expiry: '2030-12-31',
			auto_extend_status: 'enabled',
		},
		{
			number: hoiioSeed.sgFaxNumber,
			country: 'SG',
			capabilities: ['VOICE', 'FAX'],
			forward_to: '',
			forward_sms_to: '',
			mode: 'fax',
			expiry: '2030-12-31',
			auto_extend_status: 'disabled',
		},
		...[hoiioSeed.usNumber, hoiioSeed.campaignNumber].map(
			(number): HoiioSubscribedNumber => ({
				number,
				country: 'US',
				state: 'NJ',
				capabilities: ['VOICE', 'SMS'],
				forward_to: '',
				forward_sms_to: '',
				mode: 'voice',
				expiry: '2030-06-30',
				auto_extend_status: 'enabled',
			}),
		),
	];
}

export function seedHoiioState(): HoiioState {
	const state: HoiioState = {
		account: {
			uid: 'AA-100000',
			name: 'Sandbox Developer',
			mobile_number: hoiioSeed.mobile,
			caller_ids: [hoiioSeed.mobile, hoiioSeed.sgNumber],
			email: 'developer@example.com',
			email_verified: true,
			country: 'SG',
			prefix: '+65',
			currency: 'SGD',
			time_zone: 'Asia/Singapore',
			user_status: 'live',
			sms_rebrand_status: 'enabled',
			call_rebrand_status: 'enabled',
		},
		balance: { points: 90, bonus: 10 },
		sms: [],
		calls: [],
		conferences: [],
		faxes: [],
		faxFiles: new Map(),
		ivrSessions: [],
		numbers: [],
		countries: [],
		availableNumbers: {},
		numberRates: {},
		rates: hoiioRates.map((rate) => ({ ...rate })),
		defaultRate: { prefix: '', sms: 0.06, voice: 0.05, fax: 0.1 },
		incomingRates: { sms: 0.01, fax: 0.01, voice: 0.01 },
		unreachable: [hoiioSeed.unreachable],
		rateLimitRemaining: 0,
		deliveries: [],
		sequence: 100000,
	};
	seedSms(state);
	seedCalls(state);
	seedFaxes(state);
	seedNumbers(state);
	return state;
}
