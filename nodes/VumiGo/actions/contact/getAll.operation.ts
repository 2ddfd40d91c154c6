import type { TableOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';

/**
 * Contact → Get Many: a table request over the cursor pages. A run can start where the last one
 * ended (Start At and nextStart), so a schedule can walk a long contact list in slices.
 */
export const operation: TableOperation = {
	resource: 'contact',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many contacts',
	description: 'List the contacts of the account',
	method: 'GET',
	path: 'contacts/',
	list: true,
	resumable: true,
};

export const description = operationProperties(operation);
