import type { TableOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';

/**
 * Group → Get Many: the contacts API lists groups in cursor pages like contacts (`GET groups/`), though
 * the SDK had no call for it. A run can start where the last one ended (Start At and nextStart).
 */
export const operation: TableOperation = {
	resource: 'group',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many groups',
	description: 'List the groups and smart groups of the account',
	method: 'GET',
	path: 'groups/',
	list: true,
	resumable: true,
};

export const description = operationProperties(operation);
