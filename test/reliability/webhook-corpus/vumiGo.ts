/** Vumi Go pushes: user messages and events, as docs/wire-formats/vumiGo.md#inbound-pushes describes them. */
import type { JsonTriggerWire, JsonType } from './json';

const TEXT: JsonType[] = ['string'];
const TEXT_OR_NULL: JsonType[] = ['string', 'null'];
const OBJECT: JsonType[] = ['object'];

/** An inbound message with this message ID. */
export function vumiMessage(messageId: string): Record<string, unknown> {
	return {
		message_version: '20110921',
		message_type: 'user_message',
		timestamp: '2014-10-28 16:19:37.485612',
		message_id: messageId,
		to_addr: '27110001234',
		from_addr: '+27821234567',
		content: 'Hi',
		in_reply_to: null,
		session_event: 'new',
		provider: null,
		group: null,
		to_addr_type: 'msisdn',
		from_addr_type: 'msisdn',
		transport_name: 'sms_transport',
		transport_type: 'sms',
		transport_metadata: {},
		helper_metadata: { go: { conversation_key: 'conversation-1' } },
		routing_metadata: { endpoint_name: 'default' },
	};
}

/** An event of `type` about a sent message, with this event ID. */
export function vumiEvent(
	eventId: string,
	type: 'ack' | 'nack' | 'delivery_report',
): Record<string, unknown> {
	const own = {
		ack: { sent_message_id: 'ext-1' },
		nack: { nack_reason: 'Unroutable' },
		delivery_report: { delivery_status: 'delivered' },
	}[type];
	return {
		message_version: '20110921',
		message_type: 'event',
		event_id: eventId,
		event_type: type,
		user_message_id: 'out-1',
		...own,
		timestamp: '2014-10-28 16:19:37.485612',
		transport_name: 'sms_transport',
		transport_metadata: {},
		helper_metadata: {},
		routing_metadata: {},
	};
}

export function vumiWire(user: string, password: string): JsonTriggerWire {
	const types: Record<string, JsonType[]> = {
		message_version: TEXT,
		message_type: TEXT,
		timestamp: TEXT,
		message_id: TEXT,
		to_addr: TEXT_OR_NULL,
		from_addr: TEXT_OR_NULL,
		content: TEXT_OR_NULL,
		in_reply_to: TEXT_OR_NULL,
		session_event: TEXT_OR_NULL,
		provider: TEXT_OR_NULL,
		group: TEXT_OR_NULL,
		to_addr_type: TEXT_OR_NULL,
		from_addr_type: TEXT_OR_NULL,
		transport_name: TEXT,
		transport_type: TEXT,
		transport_metadata: OBJECT,
		helper_metadata: OBJECT,
		routing_metadata: OBJECT,
	};
	const required = [
		'message_version',
		'message_type',
		'timestamp',
		'message_id',
		'to_addr',
		'from_addr',
	];
	return {
		valid: [vumiMessage('corpus-message-1'), vumiEvent('corpus-event-1', 'delivery_report')],
		fields: Object.entries(types).map(([name, allowed]) => ({
			path: [name],
			types: allowed,
			required: required.includes(name),
		})),
		idFields: [['message_id']],
		kindFields: [['message_type'], ['session_event']],
		openObjects: [['helper_metadata'], ['transport_metadata']],
		textField: ['content'],
		user,
		password,
	};
}
