import { sleep } from 'n8n-workflow';

/**
 * Spaces requests evenly to at most `ratePerSecond`, never more than that in any second, and lets one rate-limited answer slow every request that
 * shares the scheduler down, not just the one that got it. Shared by all items of an execution (and
 * all nodes of it that use the same credential), so a campaign keeps to the provider's limit as a whole.
 */
/**
 * Requests reach the provider a few milliseconds earlier or later than they leave: a window of one
 * second plus this margin keeps at most the limit inside any second the provider measures.
 */
const WINDOW_MARGIN_MS = 30;

export class RequestScheduler {
	private nextSlot = 0;
	private pausedUntil = 0;
	/** When the latest requests went out, as many as the limit allows per second. */
	private readonly sent: number[] = [];

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

	/** Resolves when this request may go out. */
	async acquire(): Promise<void> {
		for (;;) {
			const now = this.now();
			const interval = this.ratePerSecond ? 1000 / this.ratePerSecond : 0;
			let slot = Math.max(now, this.nextSlot, this.pausedUntil);
			const perWindow = this.ratePerSecond ? Math.max(1, Math.floor(this.ratePerSecond)) : 0;
			if (perWindow > 0 && this.sent.length >= perWindow) {
				slot = Math.max(slot, this.sent[this.sent.length - perWindow] + 1000 + WINDOW_MARGIN_MS);
			}
			this.nextSlot = slot + interval;
			if (perWindow > 0) {
				this.sent.push(slot);
				if (this.sent.length > perWindow) this.sent.splice(0, this.sent.length - perWindow);
			}
			if (slot <= now) return;
			await this.wait(slot - now);
			// A pause that arrived while waiting pushes this request back too.
			if (this.now() >= this.pausedUntil) return;
		}
	}

	/** The provider asked to slow down: nobody sends before `ms` from now. */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
	}
}

const schedulers = new Map<string, { scheduler: RequestScheduler; lastUsed: number }>();
const IDLE_MS = 10 * 60_000;

/**
 * The scheduler of one credential within one execution. Kept in module scope because n8n loads a node
 * module once per process; entries are dropped after ten idle minutes.
 */
export function schedulerFor(key: string, ratePerSecond: number | undefined): RequestScheduler {
	const now = Date.now();
	for (const [existingKey, entry] of schedulers) {
		if (now - entry.lastUsed > IDLE_MS) schedulers.delete(existingKey);
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
