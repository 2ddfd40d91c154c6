import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Recipients are remembered per node: n8n keeps processed data per workflow and, in the `node`
 * scope, per node ID, so renaming the node keeps its campaigns. The campaign key is part of every
 * stored value, so one node can run any number of campaigns side by side.
 */
const SCOPE = 'node' as const;
const MODE = { mode: 'entries' as const };

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
export class ProcessedRecipients {
	private checks: Array<Waiting<Set<string>>> = [];
	private records: Array<Waiting<void>> = [];
	private draining?: Promise<void>;
	/**
	 * Whether the node had recorded nothing when this execution first checked. Then nothing needs
	 * checking for the rest of it: what this execution sends, it also claims (see sendSession.ts).
	 */
	private emptyAtStart?: boolean;

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

	/**
	 * Which values were recorded, leaving the record as it was. n8n has no check without recording,
	 * so what a check records as new is taken back at once. A node that had recorded nothing when the
	 * execution began is not checked at all, so a dry run of a new campaign writes nothing.
	 */
	private async check(values: string[]): Promise<Set<string>> {
		const helpers = this.context.helpers;
		this.emptyAtStart ??= (await helpers.getProcessedDataCount(SCOPE, MODE)) === 0;
		if (this.emptyAtStart) return new Set();
		const result = await helpers.checkProcessedAndRecord(values, SCOPE, MODE);
		if (result.new.length > 0) await helpers.removeProcessed(result.new, SCOPE, MODE);
		return new Set(result.processed.map(String));
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
					const processed = await this.check(distinct(checks));
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
export function storedValue(campaignKey: string, recipient: string): string {
	return JSON.stringify([campaignKey, recipient]);
}
