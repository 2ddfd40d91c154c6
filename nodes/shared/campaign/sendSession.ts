import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ProcessedRecipients, storedValue } from './processedRecipients';
import { PROGRESS_MIN_RECIPIENTS, SendProgress } from './sendProgress';

/** The collection of campaign options every send operation gets. */
export const CAMPAIGN_OPTIONS = 'campaign';

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
 * One item's view of the send session: its campaign (when the item names one) and the shared counts.
 * Recipients taken by an item of this run are `claimed`, so two items never send to the same one.
 */
class CampaignTracking implements SendTracking {
	private readonly skipAlreadySent: boolean;

	constructor(
		private readonly session: SendSession,
		private readonly itemIndex: number,
		readonly campaignKey: string | undefined,
		options: CampaignOptionValues,
	) {
		this.skipAlreadySent = options.skipAlreadySent !== false;
	}

	private values(recipients: string[]): string[] {
		return recipients.map((recipient) => storedValue(this.campaignKey as string, recipient));
	}

	private skip(recipient: string, reason: string): IDataObject {
		return skippedItem(recipient, reason, this.campaignKey);
	}

	async select(recipients: string[]): Promise<{ toSend: string[]; skipped: IDataObject[] }> {
		const { progress, claimed } = this.session;
		this.session.plan(this.itemIndex, recipients.length);
		const campaignKey = this.campaignKey;
		if (campaignKey === undefined || !this.skipAlreadySent)
			return { toSend: [...recipients], skipped: [] };
		const fresh: string[] = [];
		const skipped: IDataObject[] = [];
		for (const recipient of recipients) {
			const value = storedValue(campaignKey, recipient);
			if (claimed.has(value)) {
				const reason = `already sent in campaign "${campaignKey}" by another item of this run`;
				skipped.push(this.skip(recipient, reason));
			} else {
				// Taken before the check is awaited, so items running side by side cannot both take it.
				claimed.add(value);
				fresh.push(recipient);
			}
		}
		const recorded = await this.recorded(fresh);
		const toSend: string[] = [];
		for (const recipient of fresh) {
			if (recorded.has(storedValue(campaignKey, recipient)))
				skipped.push(this.skip(recipient, `already sent in campaign "${campaignKey}"`));
			else toSend.push(recipient);
		}
		progress.skipped += skipped.length;
		progress.update();
		return { toSend, skipped };
	}

	/** Which of these recipients the campaign's record holds; on failure they are no longer claimed. */
	private async recorded(recipients: string[]): Promise<Set<string>> {
		if (recipients.length === 0) return new Set();
		try {
			return await this.session.processed.recorded(this.values(recipients));
		} catch (error) {
			this.release(recipients);
			throw this.session.storeError(error, this.campaignKey as string, 'could not be read');
		}
	}

	private release(recipients: string[]): void {
		if (this.campaignKey === undefined) return;
		for (const value of this.values(recipients)) this.session.claimed.delete(value);
	}

	async succeeded(recipients: string[]): Promise<void> {
		const campaignKey = this.campaignKey;
		if (campaignKey !== undefined && recipients.length > 0) {
			for (const value of this.values(recipients)) this.session.claimed.add(value);
			try {
				await this.session.processed.record(this.values(recipients));
			} catch (error) {
				const what = `could not record ${recipients.length} recipient(s) that were sent to`;
				throw this.session.storeError(error, campaignKey, what);
			}
		}
		this.session.progress.sent += recipients.length;
		this.session.progress.update();
	}

	failed(recipients: string[]): void {
		this.release(recipients);
		this.session.progress.failed += recipients.length;
		this.session.progress.update();
	}

	notSent(recipients: string[]): void {
		this.release(recipients);
		this.session.progress.skipped += recipients.length;
		this.session.progress.update();
	}
}

/**
 * The sends of one node execution: one campaign record shared by every item (so two items never
 * send to the same recipient of a campaign), and the counts behind the progress lines and the
 * summary hint.
 */
export class SendSession {
	readonly processed: ProcessedRecipients;
	readonly progress: SendProgress;
	/** Recipients taken by an item of this run, by stored value: being sent, or sent. */
	readonly claimed = new Set<string>();
	private readonly planned = new Set<number>();

	constructor(private readonly context: IExecuteFunctions) {
		this.processed = new ProcessedRecipients(context);
		this.progress = new SendProgress(context);
	}

	/** Counts the send items of the run before any of them starts, for the progress total. */
	expectItems(count: number): void {
		this.progress.expectItems(count);
	}

	/** Adds an item's recipients to the total; its first plan replaces its place holder. */
	plan(itemIndex: number, recipients: number): void {
		this.progress.plan(recipients, !this.planned.has(itemIndex));
		this.planned.add(itemIndex);
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
		return new CampaignTracking(this, itemIndex, key === '' ? undefined : key, options);
	}

	storeError(error: unknown, campaignKey: string, what: string): NodeOperationError {
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
