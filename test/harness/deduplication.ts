/**
 * n8n's processed-data store (what `this.helpers.checkProcessedAndRecord` and its siblings use) for
 * the in-process harness. In the server, n8n-core's `DataDeduplicationService` is initialised with the
 * CLI's database-backed deduplicator: one `processed_data` row per (workflow, context), its value a
 * JSON `{mode, data}` read, changed in memory and written back. This keeps the same rows in memory,
 * with the same semantics, and stands in for the database only:
 * - the context is `n:<node id>` in the `node` scope and `''` in the `workflow` scope;
 * - `entries` mode stores MD5 hashes (base64) of the values, in the order they were recorded;
 * - the first call for a row inserts it, later calls update it; a second insert of the same row
 *   fails as the primary key makes it fail, and reads return copies, as rows read from a database;
 * - `maxEntries` keeps only the newest hashes; a value repeated within one call is recorded twice;
 * - `removeProcessed` removes the first matching hash per value;
 * - a row saved in another mode makes the call fail, as in the server.
 */
import { createHash } from 'node:crypto';

import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationMode,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
	IProcessedDataEntries,
	IProcessedDataLatest,
} from 'n8n-workflow';

interface ProcessedDataRow {
	workflowId: string;
	context: string;
	value: IProcessedDataEntries | IProcessedDataLatest;
}

const latestModes: DeduplicationMode[] = ['latestIncrementalKey', 'latestDate'];

/** A database round trip: other calls may run in between, as they may against a real database. */
const roundTrip = async () => await new Promise<void>((resolve) => setImmediate(resolve));

export class InMemoryProcessedData implements IDataDeduplicator {
	/** Rows by `workflowId` and context, stored as JSON as the database column keeps them. */
	private readonly rows = new Map<string, string>();

	private static key(workflowId: string, context: string): string {
		return JSON.stringify([workflowId, context]);
	}

	private static context(scope: DeduplicationScope, contextData: ICheckProcessedContextData) {
		if (scope === 'node') {
			if (!contextData.node)
				throw new Error("No node information has been provided and so cannot use scope 'node'");
			return `n:${contextData.node.id}`;
		}
		return '';
	}

	private static hash(value: DeduplicationItemTypes): string {
		return createHash('md5').update(value.toString()).digest('base64');
	}

	private async findOne(workflowId: string, context: string): Promise<ProcessedDataRow | null> {
		await roundTrip();
		const stored = this.rows.get(InMemoryProcessedData.key(workflowId, context));
		return stored === undefined ? null : (JSON.parse(stored) as ProcessedDataRow);
	}

	private async insert(row: ProcessedDataRow): Promise<void> {
		await roundTrip();
		const key = InMemoryProcessedData.key(row.workflowId, row.context);
		if (this.rows.has(key))
			throw new Error(
				`duplicate key value violates unique constraint "PK_processed_data" (workflowId, context)=(${row.workflowId}, ${row.context})`,
			);
		this.rows.set(key, JSON.stringify(row));
	}

	private async update(row: ProcessedDataRow): Promise<void> {
		await roundTrip();
		const key = InMemoryProcessedData.key(row.workflowId, row.context);
		// An UPDATE of a missing row changes nothing.
		if (this.rows.has(key)) this.rows.set(key, JSON.stringify(row));
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		const context = InMemoryProcessedData.context(scope, contextData);
		const workflowId = contextData.workflow.id;
		if (!workflowId) throw new Error('The workflow has no ID');
		const row = await this.findOne(workflowId, context);
		if (row && row.value.mode !== options.mode)
			throw new Error(
				'Deduplication data was originally saved with an incompatible setting of the ‘Keep Items Where’ parameter. Try ’Clean Database’ operation to reset.',
			);
		if (latestModes.includes(options.mode))
			return await this.latest(items, row, options, workflowId, context);

		const hashes = items.map((item) => InMemoryProcessedData.hash(item));
		if (!row) {
			const data = options.maxEntries ? hashes.slice(-options.maxEntries) : hashes;
			await this.insert({ workflowId, context, value: { mode: options.mode, data } });
			return { new: items, processed: [] };
		}
		const output: IDeduplicationOutput = { new: [], processed: [] };
		if (!Array.isArray(row.value.data)) return output;
		const data = row.value.data;
		// Checked against the row as read: a value twice in one call is new twice.
		const known = new Set(data);
		hashes.forEach((hash, index) => {
			if (known.has(hash)) output.processed.push(items[index]);
			else {
				output.new.push(items[index]);
				data.push(hash);
			}
		});
		if (options.maxEntries) data.splice(0, data.length - options.maxEntries);
		await this.update(row);
		return output;
	}

