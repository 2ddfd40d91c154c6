import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ParameterReader } from '../operations/parameters';
import { eachItemParameters } from '../operations/parameters';
import type { RequestSettings } from '../request';
import { CampaignTally } from './campaignTally';
import type { RecipientStatus } from './campaignTally';
import type { CampaignSendSpec } from './checks';
import { CampaignChecks, smsText } from './checks';
import type { MessagePreview } from './messagePreview';
import type { CampaignOptionValues } from './options';
import { CAMPAIGN_OPTIONS } from './options';
import { ProcessedRecipients } from './processedRecipients';
import { PROGRESS_MIN_RECIPIENTS, SendProgress } from './sendProgress';
import type { SendTracking } from './tracking';
import { CampaignTracking } from './tracking';

/** A send item of the run, as the executor finds it before any item starts. */
export interface PlannedSend {
	itemIndex: number;
	spec: CampaignSendSpec & { recipientField?: string };
}

/**
 * The sends of one node execution: one campaign record shared by every item (so two items never
 * send to the same recipient of a campaign), the checks, and the counts behind the progress lines
 * and the summary hint.
 */
export class SendSession {
	readonly processed: ProcessedRecipients;
	readonly progress: SendProgress;
	readonly checks: CampaignChecks;
	/** Recipients taken by an item of this run, by stored value: being sent, or sent. */
	readonly claimed = new Set<string>();
	private readonly planned = new Set<number>();
	private readonly options = new Map<number, CampaignOptionValues>();
	private tally?: CampaignTally;

	constructor(
		readonly context: IExecuteFunctions,
		private readonly parameters: ParameterReader = eachItemParameters(context),
	) {
		this.processed = new ProcessedRecipients(context);
		this.progress = new SendProgress(context);
		this.checks = new CampaignChecks(context);
	}

	private optionsOf(itemIndex: number): CampaignOptionValues {
		let options = this.options.get(itemIndex);
		if (!options) {
			options = this.parameters.get(CAMPAIGN_OPTIONS, itemIndex, {}) as CampaignOptionValues;
			this.options.set(itemIndex, options);
		}
		return options;
	}

	/**
	 * Counts the send items of the run before any of them starts, for the progress total, and
	 * refuses a one-recipient-per-item SMS longer than its Max Segments before any item is sent.
	 */
	expectItems(sends: PlannedSend[]): void {
		this.progress.expectItems(sends.length);
		for (const { itemIndex, spec } of sends) {
			if (!spec.sms || !spec.recipientField) continue;
			const options = this.optionsOf(itemIndex);
			if (!options.maxSegments) continue;
			const text = smsText(spec, (name) => this.parameters.get(name, itemIndex, ''));
			if (text === undefined) continue;
			const refusal = this.checks.tooLong(
				this.checks.preview(text),
				options,
				itemIndex,
				spec.sms.displayName,
			);
			// With Continue On Fail the item fails on its own when it runs; the others go on.
			if (refusal && !this.context.continueOnFail()) throw refusal;
		}
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

	tracking(itemIndex: number, spec: CampaignSendSpec, settings: RequestSettings): SendTracking {
		const options = this.optionsOf(itemIndex);
		// A run is a dry run or not as its first send item says (a node's items rarely differ).
		this.tally ??= new CampaignTally(options.dryRun === true);
		return new CampaignTracking(this, itemIndex, options, spec, settings);
	}

	/** Counts recipients with one outcome, their segments and (in a dry run) their estimated cost. */
	count(
		status: RecipientStatus,
		preview: MessagePreview | undefined,
		item?: IDataObject,
		recipients = 1,
	): void {
		this.progress.add(status, recipients);
		this.tally ??= new CampaignTally(false);
		const cost =
			typeof item?.estimatedCost === 'number'
				? { amount: item.estimatedCost, currency: String(item.currency) }
				: undefined;
		this.tally.add({ status, segments: preview?.segments, cost }, recipients);
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

	/** A summary hint under the output once the run is over: what happened to the recipients. */
	finish(): void {
		const { progress, tally } = this;
		if (progress.done === 0 || !tally) return;
		if (tally.dryRun) this.context.addExecutionHints(tally.executionHint());
		else if (progress.done > 1 || progress.done > progress.sent) {
			const segments = tally.segments > 0 ? `; ${tally.segmentsText()}` : '';
			this.context.addExecutionHints({
				message: `Recipients: ${progress.summary()}${segments}`,
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
