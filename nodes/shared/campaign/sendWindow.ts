/**
 * Send windows: the local hours and days of the week a recipient may receive a message, applied in
 * the recipient's own time zone, and the moment the window next opens for one who is outside it.
 *
 * Times are wall-clock times in the recipient's zone, read through `Intl.DateTimeFormat`, which needs
 * no library and follows the zone's daylight saving rules. A window whose end is not after its start
 * (22:00 to 06:00) runs across midnight and belongs to the day it opens: Friday 22:00 to Saturday
 * 06:00 when Friday is one of its days. An end equal to the start means a whole day from that time.
 */
import { checkTimeZone, timeZoneOfNumber } from './timeZones';

/** The days of the week as n8n options offer them, Monday first. */
export const WEEKDAYS = [
	'monday',
	'tuesday',
	'wednesday',
	'thursday',
	'friday',
	'saturday',
	'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MINUTES_PER_DAY = 24 * 60;
/** `Date.getUTCDay()` numbers of the weekdays, in `WEEKDAYS` order. */
const DAY_NUMBERS = [1, 2, 3, 4, 5, 6, 0];
const SHORT_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface SendWindow {
	/** Minutes after local midnight the window opens (0 to 1439). */
	readonly start: number;
	/** Minutes after local midnight it closes (1 to 1440; at or before `start`: the next day). */
	readonly end: number;
	/** Days it opens on, as `Date.getUTCDay()` numbers (0 = Sunday). */
	readonly days: ReadonlySet<number>;
}

export interface SendWindowInput {
	/** Local opening time, `HH:mm` in 24-hour form. */
	start: unknown;
	/** Local closing time, `HH:mm`; `24:00` is midnight at the end of the day. */
	end: unknown;
	/**
	 * Days the window opens: weekday names or their first three letters (any case), cron numbers
	 * (0 or 7 = Sunday, 1 = Monday), ranges such as `Mon-Fri`, as a list or comma-separated text.
	 */
	days: unknown;
}

export type SendWindowCheck =
	| { valid: true; window: SendWindow }
	| { valid: false; reason: string };

/** Reads a send window from option values, or says what is wrong with them. */
export function parseSendWindow(input: SendWindowInput): SendWindowCheck {
	const start = minuteOfDay(input.start, false);
	if (start === undefined)
		return { valid: false, reason: `start ${JSON.stringify(input.start)} is not a time (HH:mm)` };
	const end = minuteOfDay(input.end, true);
	if (end === undefined)
		return { valid: false, reason: `end ${JSON.stringify(input.end)} is not a time (HH:mm)` };
	const days = parseDays(input.days);
	if (typeof days === 'string') return { valid: false, reason: days };
	if (days.size === 0) return { valid: false, reason: 'has no days of the week' };
	return { valid: true, window: { start, end, days } };
}

function minuteOfDay(value: unknown, isEnd: boolean): number | undefined {
	const match = /^(\d{1,2}):(\d{2})$/.exec(typeof value === 'string' ? value.trim() : '');
	if (!match) return undefined;
	const [hours, minutes] = [Number(match[1]), Number(match[2])];
	if (isEnd && hours === 24 && minutes === 0) return MINUTES_PER_DAY;
	return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

function dayNumber(token: string): number | undefined {
	if (/^\d$/.test(token)) return Number(token) <= 7 ? Number(token) % 7 : undefined;
	const name = token.toLowerCase();
	const index = WEEKDAYS.findIndex((day) => day === name || day.slice(0, 3) === name);
	return index === -1 ? undefined : DAY_NUMBERS[index];
}

function parseDays(value: unknown): Set<number> | string {
	const entries = Array.isArray(value) ? value : String(value ?? '').split(',');
	const days = new Set<number>();
	for (const entry of entries) {
		const text = String(entry).trim();
		if (text === '') continue;
		const [from, to, ...rest] = text.split(/\s*[-–]\s*/);
		const first = dayNumber(from);
		const last = to === undefined ? first : dayNumber(to);
		if (first === undefined || last === undefined || rest.length > 0)
			return `day "${text}" is not a day of the week`;
		// A range runs forward through the week: Fri-Mon is Friday to Monday.
		for (let day = first; ; day = (day + 1) % 7) {
			days.add(day);
			if (day === last) break;
		}
	}
	return days;
}

/** The window in words, for reasons and hints: `09:00–18:00, Mon–Fri`. */
export function describeSendWindow(window: SendWindow): string {
	return `${clock(window.start)}–${clock(window.end)}, ${describeDays(window.days)}`;
}

function clock(minutes: number): string {
	return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

function describeDays(days: ReadonlySet<number>): string {
	if (days.size === 7) return 'every day';
	const chosen = DAY_NUMBERS.map((day) => days.has(day));
	const runs: string[] = [];
	for (let index = 0; index < 7; index++) {
		if (!chosen[index] || (index > 0 && chosen[index - 1])) continue;
		let last = index;
		while (last + 1 < 7 && chosen[last + 1]) last++;
		const [from, to] = [SHORT_NAMES[DAY_NUMBERS[index]], SHORT_NAMES[DAY_NUMBERS[last]]];
		runs.push(last - index >= 2 ? `${from}–${to}` : last > index ? `${from}, ${to}` : from);
	}
	return runs.join(', ');
}

interface WallClock {
	year: number;
	month: number;
	day: number;
	/** Minutes after local midnight. */
	minute: number;
	second: number;
	/** 0 = Sunday. */
	weekday: number;
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The local date and time in a zone at an instant; formats are kept, as making one is slow. */
function wallClock(timeZone: string, instant: number): WallClock {
	let format = wallClockFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		wallClockFormats.set(timeZone, format);
	}
	const parts: Record<string, number> = {};
	for (const part of format.formatToParts(instant))
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
	return {
		year: parts.year,
		month: parts.month,
		day: parts.day,
		// Some engines write midnight as hour 24 even with h23.
		minute: (parts.hour % 24) * 60 + parts.minute,
		second: parts.second,
		weekday,
	};
}

/** The local time written as if it were UTC, so local times compare and subtract as numbers. */
function wallTime(clockAt: WallClock): number {
	return Date.UTC(clockAt.year, clockAt.month - 1, clockAt.day, 0, clockAt.minute, clockAt.second);
}

/** How far the zone's clocks are ahead of UTC at an instant, in milliseconds. */
function offsetAt(timeZone: string, instant: number): number {
	const whole = instant - (((instant % 1000) + 1000) % 1000);
	return wallTime(wallClock(timeZone, whole)) - whole;
}

function insideAt(window: SendWindow, timeZone: string, instant: number): boolean {
	const local = wallClock(timeZone, instant);
	const { start, end, days } = window;
	if (start < end) return days.has(local.weekday) && local.minute >= start && local.minute < end;
	return (
		(days.has(local.weekday) && local.minute >= start) ||
		(days.has((local.weekday + 6) % 7) && local.minute < end)
	);
}

/**
 * The instants at which the zone's clocks show a local date and time: one as a rule, two when the
 * clocks go back through it, and when they jump over it the instant they jump (the first moment
 * the local time is past it).
 */
function instantsShowing(timeZone: string, localTime: number): number[] {
	// Offsets a day either side hold those before and after any change near the time.
	const offsets = [
		...new Set([-DAY, 0, DAY].map((shift) => offsetAt(timeZone, localTime + shift))),
	];
	const candidates = offsets.map((offset) => localTime - offset).sort((a, b) => a - b);
	const exact = candidates.filter(
		(instant) => wallTime(wallClock(timeZone, instant)) === localTime,
	);
	if (exact.length > 0) return exact;
	// The clocks jump over this time: search the minute they jump, between the two readings.
	let [before, after] = [candidates[0], candidates[candidates.length - 1]];
	while (after - before > MINUTE) {
		const middle = before + Math.max(1, Math.floor((after - before) / 2 / MINUTE)) * MINUTE;
		if (wallTime(wallClock(timeZone, middle)) >= localTime) after = middle;
		else before = middle;
	}
	return [after];
}

/** The first instant after `now` at which the window opens in the zone. */
function nextOpening(window: SendWindow, timeZone: string, now: number): number {
	const today = wallClock(timeZone, now);
	let fallback: number | undefined;
	// Every chosen weekday comes round within 8 days; a clock change can skip one opening at most.
	for (let days = 0; days <= 14; days++) {
		const date = Date.UTC(today.year, today.month - 1, today.day + days);
		if (!window.days.has(new Date(date).getUTCDay())) continue;
		for (const instant of instantsShowing(timeZone, date + window.start * MINUTE)) {
			if (instant <= now) continue;
			// A window the clocks jump right over does not open that day.
			if (insideAt(window, timeZone, instant)) return instant;
			fallback ??= instant;
		}
	}
	return fallback ?? now + DAY;
}

/** An instant as ISO 8601 in the zone's local time with its offset: `2025-03-10T09:00:00+08:00`. */
export function localIsoTime(timeZone: string, instant: number): string {
	const local = wallClock(timeZone, instant);
	const offsetMinutes = Math.round((wallTime(local) - (instant - (instant % 1000))) / MINUTE);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const absolute = Math.abs(offsetMinutes);
	const date = `${local.year}-${pad(local.month)}-${pad(local.day)}`;
	const time = `${clock(local.minute)}:${pad(local.second)}`;
	return `${date}T${time}${sign}${clock(absolute)}`;
}

export type WindowState =
	| { inside: true }
	| { inside: false; opensAt: string; opensAtEpochMs: number };

/** Whether the window is open in a zone at `now`, and if not, when it opens next. */
export function sendWindowState(
	window: SendWindow,
	timeZone: string,
	now: Date | number,
): WindowState {
	const instant = typeof now === 'number' ? now : now.getTime();
	if (insideAt(window, timeZone, instant)) return { inside: true };
	const opening = nextOpening(window, timeZone, instant);
	return { inside: false, opensAt: localIsoTime(timeZone, opening), opensAtEpochMs: opening };
}

/** Where a recipient's time zone came from: the item, or the number's country (or region). */
export type TimeZoneSource = 'item' | 'number';

export type RecipientWindow =
	| { outcome: 'inside'; timeZone: string; timeZoneSource: TimeZoneSource }
	| {
			outcome: 'outside';
			timeZone: string;
			timeZoneSource: TimeZoneSource;
			/** When the window next opens, ISO 8601 in the recipient's local time with its offset. */
			opensAt: string;
			opensAtEpochMs: number;
			reason: string;
	  }
	/**
	 * No usable time zone. `cause` says whose fault: the item's Time Zone is not a zone (bad input),
	 * or the number's country code is not in the table (the item can give a Time Zone).
	 */
	| { outcome: 'noTimeZone'; cause: 'itemTimeZone' | 'unknownCountry'; reason: string };

/**
 * One send window checked for many recipients at one moment, as a send needs it: each recipient in
 * the time zone of the item (when given) or of their number's country, each zone worked out once.
 */
export class SendWindowGate {
	private readonly now: number;
	private readonly states = new Map<string, WindowState>();
	/** Item time zones as checked: checking one builds an `Intl.DateTimeFormat`, which is slow. */
	private readonly itemZones = new Map<unknown, ReturnType<typeof checkTimeZone>>();

	constructor(
		readonly window: SendWindow,
		now: Date | number,
	) {
		this.now = typeof now === 'number' ? now : now.getTime();
	}

	/**
	 * Where a recipient stands. `recipient` is an E.164 number; `itemTimeZone`, when not empty, is
	 * used instead of the number's zone (an expression can give it per item).
	 */
	check(recipient: string, itemTimeZone?: unknown): RecipientWindow {
		let timeZone: string;
		let timeZoneSource: TimeZoneSource;
		let zoneNote = '';
		if (itemTimeZone !== undefined && itemTimeZone !== null && itemTimeZone !== '') {
			let check = this.itemZones.get(itemTimeZone);
			if (!check) {
				check = checkTimeZone(itemTimeZone);
				this.itemZones.set(itemTimeZone, check);
			}
			if (!check.valid)
				return { outcome: 'noTimeZone', cause: 'itemTimeZone', reason: check.reason };
			[timeZone, timeZoneSource] = [check.timeZone, 'item'];
		} else {
			const found = timeZoneOfNumber(recipient);
			if (!found)
				return {
					outcome: 'noTimeZone',
					cause: 'unknownCountry',
					reason: `the time zone of ${recipient} is not known from its country code: give the item a time zone`,
				};
			[timeZone, timeZoneSource] = [found.timeZone, 'number'];
			if (found.countryDefault) zoneNote = ` (the default for +${found.prefix} numbers)`;
		}
		let state = this.states.get(timeZone);
		if (!state) {
			state = sendWindowState(this.window, timeZone, this.now);
			this.states.set(timeZone, state);
		}
		if (state.inside) return { outcome: 'inside', timeZone, timeZoneSource };
		const where = `outside the send window (${describeSendWindow(this.window)}) in ${timeZone}${zoneNote}`;
		return {
			outcome: 'outside',
			timeZone,
			timeZoneSource,
			opensAt: state.opensAt,
			opensAtEpochMs: state.opensAtEpochMs,
			reason: `${where}; it opens at ${state.opensAt}`,
		};
	}
}
