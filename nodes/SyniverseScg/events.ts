import type { IDataObject } from 'n8n-workflow';

import type { KeywordLists } from '../shared/campaign';
import { keywordFields } from '../shared/campaign';
import { isObject } from '../shared/provider';

/**
 * The SCG-Message event types of the Event Manager
 * (docs/wire-formats/syniverseScg.md#event-manager-webhooks). `action` is what the node panel lists; without
 * it n8n writes "On " and the name in lower case ("On inbound message mo").
 */
export const SCG_EVENT_TYPES = [
	{
		name: 'Message State Change',
		action: 'On message state change',
		value: 'message_state_change',
		description: 'A sent message changed state, for example SENT → DELIVERED or FAILED',
	},
	{
		name: 'Message Request State Change',
		action: 'On message request state change',
		value: 'message_request_state_change',
		description: 'A message request changed state, for example to COMPLETED',
	},
	{
		name: 'Inbound Message (MO)',
		action: 'On inbound message (MO)',
		value: 'mo_message_received',
		description: 'Someone sent a message to one of your numbers',
	},
];

export interface ScgEvent {
	eventId: string;
	type: string;
	item: IDataObject;
}

const text = (value: unknown): string | undefined =>
	value === undefined || value === null ? undefined : String(value);

/**
 * What a campaign reads in an event: a state change names the campaign (its message request's
 * external ID, which a campaign send fills with its Campaign Key; null outside one) and a message's
 * recipient; an inbound message says whether its whole text is an opt-out or opt-in keyword.
 */
function campaignFields(
	type: string,
	fields: Record<string, unknown>,
	keywords: () => KeywordLists,
): IDataObject {
	if (type === 'mo_message_received') return keywordFields(fields.message_body, keywords());
	const external = text(fields.external_message_request_id);
	const campaignKey = external === undefined || external === '' ? null : external;
	if (type === 'message_state_change')
		return { recipient: text(fields.to_address) ?? null, campaignKey };
	return { campaignKey };
}

/** Turns an Event Manager delivery into one flat item, keeping the raw event under `event`. */
export function readEvent(delivery: unknown, keywords: () => KeywordLists): ScgEvent | undefined {
	if (!isObject(delivery) || !isObject(delivery.event)) return undefined;
	const event = delivery.event;
	const fields = isObject(event['fld-val-list']) ? event['fld-val-list'] : {};
	const type = String(event['evt-tp'] ?? '');
	const eventId = String(delivery.event_id ?? '');
	const item: IDataObject = {
		eventType: type,
		eventId,
		// The Event Manager's event ID is the event's identity: a redelivery carries it again (with a higher attempt).
		eventKey: eventId,
		timestamp: text(event.timestamp),
		state: text(fields.new_state),
		previousState: text(fields.previous_state),
		messageId: text(fields.message_id),
		messageRequestId: text(fields.message_request_id),
		from: text(fields.from_address),
		to: text(fields.to_address),
		body: text(fields.message_body),
		reason: text(fields.reason_description),
		reasonCode: text(fields.reason_code),
		attempt: typeof delivery.attempt === 'number' ? delivery.attempt : undefined,
		...campaignFields(type, fields, keywords),
		event: delivery as IDataObject,
	};
	for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
	return { eventId, type, item };
}
