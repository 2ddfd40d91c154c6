import type { OwnOperationHead } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { address, addressType, readOrDelete } from './address';

/** Opt-Out → Delete: nothing to delete is an answer (deleted: false), not an error. */
export const operation: OwnOperationHead = {
	resource: 'optOut',
	operation: 'delete',
	name: 'Delete',
	action: 'Opt an address back in',
	description:
		'Remove the opt-out of an address so it can receive messages again; deleted is false when there was none',
	fields: [addressType, address],
};

export const description = operationProperties(operation);

export const execute = readOrDelete('DELETE', 'deleted');
