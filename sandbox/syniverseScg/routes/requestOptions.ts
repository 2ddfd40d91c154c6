import { badRequest, stringList, type Body } from '../wire';

/**
 * The message request options with fixed values (docs/wire-formats/syniverseScg.md#message-requests): one
 * value each.
 */
const FIXED_VALUES: Record<string, string[]> = {
	consent_requirement: ['OPT_IN', 'OPT_OUT', 'NONE'],
	scheduled_delivery_time_zone: ['UTC', 'LOCAL'],
	failover: ['SMS', 'NONE'],
};

/** The priority lists: in order, each entry one of these (addresses are open-ended: any word). */
const PRIORITY_LISTS: Record<string, RegExp> = {
	contact_delivery_address_priority: /^[A-Z_]+$/,
	sender_id_sort_criteria: /^(DELIVERY_ADDRESS|PRICE)$/,
};

/** Refuses, as SCG does, an option value it does not know; returns the lists as lists. */
export function checkRequestOptions(fields: Body, attachments: string[]): Body {
	const checked: Body = { ...fields };
	for (const [name, values] of Object.entries(FIXED_VALUES)) {
		const value = fields[name];
		if (value !== undefined && !values.includes(value as string))
			throw badRequest(`Optional parameter ${name} must be one of ${values.join(', ')}`);
	}
	if (fields.failover === 'SMS' && attachments.length > 0)
		throw badRequest('Cannot failover to SMS on a message with attachments');
	for (const [name, entry] of Object.entries(PRIORITY_LISTS)) {
		if (fields[name] === undefined) continue;
		const list = stringList(fields[name], name);
		const wrong = list.find((item) => !entry.test(item));
		if (wrong !== undefined)
			throw badRequest(`Optional parameter ${name} has an unknown entry ${JSON.stringify(wrong)}`);
		checked[name] = list;
	}
	return checked;
}
