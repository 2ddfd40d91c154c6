import type { INodeProperties } from 'n8n-workflow';

import type { OperationSpec, OwnOperation, RunOperation, TableOperation } from './types';

/**
 * Operations in files of their own (`actions/<resource>/<operation>.operation.ts`), as n8n's own modern
 * nodes are laid out: for providers where most operations need code of their own, a table with a
 * hand-written run in every row would be the worst of both.
 */

/** An operation whose file's `execute` runs it: everything but the run itself. */
export type OwnOperationHead = Omit<OwnOperation, 'run'>;

/** What an operation file declares: a table request, or the head of an operation its `execute` runs. */
export type OperationHead = TableOperation | OwnOperationHead;

/**
 * One operation's file: the operation (resource, name, fields, list, send ...), its n8n parameters
 * (`description`) and, unless the table's request does the job, its `execute`, which the shared
 * executor calls for each item as the operation's own run.
 */
export type OperationFile =
	| { operation: TableOperation; description: INodeProperties[]; execute?: undefined }
	| { operation: OwnOperationHead; description: INodeProperties[]; execute: RunOperation };

/** The operations of a node's files, for the shared executor and property builder (the node's router). */
export function operationsFromFiles(files: OperationFile[]): OperationSpec[] {
	return files.map((file) =>
		file.execute
			? { ...file.operation, properties: file.description, run: file.execute }
			: { ...file.operation, properties: file.description },
	);
}
