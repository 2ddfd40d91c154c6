import type { OwnOperationHead } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { address, addressType, readOrDelete } from './address';

/** Opt-Out → Get: an address that has not opted out is an answer (optedOut: false), not an error. */
export const operation: OwnOperationHead = {
	resource: 'optOut',
	operation: 'get',
	name: 'Get',
	action: 'Check whether an address opted out',
	description: 'Check whether an address has opted out; optedOut is false when it has not',
	fields: [addressType, address],
};

export const description = operationProperties(operation);

export const execute = readOrDelete('GET', 'optedOut');