	private async latest(
		items: DeduplicationItemTypes[],
		row: ProcessedDataRow | null,
		options: ICheckProcessedOptions,
		workflowId: string,
		context: string,
	): Promise<IDeduplicationOutput> {
		const compare = (a: DeduplicationItemTypes, b: DeduplicationItemTypes) => {
			const [x, y] =
				options.mode === 'latestDate'
					? [Date.parse(String(a)), Date.parse(String(b))]
					: [Number(a), Number(b)];
			if (Number.isNaN(x) || Number.isNaN(y))
				throw new Error(`Invalid value for mode "${options.mode}"`);
			return x === y ? 0 : x > y ? 1 : -1;
		};
		const sorted = items.slice().sort(compare);
		if (!row) {
			await this.insert({
				workflowId,
				context,
				value: { mode: options.mode, data: sorted.pop() as DeduplicationItemTypes },
			});
			return { new: items, processed: [] };
		}
		const output: IDeduplicationOutput = { new: [], processed: [] };
		if (Array.isArray(row.value.data)) return output;
		const stored = row.value.data;
		let largest = stored;
		for (const item of sorted) {
			if (compare(item, stored) === 1) {
				output.new.push(item);
				if (compare(item, largest) === 1) largest = item;
			} else output.processed.push(item);
		}
		row.value.data = largest;
		await this.update(row);
		return output;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<void> {
		if (latestModes.includes(options.mode))
			throw new Error('Removing processed data is not possible in mode "latest"');
		const workflowId = contextData.workflow.id;
		if (!workflowId) throw new Error('The workflow has no ID');
		const row = await this.findOne(workflowId, InMemoryProcessedData.context(scope, contextData));
		if (!row || !Array.isArray(row.value.data)) return;
		const data = row.value.data;
		for (const hash of items.map((item) => InMemoryProcessedData.hash(item))) {
			const index = data.indexOf(hash);
			if (index !== -1) data.splice(index, 1);
		}
		await this.update(row);
	}

	async clearAllProcessedItems(
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
	): Promise<void> {
		await roundTrip();
		this.rows.delete(
			InMemoryProcessedData.key(
				contextData.workflow.id,
				InMemoryProcessedData.context(scope, contextData),
			),
		);
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<number> {
		const row = await this.findOne(
			contextData.workflow.id,
			InMemoryProcessedData.context(scope, contextData),
		);
		return options.mode === 'entries' && row && Array.isArray(row.value.data)
			? row.value.data.length
			: 0;
	}

	/** Forgets every row, as a fresh database would have none. */
	clear(): void {
		this.rows.clear();
	}

	/** Every row as stored, for a test that checks a run changed nothing. */
	snapshot(): string {
		return JSON.stringify([...this.rows.entries()].sort());
	}

	/** How many rows are stored: what the server's `processed_data` table would hold. */
	get rowCount(): number {
		return this.rows.size;
	}
}

let store: InMemoryProcessedData | undefined;

/**
 * The harness's processed-data store, initialising n8n-core's `DataDeduplicationService` with it on
 * first use (once per test file: jest gives each file its own n8n-core).
 */
export function processedDataStore(): InMemoryProcessedData {
	if (!store) {
		store = new InMemoryProcessedData();
		// init() is synchronous inside; it refuses a second initialisation, as in the server.
		void DataDeduplicationService.init(store);
	}
	return store;
}
