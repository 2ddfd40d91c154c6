import type { IDataObject, INodeExecutionData, IRun, ITriggerFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { DEFAULT_RUN_WAIT_SECONDS, type TriggerOptions } from './triggerParameters';

/** Sleeps in short steps, so nothing outlives the trigger by more than a moment after it stopped. */
export async function waitUnlessStopped(ms: number, stopped: () => boolean): Promise<void> {
	const until = Date.now() + ms;
	while (!stopped() && Date.now() < until) await sleep(Math.min(100, until - Date.now()));
}

/** Whether `promise` settles within `ms`; the wait ends early once `giveUp()` says so. */
async function settlesWithin(
	promise: Promise<unknown>,
	ms: number,
	giveUp: () => boolean,
): Promise<boolean> {
	let settled = false;
	const settling = promise.then(
		() => (settled = true),
		() => (settled = true),
	);
	const timeUp = waitUnlessStopped(ms, () => settled || giveUp()).then(() => settled);
	return await Promise.race([settling, timeUp]);
}

/**
 * Hands items to the workflow: one execution at a time, in arrival order, each awaited (so the message is
 * acknowledged once its run finished), or gathered into batches for high-rate telemetry.
 */
export class WorkflowDelivery {
	private stopped = false;
	/** Deactivated and past its grace: a run still going is not waited for. */
	private closed = false;
	private batch: IDataObject[] = [];
	private batchTimer = false;
	private batchGeneration = 0;
	/** Emits run one after another, in arrival order. */
	private chain: Promise<void> = Promise.resolve();

	constructor(
		private readonly context: ITriggerFunctions,
		private readonly options: TriggerOptions,
		private readonly manual: boolean,
	) {}

	/** Resolves when the message may be acknowledged: its run finished, or it joined a batch. */
	async deliver(item: IDataObject): Promise<void> {
		const batchSize = this.options.batchSize ?? 1;
		if (this.manual || batchSize <= 1) {
			await this.enqueue([item]);
			return;
		}
		// In a batch, earlier messages are acknowledged as they join it; the one that fills it waits for the run.
		this.batch.push(item);
		if (this.batch.length >= batchSize) {
			await this.flush();
			return;
		}
		if (!this.batchTimer) this.closeBatchLater();
	}

	/**
	 * Deactivation: nothing new is gathered, but a batch being gathered was acknowledged already, so it
	 * still runs (and `settled` waits for it).
	 */
	stop(): void {
		this.stopped = true;
		void this.flush().catch(() => {});
	}

	/** Whether every run started so far finished within `graceMs`; after that no run is waited for any more. */
	async settled(graceMs: number): Promise<boolean> {
		let settled = false;
		void this.chain.then(() => (settled = true));
		const until = Date.now() + graceMs;
		while (!settled && Date.now() < until) await sleep(20);
		this.closed = true;
		return settled;
	}

	private closeBatchLater(): void {
		this.batchTimer = true;
		const generation = this.batchGeneration;
		void (async () => {
			await waitUnlessStopped(this.options.batchWindowMs ?? 1000, () => this.stopped);
			this.batchTimer = false;
			// A batch filled up meanwhile was already sent; this window belonged to it.
			if (generation === this.batchGeneration && !this.stopped) await this.flush();
		})();
	}

	private async flush(): Promise<void> {
		this.batchGeneration++;
		this.batchTimer = false;
		const items = this.batch.splice(0);
		if (items.length > 0) await this.enqueue(items);
	}

	private async enqueue(items: IDataObject[]): Promise<void> {
		const run = this.chain.then(async () => await this.emit(items));
		this.chain = run.catch(() => {});
		await run;
	}

	private async emit(items: IDataObject[]): Promise<void> {
		const data: INodeExecutionData[][] = [this.context.helpers.returnJsonArray(items)];
		if (this.manual || this.options.oneAtATime === false) {
			this.context.emit(data);
			return;
		}
		const done = this.context.helpers.createDeferredPromise<IRun>();
		this.context.emit(data, undefined, done);
		// A failed execution is in the execution list either way; the message is not redelivered forever.
		const limitSeconds = this.options.runWaitSeconds ?? DEFAULT_RUN_WAIT_SECONDS;
		if (limitSeconds <= 0) {
			await done.promise.catch(() => {});
			return;
		}
		if (await settlesWithin(done.promise, limitSeconds * 1000, () => this.closed)) return;
		// n8n in queue mode can miss the end of a run that a worker finished quickly (n8n-nodes-telco-iot-mqtt/
		// README.md, "One message at a time in queue mode"); waiting on would stop the trigger for good.
		if (!this.closed)
			this.context.logger.warn(
				`SmartLiving trigger: n8n did not report the end of a run within ${limitSeconds} s; taking the next message (see "One message at a time in queue mode" in the n8n-nodes-telco-iot-mqtt README)`,
			);
	}
}
