import { sleep } from 'n8n-workflow';

/**
 * How long after the answer to a request the request `limit` places later may go out, on top of one
 * second: the provider counted the earlier request before it answered, so a second measured from the
 * answer holds at the provider whatever the network or n8n itself took on the way.
 */
const WINDOW_MARGIN_MS = 10;

/** Call when the request's answer (or its failure) has arrived. */
export type ReleaseRequest = () => void;

/** A request that went out, and when its answer arrived. */
interface InFlight {
	answered: Promise<number>;
	release: ReleaseRequest;
}

/**
 * Spaces requests evenly to at most `ratePerSecond`, never more than that in any second the provider
 * measures, and lets one rate-limited answer slow every request that shares the scheduler down, not just
 * the one that got it. Shared by all items of an execution (and all nodes of it that use the same
 * credential), so a campaign keeps to the provider's limit as a whole.
 */
export class RequestScheduler {
	private nextSlot = 0;
	private pausedUntil = 0;
	/** The latest requests, as many as the limit allows per second. */
	private readonly recent: InFlight[] = [];

	constructor(
		private ratePerSecond: number | undefined,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {}

	/** A later node may ask for a different limit; the stricter one wins for the shared scheduler. */
	limitTo(ratePerSecond: number | undefined): void {
		if (ratePerSecond === undefined || ratePerSecond <= 0) return;
		if (this.ratePerSecond === undefined || ratePerSecond < this.ratePerSecond)
			this.ratePerSecond = ratePerSecond;
	}

	get rate(): number | undefined {
		return this.ratePerSecond;
	}

	/**
	 * Resolves when this request may go out, with the function to call once its answer arrived: the
	 * request `limit` places later waits for that answer plus one second.
	 */
	async acquire(): Promise<ReleaseRequest> {
		const perWindow = this.ratePerSecond ? Math.max(1, Math.floor(this.ratePerSecond)) : 0;
		const interval = this.ratePerSecond ? 1000 / this.ratePerSecond : 0;
		// Taken in call order, before any wait, so concurrent callers keep their places.
		const windowStart = perWindow > 0 ? this.recent.at(-perWindow) : undefined;
		const request = this.inFlight();
		if (perWindow > 0) {
			this.recent.push(request);
			if (this.recent.length > perWindow) this.recent.splice(0, this.recent.length - perWindow);
		}
		let slot = Math.max(this.now(), this.nextSlot, this.pausedUntil);
		this.nextSlot = slot + interval;
		if (windowStart) slot = Math.max(slot, (await windowStart.answered) + 1000 + WINDOW_MARGIN_MS);
		for (;;) {
			const now = this.now();
			if (slot <= now) return request.release;
			await this.wait(slot - now);
			// A pause that arrived while waiting pushes this request back too.
			if (this.now() >= this.pausedUntil) return request.release;
			slot = this.pausedUntil;
		}
	}

	/** The provider asked to slow down: nobody sends before `ms` from now. */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
	}

	private inFlight(): InFlight {
		let release: ReleaseRequest = () => {};
		const answered = new Promise<number>((resolve) => {
			release = () => resolve(this.now());
		});
		return { answered, release };
	}
}

const schedulers = new Map<string, { scheduler: RequestScheduler; lastUsed: number }>();
const IDLE_MS = 10 * 60_000;
/** Idle schedulers are looked for at most this often, not on every item of every execution. */
const SWEEP_MS = 60_000;
let lastSweep = 0;

/**
 * The scheduler of one credential within one execution. Kept in module scope because n8n loads a node
 * module once per process; entries are dropped after ten idle minutes.
 */
export function schedulerFor(key: string, ratePerSecond: number | undefined): RequestScheduler {
	const now = Date.now();
	if (now - lastSweep >= SWEEP_MS) {
		lastSweep = now;
		for (const [existingKey, entry] of schedulers) {
			if (now - entry.lastUsed > IDLE_MS) schedulers.delete(existingKey);
		}
	}
	let entry = schedulers.get(key);
	if (!entry) {
		entry = { scheduler: new RequestScheduler(ratePerSecond), lastUsed: now };
		schedulers.set(key, entry);
	}
	entry.lastUsed = now;
	entry.scheduler.limitTo(ratePerSecond);
	return entry.scheduler;
}

/**
 * Runs `task` for every index with at most `concurrency` running at once. Results keep input order.
 * After a task fails, no new task starts; the failure of the lowest index is rethrown once the running
 * ones have settled, so nothing is left half-sent in the background.
 */
export async function mapConcurrent<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
): Promise<T[]> {
	const results = new Array<T>(count);
	const failures: Array<{ index: number; error: unknown }> = [];
	let next = 0;
	const worker = async () => {
		while (next < count && failures.length === 0) {
			const index = next++;
			try {
				results[index] = await task(index);
			} catch (error) {
				failures.push({ index, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	if (failures.length > 0) {
		failures.sort((a, b) => a.index - b.index);
		throw failures[0].error;
	}
	return results;
}
