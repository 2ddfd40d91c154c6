import type { TableOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { isObject } from '../../../shared/provider';

/** Opt-Out → Count: a table request whose answer becomes `{count}`. */
export const operation: TableOperation = {
	resource: 'optOut',
	operation: 'count',
	name: 'Count',
	action: 'Count the addresses that opted out',
	description: 'Count the addresses that have opted out',
	method: 'GET',
	path: 'optouts/count',
	output: (body) => {
		const count = isObject(body) ? Number(body.opt_out_count) : NaN;
		return { count: Number.isFinite(count) ? count : null };
	},
};

export const description = operationProperties(operation);
