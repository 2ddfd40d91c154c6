import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { pageNumberPagination } from '../shared/pagination';
import { providerRequest } from '../shared/request';
import { hoiioPageKeys, hoiioProfile } from './api';
import type { HoiioEvent } from './notifications';

/** A Hoiio number's forwarding: where its incoming calls, faxes and SMS are reported. */

export interface Forwarding {
	forward_to?: string;
	forward_sms_to?: string;
	mode?: string;
}

/** The account's numbers; at most 50 pages, a guard against a list that never ends. */
const activeNumberPages = pageNumberPagination({ ...hoiioPageKeys, maxPages: 50 });

async function activeNumbers(context: IHookFunctions): Promise<IDataObject[]> {
	return await activeNumberPages.collect(
		async (page) =>
			(
				await providerRequest(context, hoiioProfile, {
					method: 'POST',
					path: 'number/get_active',
					body: page,
					idempotent: true,
				})
			).body,
	);
}

export async function currentForwarding(
	context: IHookFunctions,
	number: string,
): Promise<Forwarding | undefined> {
	const entry = (await activeNumbers(context)).find((candidate) => candidate.number === number);
	if (!entry) return undefined;
	return {
		forward_to: typeof entry.forward_to === 'string' ? entry.forward_to : '',
		// The Python SDK and get_active call it `forward_sms_to`; the update takes `forward_to_sms`.
		forward_sms_to:
			typeof entry.forward_sms_to === 'string'
				? entry.forward_sms_to
				: typeof entry.forward_to_sms === 'string'
					? entry.forward_to_sms
					: '',
		mode: typeof entry.mode === 'string' ? entry.mode : '',
	};
}

export async function updateForwarding(
	context: IHookFunctions,
	number: string,
	forwarding: Forwarding,
): Promise<void> {
	const body: IDataObject = { number };
	if (forwarding.forward_to !== undefined) body.forward_to = forwarding.forward_to;
	if (forwarding.forward_sms_to !== undefined) body.forward_to_sms = forwarding.forward_sms_to;
	if (forwarding.mode) body.mode = forwarding.mode;
	await providerRequest(context, hoiioProfile, {
		method: 'POST',
		path: 'number/update_forwarding',
		body,
		// Setting the same forwarding twice is harmless.
		idempotent: true,
	});
}

/** What the number's forwarding must be for the chosen events. */
export function wantedForwarding(events: HoiioEvent[], url: string): Forwarding {
	const wanted: Forwarding = {};
	if (events.includes('incomingSms')) wanted.forward_sms_to = url;
	if (events.includes('incomingFax')) wanted.forward_to = url;
	if (events.includes('ivrAnswer')) wanted.forward_to = url;
	if (events.includes('incomingFax')) wanted.mode = 'fax';
	else if (events.includes('ivrAnswer')) wanted.mode = 'voice';
	return wanted;
}
