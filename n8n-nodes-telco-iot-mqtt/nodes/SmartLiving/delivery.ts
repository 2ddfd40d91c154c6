import type { IDataObject, INodeExecutionData, IRun, ITriggerFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { TriggerOptions } from './triggerParameters';

/** Sleeps in short steps, so nothing outlives the trigger by more than a moment after it stopped. */
export async function waitUnlessStopped(ms: number, stopped: () => boolean): Promise<void> {
	const until = Date.now() + ms;
	while (!stopped() && Date.now() < until) await sleep(Math.min(100, until - Date.now()));
}

/**
 * Hands items to the workflow: one execution at a time, in arrival order, each awaited (so the message is
 * acknowledged once its run finished), or gathered into batches for high-rate telemetry.
 */
export class WorkflowDelivery {
	private stopped = false;
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

	/** Whether every run started so far finished within `graceMs`. */
	async settled(graceMs: number): Promise<boolean> {
		let settled = false;
		void this.chain.then(() => (settled = true));
		const until = Date.now() + graceMs;
		while (!settled && Date.now() < until) await sleep(20);
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
		try {
			await done.promise;
		} catch {
			// A failed execution is in the execution list; the message is not redelivered forever.
		}
	}
}
