import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The collection of campaign options every send operation gets. */
export const CAMPAIGN_OPTIONS = 'campaign';

/**
 * Sends that reach at least this many recipients report progress lines while they run (n8n shows
 * them in the browser console of a manual run); shorter ones only get the summary hint at the end.
 */
export const PROGRESS_MIN_RECIPIENTS = 100;

/**
 * Recipients are remembered per node: n8n keeps processed data per workflow and, in the `node`
 * scope, per node ID, so renaming the node keeps its campaigns. The campaign key is part of every
 * stored value, so one node can run any number of campaigns side by side.
 */
const SCOPE = 'node' as const;
const MODE = { mode: 'entries' as const };

interface CampaignOptionValues {
	campaignKey?: string;
	skipAlreadySent?: boolean;
}

/** What a send operation uses while it sends: the campaign record (when a key is set) and the counts. */
export interface SendTracking {
	/** The item's Campaign Key, when one is set. */
	readonly campaignKey?: string;
	/**
	 * Splits distinct recipients into those to send to now and output items for the ones skipped
	 * (already sent in the campaign, or sent to by another item of this run). Call it once per send.
	 */
	select(recipients: string[]): Promise<{ toSend: string[]; skipped: IDataObject[] }>;
	/** After a send succeeded: remembers its recipients under the campaign key, and counts them. */
	succeeded(recipients: string[]): Promise<void>;
	/** After a send failed: nothing is recorded, so a re-run sends to them; counts them as failed. */
	failed(recipients: string[]): void;
	/** The provider refused some recipients without sending (opted out): nothing is recorded. */
	notSent(recipients: string[]): void;
}

interface Waiting<T> {
	values: string[];
	resolve: (value: T) => void;
	reject: (error: unknown) => void;
}

/**
 * n8n's processed-data store for this node, one call at a time. Its rows are read, changed and
 * written back (in the server, one database row per node), so calls for the same node must not
 * overlap: the items sent side by side queue their checks and records here, and what piles up while
 * one call runs goes in the next one.
 */
class ProcessedRecipients {
	private checks: Array<Waiting<Set<string>>> = [];
	private records: Array<Waiting<void>> = [];
	private draining?: Promise<void>;

	constructor(private readonly context: IExecuteFunctions) {}

	/** Which of these values were recorded before; records nothing. */
	async recorded(values: string[]): Promise<Set<string>> {
		return await new Promise((resolve, reject) => {
			this.checks.push({ values, resolve, reject });
			this.drain();
		});
	}

	async record(values: string[]): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.records.push({ values, resolve, reject });
			this.drain();
		});
	}

	private drain(): void {
		if (this.draining) return;
		this.draining = this.run().finally(() => {
			this.draining = undefined;
			if (this.checks.length > 0 || this.records.length > 0) this.drain();
		});
	}

	private async run(): Promise<void> {
		const helpers = this.context.helpers;
		while (this.records.length > 0 || this.checks.length > 0) {
			// Records first: a recipient sent a moment ago counts as sent for the checks that follow.
			const records = this.records.splice(0);
			if (records.length > 0) {
				try {
					await helpers.checkProcessedAndRecord(distinct(records), SCOPE, MODE);
					for (const waiting of records) waiting.resolve();
				} catch (error) {
					for (const waiting of records) waiting.reject(error);
				}
			}
			const checks = this.checks.splice(0);
			if (checks.length > 0) {
				try {
					// n8n has no check without recording: take back what this check recorded as new.
					const result = await helpers.checkProcessedAndRecord(distinct(checks), SCOPE, MODE);
					if (result.new.length > 0) await helpers.removeProcessed(result.new, SCOPE, MODE);
					const processed = new Set(result.processed.map(String));
					for (const waiting of checks) waiting.resolve(processed);
				} catch (error) {
					for (const waiting of checks) waiting.reject(error);
				}
			}
		}
	}
}

function distinct(waiting: Array<{ values: string[] }>): string[] {
	return [...new Set(waiting.flatMap((entry) => entry.values))];
}

/** The stored value of one recipient in one campaign; JSON keeps `a:b` + `c` apart from `a` + `b:c`. */
function storedValue(campaignKey: string, recipient: string): string {
	return JSON.stringify([campaignKey, recipient]);
}

function formatCount(value: number): string {
	return value.toLocaleString('en-US');
}

