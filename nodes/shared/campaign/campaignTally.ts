/**
 * The counts behind a send's summary hint: what happened to each recipient (or, in a dry run, what
 * would have), the SMS segments, and the cost where a provider tells rates, kept per currency.
 */
import type { NodeExecutionHint } from 'n8n-workflow';

/** What happened to one recipient, as its output item's `status` says it. */
export type RecipientStatus = 'sent' | 'would send' | 'skipped' | 'deferred' | 'failed';

/** The order the summary lists them in. */
const STATUSES: RecipientStatus[] = ['sent', 'would send', 'skipped', 'deferred', 'failed'];

export interface Cost {
	amount: number;
	/** ISO 4217 code as the provider gives it (`SGD`, `USD`). */
	currency: string;
}

/** What a send costs at a rate per SMS segment; `undefined` when the rate is not known. */
export function costOf(ratePerSegment: Cost | undefined, segments: number): Cost | undefined {
	if (ratePerSegment === undefined || !Number.isFinite(ratePerSegment.amount)) return undefined;
	return {
		amount: roundAmount(ratePerSegment.amount * segments),
		currency: ratePerSegment.currency,
	};
}

/** Rates are fractions of a cent; six decimals keep sums of them free of floating-point dust. */
function roundAmount(amount: number): number {
	return Math.round(amount * 1e6) / 1e6;
}

export interface RecipientOutcome {
	status: RecipientStatus;
	/** SMS segments the message takes (counted for recipients sent or to be sent). */
	segments?: number;
	/** The (estimated) cost for this recipient, when the provider gives a rate. */
	cost?: Cost;
}

function formatCount(value: number): string {
	return value.toLocaleString('en-US');
}

function formatCost(cost: Cost): string {
	try {
		return new Intl.NumberFormat('en-US', {
			style: 'currency',
			currency: cost.currency,
			currencyDisplay: 'code',
			minimumFractionDigits: 2,
			maximumFractionDigits: 4,
		})
			.format(cost.amount)
			.replace(/\u00a0/g, ' '); // Intl puts a no-break space after the code
	} catch {
		// Not an ISO 4217 code: show it as the provider wrote it.
		return `${cost.currency} ${cost.amount}`;
	}
}

/**
 * Counts recipients by status, the segments of those sent (or to be sent), and their cost per
 * currency. One tally per node execution; `add` as each recipient's outcome is known.
 */
export class CampaignTally {
	private readonly counts = new Map<RecipientStatus, number>();
	private segmentTotal = 0;
	private readonly costs = new Map<string, number>();
	/** Recipients sent (or to be sent) that came with a cost, and all of them. */
	private priced = 0;
	private sending = 0;

	constructor(readonly dryRun = false) {}

	/** Counts `recipients` recipients with this outcome (each with the outcome's segments and cost). */
	add(outcome: RecipientOutcome, recipients = 1): void {
		this.counts.set(outcome.status, this.count(outcome.status) + recipients);
		if (outcome.status !== 'sent' && outcome.status !== 'would send') return;
		this.sending += recipients;
		this.segmentTotal += (outcome.segments ?? 0) * recipients;
		if (outcome.cost) {
			this.priced += recipients;
			const { currency, amount } = outcome.cost;
			this.costs.set(currency, roundAmount((this.costs.get(currency) ?? 0) + amount * recipients));
		}
	}

	count(status: RecipientStatus): number {
		return this.counts.get(status) ?? 0;
	}

	get recipients(): number {
		return STATUSES.reduce((total, status) => total + this.count(status), 0);
	}

	get segments(): number {
		return this.segmentTotal;
	}

	/** The cost total per currency, of the recipients whose cost was known. */
	get costTotals(): Cost[] {
		return [...this.costs].map(([currency, amount]) => ({ currency, amount }));
	}

	/** `2,400 SMS segments`. */
	segmentsText(): string {
		return `${formatCount(this.segmentTotal)} SMS segment${this.segmentTotal === 1 ? '' : 's'}`;
	}

	/**
	 * One line for the execution hint: `Dry run: 1,200 would send, 56 deferred; 2,400 SMS segments;
	 * estimated cost SGD 24.00`. Statuses no recipient had are left out.
	 */
	summary(): string {
		const counts = STATUSES.filter((status) => this.count(status) > 0).map(
			(status) => `${formatCount(this.count(status))} ${status}`,
		);
		const parts = [counts.length > 0 ? counts.join(', ') : 'no recipients'];
		if (this.segmentTotal > 0) parts.push(this.segmentsText());
		if (this.priced > 0) {
			const total = this.costTotals.map(formatCost).join(' + ');
			const coverage =
				this.priced < this.sending
					? ` for ${formatCount(this.priced)} of ${formatCount(this.sending)} recipients (no rate for the others)`
					: '';
			parts.push(`${this.dryRun ? 'estimated cost' : 'cost'} ${total}${coverage}`);
		}
		return `${this.dryRun ? 'Dry run' : 'Recipients'}: ${parts.join('; ')}`;
	}

	/** The summary as an execution hint under the output: a warning when any recipient failed. */
	executionHint(): NodeExecutionHint {
		return {
			message: this.summary(),
			type: this.count('failed') > 0 ? 'warning' : 'info',
			location: 'outputPane',
		};
	}
}
