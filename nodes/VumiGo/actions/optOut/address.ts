import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeApiError } from '../../../shared/errors';
import type { FieldSpec, OperationInput, RunOperation } from '../../../shared/operations';
import { jsonRun } from '../../../shared/operations';
import { isObject } from '../../../shared/provider';
import { pathWith, providerRequest } from '../../../shared/request';
import { vumiProfile } from '../../api';

/** An opt-out is addressed by the address type and the address, each one path segment. */

export const addressType: FieldSpec = {
	displayName: 'Address Type',
	name: 'addressType',
	type: 'string',
	default: 'msisdn',
	required: true,
	in: 'path',
	description:
		'Kind of address: msisdn for phone numbers, or another address type your channels use',
};

export const address: FieldSpec = {
	displayName: 'Address',
	name: 'address',
	type: 'string',
	default: '',
	required: true,
	in: 'path',
	placeholder: '+27761234567',
	description: 'The address, for example a phone number in international format',
};

/** The address an item names, as its output shows it. */
function addressOf(input: OperationInput): IDataObject {
	return {
		address_type: input.values.addressType as string,
		address: input.values.address as string,
	};
}

/** The record inside `{opt_out, status}`, with the address it is for. */
export function optOutRecord(body: unknown, input: OperationInput): IDataObject {
	const optOut = isObject(body) && isObject(body.opt_out) ? (body.opt_out as IDataObject) : {};
	return { ...addressOf(input), ...optOut };
}

export function optOutPath(input: OperationInput): string {
	return pathWith('optouts/{addressType}/{address}', {
		addressType: input.values.addressType as string,
		address: input.values.address as string,
	});
}

/**
 * Get and Delete treat "not found" as an answer, as the seed SDK does: a normal item saying the
 * address has not opted out (or that there was nothing to delete), not an error.
 */
export function readOrDelete(method: 'GET' | 'DELETE', flag: 'optedOut' | 'deleted'): RunOperation {
	return jsonRun(async (context: IExecuteFunctions, input, settings) => {
		try {
			const { body } = await providerRequest(
				context,
				vumiProfile,
				{ method, path: optOutPath(input), itemIndex: input.itemIndex },
				settings,
			);
			return { [flag]: true, ...optOutRecord(body, input) };
		} catch (error) {
			if (error instanceof NodeApiError && error.httpCode === '404')
				return { [flag]: false, ...addressOf(input) };
			throw asNodeApiError(context.getNode(), error);
		}
	});
}