/** Counts of one node execution's sends, reported while they run and summed up at the end. */
class SendProgress {
	sent = 0;
	skipped = 0;
	failed = 0;
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
		return this.sent + this.skipped + this.failed;
	}

	summary(): string {
		return `${formatCount(this.sent)} sent, ${formatCount(this.skipped)} skipped, ${formatCount(this.failed)} failed`;
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

/** How one recipient that was not sent to shows in the output. */
export function skippedItem(recipient: string, reason: string, campaignKey?: string): IDataObject {
	return {
		recipient,
		status: 'skipped',
		skipped: true,
		reason,
		...(campaignKey === undefined ? {} : { campaignKey }),
	};
}

/**
 * The sends of one node execution: one campaign record shared by every item (so two items never
 * send to the same recipient of a campaign), and the counts behind the progress lines and the
 * summary hint.
 */
export class SendSession {
	private readonly processed: ProcessedRecipients;
	private readonly progress: SendProgress;
	/** Recipients taken by an item of this run, by stored value: being sent, or sent. */
	private readonly claimed = new Set<string>();
	private readonly planned = new Set<number>();

	constructor(private readonly context: IExecuteFunctions) {
		this.processed = new ProcessedRecipients(context);
		this.progress = new SendProgress(context);
	}

	/** Counts the send items of the run before any of them starts, for the progress total. */
	expectItems(count: number): void {
		this.progress.expectItems(count);
	}

	/** Ends an item: one that never chose recipients (a bulk send's other items) leaves the total. */
	itemDone(itemIndex: number): void {
		if (!this.planned.has(itemIndex)) this.progress.itemUnplanned();
	}

	tracking(itemIndex: number): SendTracking {
		const options = this.context.getNodeParameter(
			CAMPAIGN_OPTIONS,
			itemIndex,
			{},
		) as CampaignOptionValues;
		const key = typeof options.campaignKey === 'string' ? options.campaignKey.trim() : '';
		const campaignKey = key === '' ? undefined : key;
		const skipAlreadySent = options.skipAlreadySent !== false;
		const progress = this.progress;
		const claimed = this.claimed;
		const values = (recipients: string[]) =>
			recipients.map((recipient) => storedValue(campaignKey as string, recipient));

		return {
			campaignKey,
			select: async (recipients) => {
				progress.plan(recipients.length, !this.planned.has(itemIndex));
				this.planned.add(itemIndex);
				if (campaignKey === undefined || !skipAlreadySent)
					return { toSend: [...recipients], skipped: [] };
				const fresh: string[] = [];
				const skipped: IDataObject[] = [];
				for (const recipient of recipients) {
					const value = storedValue(campaignKey, recipient);
					if (claimed.has(value)) {
						skipped.push(
							skippedItem(
								recipient,
								`already sent in campaign "${campaignKey}" by another item of this run`,
								campaignKey,
							),
						);
					} else {
						// Taken before the check is awaited, so items running side by side cannot both take it.
						claimed.add(value);
						fresh.push(recipient);
					}
				}
				let recorded: Set<string>;
				try {
					recorded = fresh.length > 0 ? await this.processed.recorded(values(fresh)) : new Set();
				} catch (error) {
					for (const value of values(fresh)) claimed.delete(value);
					throw this.storeError(error, campaignKey, 'could not be read');
				}
				const toSend: string[] = [];
				for (const recipient of fresh) {
					if (recorded.has(storedValue(campaignKey, recipient)))
						skipped.push(
							skippedItem(recipient, `already sent in campaign "${campaignKey}"`, campaignKey),
						);
					else toSend.push(recipient);
				}
				progress.skipped += skipped.length;
				progress.update();
				return { toSend, skipped };
			},
			succeeded: async (recipients) => {
				if (campaignKey !== undefined && recipients.length > 0) {
					for (const value of values(recipients)) claimed.add(value);
					try {
						await this.processed.record(values(recipients));
					} catch (error) {
						throw this.storeError(
							error,
							campaignKey,
							`could not record ${recipients.length} recipient(s) that were sent to`,
						);
					}
				}
				progress.sent += recipients.length;
				progress.update();
			},
			failed: (recipients) => {
				if (campaignKey !== undefined)
					for (const value of values(recipients)) claimed.delete(value);
				progress.failed += recipients.length;
				progress.update();
			},
			notSent: (recipients) => {
				if (campaignKey !== undefined)
					for (const value of values(recipients)) claimed.delete(value);
				progress.skipped += recipients.length;
				progress.update();
			},
		};
	}

	private storeError(error: unknown, campaignKey: string, what: string): NodeOperationError {
		return new NodeOperationError(
			this.context.getNode(),
			`Campaign "${campaignKey}": n8n's record of sent recipients ${what}: ${(error as Error).message}`,
			{
				description:
					"The record lives in n8n's database (processed data of this node). Check the instance's database, then run again: recipients recorded as sent are skipped.",
			},
		);
	}

	/** A summary hint under the output once the run is over: how many were sent, skipped, failed. */
	finish(): void {
		const progress = this.progress;
		if (progress.done === 0) return;
		if (progress.done > 1 || progress.skipped > 0 || progress.failed > 0) {
			this.context.addExecutionHints({
				message: `Recipients: ${progress.summary()}`,
				type: progress.failed > 0 ? 'warning' : 'info',
				location: 'outputPane',
			});
		}
		if (progress.total >= PROGRESS_MIN_RECIPIENTS)
			this.context.sendMessageToUI(`Finished: ${progress.summary()}`);
	}
}

/** The recipients in a field's value: one value or a list, as text, each once. */
export function recipientsIn(value: unknown): string[] {
	const list = Array.isArray(value) ? value : [value];
	return [
		...new Set(
			list
				.filter((entry) => entry !== undefined && entry !== null && String(entry).trim() !== '')
				.map((entry) => String(entry).trim()),
		),
	];
}

/** Output items that mean nothing was sent (a provider refusing an opted-out recipient). */
export function nothingSent(items: INodeExecutionData[]): boolean {
	return items.length > 0 && items.every((item) => item.json.skipped === true);
}
