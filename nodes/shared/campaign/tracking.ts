/**
 * One item's view of a send: its Campaign options, the checks before it sends (Max Segments, the
 * send window, already sent, a dry run's probes) and what it records once the provider took it.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RequestSettings } from '../request';
import { costOf } from './campaignTally';
import type { RecipientStatus } from './campaignTally';
import type { CampaignSendSpec } from './checks';
import { numberOf, previewFields, smsText } from './checks';
import type { MessagePreview } from './messagePreview';
import type { CampaignOptionValues } from './options';
import { storedValue } from './processedRecipients';
import type { SendSession } from './sendSession';

/** One recipient of a send, with what it needs beyond its address. */
export interface SendRecipient {
	recipient: string;
	/** Its time zone for the Send Window, where it is not the item's (a bulk send from input items). */
	timeZone?: unknown;
	/** The input item it came from, named in errors about it. */
	itemIndex?: number;
}

/** Recipients to send to now, and the items of those that are not sent now. */
export interface Selection {
	toSend: string[];
	/** Skipped (already sent, no time zone, opted out), deferred (outside the window), or "would send". */
	held: IDataObject[];
}

/** What a send operation uses while it sends: its campaign, its checks and the counts. */
export interface SendTracking {
	/** The item's Campaign Key, when one is set. */
	readonly campaignKey?: string;
	/** Dry Run is on: `select` sends nobody and says what would happen to each recipient. */
	readonly dryRun: boolean;
	/** A Send Window is set: recipients need a phone number or a Time Zone. */
	readonly hasSendWindow: boolean;
	/**
	 * Checks the message (Max Segments) and each recipient (send window, already sent in the
	 * campaign or by another item of this run; in a dry run also the provider's opt-out list and
	 * rates), and splits the distinct recipients into those to send to now and items for the others.
	 * Call it once per send, before anything is sent; `values` are the item's checked values.
	 */
	select(
		recipients: Array<string | SendRecipient>,
		values: Record<string, unknown>,
	): Promise<Selection>;
	/** The fields of a recipient's item once sent: recipient, status, campaign key, the text's preview. */
	sentFields(recipient: string): IDataObject;
	/** The fields every item of the send carries: its campaign key and the text's preview (after `select`). */
	readonly campaignFields: IDataObject;
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
 * One item's view of the send session: its campaign (when the item names one), its options and
 * the shared counts. Recipients taken by an item of this run are `claimed`, so two items never send
 * to the same one.
 */
export class CampaignTracking implements SendTracking {
	readonly campaignKey: string | undefined;
	readonly dryRun: boolean;
	private readonly skipAlreadySent: boolean;
	private preview?: MessagePreview;

	constructor(
		private readonly session: SendSession,
		private readonly itemIndex: number,
		private readonly options: CampaignOptionValues,
		private readonly spec: CampaignSendSpec,
		private readonly settings: RequestSettings,
	) {
		const key = typeof options.campaignKey === 'string' ? options.campaignKey.trim() : '';
		this.campaignKey = key === '' ? undefined : key;
		this.skipAlreadySent = options.skipAlreadySent !== false;
		this.dryRun = options.dryRun === true;
	}

	get hasSendWindow(): boolean {
		return this.options.sendWindow?.window !== undefined;
	}

	private values(recipients: string[]): string[] {
		return recipients.map((recipient) => storedValue(this.campaignKey as string, recipient));
	}

	get campaignFields(): IDataObject {
		return {
			...(this.campaignKey === undefined ? {} : { campaignKey: this.campaignKey }),
			...previewFields(this.preview),
		};
	}

	sentFields(recipient: string): IDataObject {
		return { recipient, status: 'sent', ...this.campaignFields };
	}

