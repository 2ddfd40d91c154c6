/**
 * The wall clock of a campaign test: `Date` (and nothing else) reads a chosen moment and runs on from
 * it in real time, so send windows are checked at that moment while sockets, timers and the
 * emulators work as always.
 */
const REAL_TIMERS = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'requestAnimationFrame',
	'cancelAnimationFrame',
	'requestIdleCallback',
	'cancelIdleCallback',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
] as const;

/** From now on `Date` starts at `iso`; call `realClock()` (afterEach) to go back. */
export function clockAt(iso: string): void {
	jest.useFakeTimers({ now: new Date(iso), advanceTimers: true, doNotFake: [...REAL_TIMERS] });
}

export function realClock(): void {
	jest.useRealTimers();
}
