import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { NEXT_START } from './slices';
import type { OperationSpec } from './types';

/**
 * Simplify, as n8n's own nodes offer it on reads whose records have many fields: on (the default) an
 * item holds the few fields an ops person looks at; off, the provider's whole record.
 */

export const SIMPLIFY = 'simplify';

/** What Simplify keeps of one record. */
export type Simplify = (record: IDataObject) => IDataObject;

/** Keeps these fields of a record, in this order, and leaves out those it does not have. */
export function keepFields(...names: string[]): Simplify {
	return (record) => {
		const kept: IDataObject = {};
		for (const name of names) if (record[name] !== undefined) kept[name] = record[name];
		return kept;
	};
}

/** The Simplify switch of an operation that has one. */
export function simplifyProperty(
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName: 'Simplify',
		name: SIMPLIFY,
		type: 'boolean',
		default: true,
		description:
			'Whether to return a simplified version of the response instead of the raw data: the main fields only',
		displayOptions,
	};
}

/**
 * The items of an operation with Simplify on, made short; unchanged when it is off or the operation has
 * none. Where the next run of a list starts (`nextStart`) is always kept.
 */
export function simplifiedItems(
	context: IExecuteFunctions,
	operation: OperationSpec,
	itemIndex: number,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	const simplify = operation.simplify;
	if (!simplify || !(context.getNodeParameter(SIMPLIFY, itemIndex, true) as boolean)) return items;
	return items.map((item) => {
		const json = simplify(item.json);
		if (item.json[NEXT_START] !== undefined) json[NEXT_START] = item.json[NEXT_START];
		return { ...item, json };
	});
}
