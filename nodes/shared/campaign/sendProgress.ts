import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Sends that reach at least this many recipients report progress lines while they run (n8n shows
 * them in the browser console of a manual run); shorter ones only get the summary hint at the end.
 */
export const PROGRESS_MIN_RECIPIENTS = 100;

function formatCount(value: number): string {
	return value.toLocaleString('en-US');
}

/** Counts of one node execution's sends, reported while they run and summed up at the end. */
export class SendProgress {
	sent = 0;
	skipped = 0;
	failed = 0;
	/** Outside the send window: left for a later run. */
	deferred = 0;
	/** A dry run's recipients that a real run would send to. */
	wouldSend = 0;
	private planned = 0;
	/** Send items that have not said yet how many recipients they have; each has at least one. */
	private unplannedItems = 0;
	private reportedTenths = 0;

	constructor(private readonly context: IExecuteFunctions) {}

	expectItems(count: number): void {
		this.unplannedItems += count;
	}

	/** Adds recipients to the total; the first time for an item, they replace its place holder. */
	plan(recipients: number, firstForItem: boolean): void {
		if (firstForItem) this.unplannedItems = Math.max(0, this.unplannedItems - 1);
		this.planned += recipients;
	}

	itemUnplanned(): void {
		this.unplannedItems = Math.max(0, this.unplannedItems - 1);
	}

	get total(): number {
		return this.planned + this.unplannedItems;
	}

	get done(): number {
		return this.sent + this.skipped + this.failed + this.deferred + this.wouldSend;
	}

	add(status: 'sent' | 'skipped' | 'failed' | 'deferred' | 'would send', recipients: number): void {
		if (status === 'would send') this.wouldSend += recipients;
		else this[status] += recipients;
	}

	/** `3 sent, 1 skipped, 0 failed`, then deferred and would send where there are any. */
	summary(): string {
		const counts = [
			`${formatCount(this.sent)} sent`,
			`${formatCount(this.skipped)} skipped`,
			`${formatCount(this.failed)} failed`,
		];
		if (this.deferred > 0) counts.push(`${formatCount(this.deferred)} deferred`);
		if (this.wouldSend > 0) counts.push(`${formatCount(this.wouldSend)} would send`);
		return counts.join(', ');
	}

	/** A progress line at every tenth of a long send, in the browser console of a manual run. */
	update(): void {
		const total = this.total;
		if (total < PROGRESS_MIN_RECIPIENTS) return;
		const tenths = Math.floor((this.done * 10) / total);
		if (tenths <= this.reportedTenths) return;
		this.reportedTenths = tenths;
		this.context.sendMessageToUI(
			`${formatCount(this.done)} of ${formatCount(total)} recipients done: ${this.summary()}`,
		);
	}
}
