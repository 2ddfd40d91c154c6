import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { FieldSpec, OperationInput, OperationSpec } from '../../shared/operations';
import { asNodeApiError } from '../../shared/errors';
import { jsonRun } from '../../shared/operations';
import { isObject } from '../../shared/provider';
import type { RequestSettings } from '../../shared/request';
import { pathWith, providerRequest } from '../../shared/request';
import { vumiProfile } from '../api';

const OPT_OUT_PATH = 'optouts/{addressType}/{address}';

const addressType: FieldSpec = {
	displayName: 'Address Type',
	name: 'addressType',
	type: 'string',
	default: 'msisdn',
	required: true,
	description:
		'Kind of address: msisdn for phone numbers, or another address type your channels use',
};

const address: FieldSpec = {
	displayName: 'Address',
	name: 'address',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+27761234567',
	description: 'The address, for example a phone number in international format',
};

/** The record inside `{opt_out, status}`, with the address it is for. */
function record(body: unknown, input: OperationInput): IDataObject {
	const optOut = isObject(body) && isObject(body.opt_out) ? (body.opt_out as IDataObject) : {};
	return {
		address_type: input.values.addressType as string,
		address: input.values.address as string,
		...optOut,
	};
}

function path(input: OperationInput): string {
	return pathWith(OPT_OUT_PATH, {
		addressType: input.values.addressType as string,
		address: input.values.address as string,
	});
}

/**
 * Get and Delete treat "not found" as an answer, as the seed SDK does: a normal item saying the
 * address has not opted out (or that there was nothing to delete), not an error.
 */
function readOrDelete(method: 'GET' | 'DELETE', flag: 'optedOut' | 'deleted') {
	return async (
		context: IExecuteFunctions,
		input: OperationInput,
		settings: RequestSettings,
	): Promise<IDataObject> => {
		try {
			const { body } = await providerRequest(
				context,
				vumiProfile,
				{ method, path: path(input), itemIndex: input.itemIndex },
				settings,
			);
			return { [flag]: true, ...record(body, input) };
		} catch (error) {
			if (error instanceof NodeApiError && error.httpCode === '404')
				return {
					[flag]: false,
					address_type: input.values.addressType as string,
					address: input.values.address as string,
				};
			throw asNodeApiError(context.getNode(), error);
		}
	};
}

async function createOptOut(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<IDataObject> {
	try {
		const { body } = await providerRequest(
			context,
			vumiProfile,
			// Not repeated blindly: a lost answer would turn into a confusing "already exists".
			{ method: 'PUT', path: path(input), idempotent: false, itemIndex: input.itemIndex },
			settings,
		);
		return { optedOut: true, ...record(body, input) };
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '409') {
			const { addressType: type, address: value } = input.values as Record<string, string>;
			throw new NodeApiError(
				context.getNode(),
				{ reason: String(error.message) },
				{
					message: `${type} ${value} has already opted out`,
					description:
						'Vumi Go already has an opt-out for this address, so nothing was changed. Use Get to check an address first.',
					httpCode: '409',
					itemIndex: input.itemIndex,
				},
			);
		}
		throw asNodeApiError(context.getNode(), error);
	}
}

export const optOutOperations: OperationSpec[] = [
	{
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
	},
	{
		resource: 'optOut',
		operation: 'create',
		name: 'Create',
		action: 'Opt out an address',
		description: 'Record that an address has opted out: Vumi Go will not send to it any more',
		method: 'PUT',
		path: OPT_OUT_PATH,
		onTimeout: 'fail',
		fields: [addressType, address],
		run: jsonRun(createOptOut),
	},
	{
		resource: 'optOut',
		operation: 'delete',
		name: 'Delete',
		action: 'Opt an address back in',
		description:
			'Remove the opt-out of an address so it can receive messages again; deleted is false when there was none',
		method: 'DELETE',
		path: OPT_OUT_PATH,
		fields: [addressType, address],
		run: jsonRun(readOrDelete('DELETE', 'deleted')),
	},
	{
		resource: 'optOut',
		operation: 'get',
		name: 'Get',
		action: 'Check whether an address opted out',
		description: 'Check whether an address has opted out; optedOut is false when it has not',
		method: 'GET',
		path: OPT_OUT_PATH,
		fields: [addressType, address],
		run: jsonRun(readOrDelete('GET', 'optedOut')),
	},
];
