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
export function storedValue(campaignKey: string, recipient: string): string {
	return JSON.stringify([campaignKey, recipient]);
}
