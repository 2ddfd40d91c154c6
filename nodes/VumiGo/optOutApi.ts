import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeApiError } from '../shared/errors';
import type { RequestSettings } from '../shared/request';
import { pathWith, providerRequest } from '../shared/request';
import { vumiProfile } from './api';

/**
 * Vumi Go's opt-out list as campaigns use it: a dry run asks whether a recipient opted out, and the
 * Vumi Go Trigger records the opt-out (or removes it on an opt-in keyword) of whoever texted a
 * keyword. Both go through the account's opt-out API (`optouts/<type>/<address>`).
 */

function optOutPath(addressType: string, address: string): string {
	return pathWith('optouts/{addressType}/{address}', { addressType, address });
}

function hasStatus(error: unknown, status: string): boolean {
	return error instanceof NodeApiError && error.httpCode === status;
}

/** Whether the address is on the opt-out list (a 404 says it is not). */
export async function isOptedOut(
	context: IExecuteFunctions,
	address: string,
	itemIndex: number,
	settings: RequestSettings,
): Promise<boolean> {
	try {
		const path = optOutPath('msisdn', address);
		await providerRequest(context, vumiProfile, { method: 'GET', path, itemIndex }, settings);
		return true;
	} catch (error) {
		if (hasStatus(error, '404')) return false;
		throw asNodeApiError(context.getNode(), error);
	}
}

/**
 * Puts an address on the opt-out list (`optOut`) or takes it off (`optIn`). Already there, or not
 * there to take off, is the wanted outcome too (409 and 404).
 */
export async function recordKeyword(
	context: IWebhookFunctions,
	kind: 'optOut' | 'optIn',
	addressType: string,
	address: string,
): Promise<void> {
	const method = kind === 'optOut' ? 'PUT' : 'DELETE';
	try {
		await providerRequest(context, vumiProfile, {
			method,
			path: optOutPath(addressType, address),
			// Both are safe to repeat: the same opt-out twice is one opt-out.
			idempotent: true,
		});
	} catch (error) {
		if (hasStatus(error, kind === 'optOut' ? '409' : '404')) return;
		throw asNodeApiError(context.getNode(), error);
	}
}
