import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/provider';

/** What Vumi Go pushes to a conversation's push URLs, and how the trigger reads it. */

export type PushEvent = 'message' | 'ack' | 'nack' | 'delivery_report';

export const PUSH_EVENTS: Array<{
	name: string;
	value: PushEvent;
	/** What the node panel lists; without it n8n writes "On " and the name in lower case. */
	action: string;
	description: string;
}> = [
	{
		name: 'Inbound Message',
		action: 'On inbound message',
		value: 'message',
		description: 'Someone sent a message to the conversation (arrives on the push message URL)',
	},
	{
		name: 'Ack',
		action: 'On ack (the channel accepted a message)',
		value: 'ack',
		description: 'The channel accepted a message the conversation sent',
	},
	{
		name: 'Nack',
		action: 'On nack (the channel refused a message)',
		value: 'nack',
		description: 'The channel refused a message the conversation sent, with the reason',
	},
	{
		name: 'Delivery Report',
		action: 'On delivery report',
		value: 'delivery_report',
		description: 'A sent message was delivered, is pending or failed',
	},
];

/** Each event type carries one field of its own (vumi.message.TransportEvent). */
const EVENT_FIELD: Record<string, string> = {
	ack: 'sent_message_id',
	nack: 'nack_reason',
	delivery_report: 'delivery_status',
};

export interface Push {
	event: PushEvent;
	/**
	 * `message_id` of a message, `event:` + `event_id` of an event: the same ID twice is a redelivery. The form
	 * earlier versions kept in the workflow's static data; the item's `eventKey` names both kinds.
	 */
	id: string;
	item: IDataObject;
}

/** Vumi times are UTC "YYYY-MM-DD HH:MM:SS.ffffff" without a zone. */
export function vumiTimeToIso(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?/.exec(value.trim());
	if (!match) return null;
	const millis = match[3] ? match[3].slice(0, 4).padEnd(4, '0') : '.000';
	const date = new Date(`${match[1]}T${match[2]}${millis}Z`);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function text(value: unknown): boolean {
	return typeof value === 'string' && value !== '';
}

/** Reads a push; returns what is wrong with it when it is not a Vumi message or event. */
export function readPush(body: unknown): Push | { problem: string } {
	if (!isObject(body)) return { problem: 'the body is not a JSON object' };
	const missing = (fields: string[]) => fields.filter((field) => body[field] === undefined);
	if (body.message_type === 'user_message') {
		const absent = missing(['message_id', 'to_addr', 'from_addr', 'timestamp']);
		if (absent.length > 0 || !text(body.message_id))
			return { problem: `the message lacks ${absent.join(', ') || 'a message_id'}` };
		return {
			event: 'message',
			id: body.message_id as string,
			item: {
				event: 'message',
				time: vumiTimeToIso(body.timestamp),
				...(body as IDataObject),
				eventKey: `message:${body.message_id as string}`,
			},
		};
	}
	if (body.message_type === 'event') {
		const type = String(body.event_type ?? '');
		const own = EVENT_FIELD[type];
		if (!own) return { problem: `unknown event_type ${JSON.stringify(body.event_type)}` };
		const absent = missing(['event_id', 'user_message_id', 'timestamp', own]);
		if (absent.length > 0 || !text(body.event_id))
			return { problem: `the ${type} event lacks ${absent.join(', ') || 'an event_id'}` };
		return {
			event: type as PushEvent,
			id: `event:${body.event_id as string}`,
			item: {
				event: type,
				time: vumiTimeToIso(body.timestamp),
				...(body as IDataObject),
				eventKey: `event:${body.event_id as string}`,
			},
		};
	}
	return { problem: `unknown message_type ${JSON.stringify(body.message_type)}` };
}
