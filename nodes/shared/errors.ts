import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** How many errors deep the chain of `cause`s is searched: n8n wraps an error a few times at most. */
const MAX_DEPTH = 4;

/**
 * The first thing `pick` finds in an error or in the errors it wraps (its `cause`, and theirs),
 * nearest first: n8n wraps transport and login errors, and the detail sits on the original.
 */
export function findInErrorChain<T>(
	error: unknown,
	pick: (candidate: unknown) => T | undefined,
): T | undefined {
	let candidate = error;
	for (let depth = 0; depth < MAX_DEPTH && candidate !== undefined && candidate !== null; depth++) {
		const found = pick(candidate);
		if (found !== undefined) return found;
		candidate = (candidate as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * The error as a NodeApiError: errors from the request helper (always NodeApiErrors) pass unchanged,
 * anything else is wrapped with its message.
 */
export function asNodeApiError(node: INode, error: unknown): NodeApiError {
	if (error instanceof NodeApiError) return error;
	return new NodeApiError(node, { message: String((error as Error)?.message ?? error) });
}

/** A bad value: the message names the item (as n8n numbers them, from 0) and the field. */
export function invalidInput(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `Item ${itemIndex}: "${field}" ${problem}`, {
		itemIndex,
		description: `Check the "${field}" parameter, or the expression that fills it, for item ${itemIndex}.`,
	});
}
