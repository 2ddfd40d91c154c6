import { NodeApiError } from 'n8n-workflow';

import { asNodeApiError } from '../../../shared/errors';
import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { providerRequest } from '../../../shared/request';
import { vumiProfile } from '../../api';
import { address, addressType, optOutPath, optOutRecord } from './address';

/** Opt-Out → Create: an address that already opted out is a clear error naming it. */
export const operation: OwnOperationHead = {
	resource: 'optOut',
	operation: 'create',
	name: 'Create',
	action: 'Opt out an address',
	description: 'Record that an address has opted out: Vumi Go will not send to it any more',
	fields: [addressType, address],
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	try {
		const { body } = await providerRequest(
			context,
			vumiProfile,
			// Not repeated blindly: a lost answer would turn into a confusing "already exists".
			{ method: 'PUT', path: optOutPath(input), idempotent: false, itemIndex: input.itemIndex },
			settings,
		);
		return { optedOut: true, ...optOutRecord(body, input) };
	} catch (error) {
		if (!(error instanceof NodeApiError && error.httpCode === '409'))
			throw asNodeApiError(context.getNode(), error);
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
});