	async select(
		recipients: Array<string | SendRecipient>,
		values: Record<string, unknown>,
	): Promise<Selection> {
		const entries = recipients.map((entry) =>
			typeof entry === 'string' ? { recipient: entry } : entry,
		);
		this.session.plan(this.itemIndex, entries.length);
		const text = smsText(this.spec, (name) => values[name]);
		if (text !== undefined && this.spec.sms) {
			const { checks } = this.session;
			this.preview = checks.preview(text);
			const refusal = checks.tooLong(
				this.preview,
				this.options,
				this.itemIndex,
				this.spec.sms.displayName,
			);
			if (refusal) throw refusal;
		}
		const held: IDataObject[] = [];
		const outside = this.outsideWindow(entries);
		const itemOf = (recipient: string) => outside.get(recipient)?.item ?? {};
		const order = entries.map((entry) => entry.recipient);
		// Without a time zone a recipient cannot be placed in the window: skipped, not looked up.
		const unplaced = order.filter((recipient) => outside.get(recipient)?.status === 'skipped');
		const placed = unplaced.length > 0 ? order.filter((r) => !unplaced.includes(r)) : order;
		const { toSend: fresh, skipped } = await this.notYetSent(placed);
		held.push(...unplaced.map(itemOf), ...skipped);
		// One already sent shows as skipped; one not sent yet but outside its window waits, unclaimed.
		const deferred = fresh.filter((recipient) => outside.has(recipient));
		this.release(deferred);
		held.push(...deferred.map(itemOf));
		const toSend = deferred.length > 0 ? fresh.filter((r) => !outside.has(r)) : fresh;
		// A dry run sends nobody: the recipients it would send to become items too.
		const selection = this.dryRun ? { toSend: [], held } : { toSend, held };
		if (this.dryRun) held.push(...(await this.rehearse(toSend, held)));
		const common = this.campaignFields;
		for (const item of selection.held) {
			Object.assign(item, common);
			this.session.count(item.status as RecipientStatus, this.preview, item);
		}
		this.session.progress.update();
		return selection;
	}

	/**
	 * The recipients outside the send window, with their items: deferred until it opens, or skipped
	 * when their time zone is not known. Empty without a Send Window; a bad one, or a bad item Time
	 * Zone, is an error before anything is looked up or sent.
	 */
	private outsideWindow(
		entries: SendRecipient[],
	): Map<string, { status: string; item: IDataObject }> {
		const outside = new Map<string, { status: string; item: IDataObject }>();
		const { checks } = this.session;
		const gate = checks.windowGate(this.options, this.itemIndex);
		if (!gate) return outside;
		for (const entry of entries) {
			const timeZone = 'timeZone' in entry ? entry.timeZone : this.options.timeZone;
			const itemIndex = entry.itemIndex ?? this.itemIndex;
			const place = checks.place(
				gate,
				entry.recipient,
				numberOf(entry.recipient),
				timeZone,
				itemIndex,
			);
			if (!place.inside) outside.set(entry.recipient, place);
		}
		return outside;
	}

	/** Those not sent yet in the campaign nor taken by another item of this run; items for the others. */
	private async notYetSent(
		recipients: string[],
	): Promise<{ toSend: string[]; skipped: IDataObject[] }> {
		const { claimed } = this.session;
		const campaignKey = this.campaignKey;
		if (campaignKey === undefined || !this.skipAlreadySent)
			return { toSend: [...recipients], skipped: [] };
		const fresh: string[] = [];
		const skipped: IDataObject[] = [];
		for (const recipient of recipients) {
			const value = storedValue(campaignKey, recipient);
			if (claimed.has(value)) {
				const reason = `already sent in campaign "${campaignKey}" by another item of this run`;
				skipped.push(skippedItem(recipient, reason));
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
				skipped.push(skippedItem(recipient, `already sent in campaign "${campaignKey}"`));
			else toSend.push(recipient);
		}
		return { toSend, skipped };
	}

	/**
	 * A dry run's "would send" items: each recipient the send would reach, with its estimated cost
	 * where the provider has rates; one on the provider's opt-out list goes to `held` as skipped.
	 */
	private async rehearse(recipients: string[], held: IDataObject[]): Promise<IDataObject[]> {
		const probes = this.spec.dryRun ?? {};
		const { checks, context } = this.session;
		const segments = this.preview?.segments ?? 1;
		const wouldSend: IDataObject[] = [];
		for (const recipient of recipients) {
			if (await probes.optedOut?.(context, recipient, this.itemIndex, this.settings)) {
				held.push(skippedItem(recipient, "opted out: the provider's opt-out list has it"));
				continue;
			}
			const rate = await checks.rate(probes, recipient, this.itemIndex, this.settings);
			const cost = costOf(rate, segments);
			wouldSend.push({
				recipient,
				status: 'would send',
				...(cost ? { estimatedCost: cost.amount, currency: cost.currency } : {}),
			});
		}
		return wouldSend;
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
		this.session.count('sent', this.preview, undefined, recipients.length);
		this.session.progress.update();
	}

	failed(recipients: string[]): void {
		this.release(recipients);
		this.session.count('failed', undefined, undefined, recipients.length);
		this.session.progress.update();
	}

	notSent(recipients: string[]): void {
		this.release(recipients);
		this.session.count('skipped', undefined, undefined, recipients.length);
		this.session.progress.update();
	}
}
