import type { VumiConversation, VumiEvent, VumiUserMessage } from './state';
import { hexId, vumiTimestamp } from './wire';

export type SessionEvent = VumiUserMessage['session_event'];

export const sessionEvents: readonly SessionEvent[] = [null, 'new', 'resume', 'close'];

/** What Go puts in `helper_metadata.go` for a conversation's messages. */
export function goHelperMetadata(conversation: VumiConversation): Record<string, unknown> {
	return {
		go: {
			conversation_type: conversation.type,
			conversation_key: conversation.key,
			user_account: conversation.account,
		},
	};
}

export function userMessage(
	conversation: VumiConversation,
	now: Date,
	fields: Partial<VumiUserMessage>,
): VumiUserMessage {
	return {
		message_version: '20110921',
		message_type: 'user_message',
		timestamp: vumiTimestamp(now),
		routing_metadata: { endpoint_name: 'default' },
		helper_metadata: goHelperMetadata(conversation),
		message_id: hexId(),
		to_addr: null,
		from_addr: null,
		in_reply_to: null,
		provider: null,
		session_event: null,
		content: null,
		transport_name: conversation.transport_name,
		transport_type: conversation.transport_type,
		transport_metadata: {},
		group: null,
		to_addr_type: null,
		from_addr_type: null,
		...fields,
	};
}

export interface EventSpec {
	event_type: VumiEvent['event_type'];
	delivery_status?: VumiEvent['delivery_status'];
	nack_reason?: string;
	sent_message_id?: string;
}

/** An event carries only the extra field of its own type, as `vumi.message.TransportEvent` requires. */
export function transportEvent(
	message: Pick<VumiUserMessage, 'message_id' | 'transport_name'>,
	now: Date,
	spec: EventSpec,
): VumiEvent {
	const event: VumiEvent = {
		message_version: '20110921',
		message_type: 'event',
		event_id: hexId(),
		event_type: spec.event_type,
		user_message_id: message.message_id,
		timestamp: vumiTimestamp(now),
		transport_name: message.transport_name,
		transport_metadata: {},
		helper_metadata: {},
		routing_metadata: {},
	};
	if (spec.event_type === 'ack') event.sent_message_id = spec.sent_message_id ?? hexId();
	if (spec.event_type === 'nack') event.nack_reason = spec.nack_reason ?? 'Unknown error';
	if (spec.event_type === 'delivery_report')
		event.delivery_status = spec.delivery_status ?? 'delivered';
	return event;
}
