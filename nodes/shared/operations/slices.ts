import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FetchPage, ListPosition, Pagination } from '../pagination';
import { positionText } from '../pagination';
import { invalidInput } from './values';

/**
 * Lists too long for one run. A list that can start part-way (`resumable`) takes a Start At with Return
 * All off and gives every record `nextStart`, where the next run starts, so a scheduled workflow can walk
 * it in slices of Limit: each run passes on the `nextStart` of the run before.
 */

export const START_AT = 'startAt';
export const NEXT_START = 'nextStart';

/** The Start At parameter of a resumable list, shown with Return All off. */
export function startAtProperty(
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName: 'Start At',
		name: START_AT,
		type: 'string',
		default: '',
		placeholder: 'page=3&skip=50',
		description:
			"Where in the list to start: the nextStart of the previous run's items. Every item carries nextStart, where the next run continues; it is empty (null) once the list has ended, and an empty Start At begins at the start again. So a scheduled workflow can walk a long list in slices of Limit.",
		displayOptions,
	};
}

/** Return All / Limit of a list operation: the most items to return, undefined for all. */
export function listLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return context.getNodeParameter('limit', itemIndex, 50) as number;
}

/** The position Start At names; undefined when it is empty (the beginning). */
function startOf(
	context: IExecuteFunctions,
	itemIndex: number,
	pagination: Pagination,
): ListPosition | undefined {
	const raw = context.getNodeParameter(START_AT, itemIndex, '') as unknown;
	const text = typeof raw === 'string' ? raw.trim() : raw === null ? '' : String(raw);
	if (text === '' || !pagination.position) return undefined;
	try {
		return pagination.position(text);
	} catch (error) {
		throw invalidInput(
			context,
			itemIndex,
			'Start At',
			`is not a position in this list: ${(error as Error).message}. Use the nextStart of an earlier run, or leave it empty to start at the beginning.`,
		);
	}
}

/**
 * The records of a list operation as far as Limit goes. A resumable list with Return All off starts at
 * Start At, and each record carries `nextStart`: the position after the last record, or null where the
 * list ended.
 */
export async function listItems(
	context: IExecuteFunctions,
	itemIndex: number,
	pagination: Pagination,
	fetchPage: FetchPage,
	resumable = false,
): Promise<IDataObject[]> {
	const limit = listLimit(context, itemIndex);
	if (!resumable || limit === undefined || !pagination.slice)
		return await pagination.collect(fetchPage, limit);
	const slice = await pagination.slice(fetchPage, limit, startOf(context, itemIndex, pagination));
	const nextStart = slice.next ? positionText(slice.next) : null;
	return slice.items.map((item) => ({ ...item, [NEXT_START]: nextStart }));
}
