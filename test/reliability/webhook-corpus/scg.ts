/**
 * Event Manager deliveries of the SCG-Message topic, as
 * docs/wire-formats/syniverseScg.md#event-manager-webhooks describes them.
 */
import type { JsonTriggerWire, JsonType } from './json';

const TEXT: JsonType[] = ['string'];
const NUMBER: JsonType[] = ['number'];
const FLAG: JsonType[] = ['boolean'];

const messageFields = (body: string) => ({
	previous_state: 'SENT',
	new_state: 'DELIVERED',
	message_request_id: 'MR-1',
	message_id: 'M-1',
	to_address: '+14085551212',
	from_address: '66000',
	has_attachment: false,
	attachment_ids: '',
	reason_code: '200',
	reason_description: 'SUCCESS',
	number_type: 'MOBILE',
	carrier_id: '310260',
	carrier_name: 'Example Mobile',
	application_id: 1704,
	'company-id': 1500,
	sender_id_alias: 'Alerts',
	sender_id_id: 'S-1',
	external_message_request_id: '',
	fragments_count: 1,
	mt_price: 0.035,
	mo_price: 0.0,
	message_body: body,
	message_body_truncated: false,
});

/** A delivery of `type` with this event ID. */
export function scgDelivery(
	eventId: string,
	type = 'mo_message_received',
	attempt = 1,
): Record<string, unknown> {
	return {
		topic: 'SCG-Message',
		attempt,
		event_id: eventId,
		event: {
			'evt-tp': type,
			timestamp: '2026-11-26T04:00:00.000Z',
			'fld-val-list': messageFields(type === 'mo_message_received' ? 'STOP' : 'Your code is 1234'),
		},
	};
}

export function scgWire(user: string, password: string): JsonTriggerWire {
	const field = (types: JsonType[], ...path: string[]) => ({ path, types, required: false });
	const required = (types: JsonType[], ...path: string[]) => ({ path, types, required: true });
	const values = Object.entries(messageFields('')).map(([name, value]) =>
		field(
			typeof value === 'boolean' ? FLAG : typeof value === 'number' ? NUMBER : TEXT,
			'event',
			'fld-val-list',
			name,
		),
	);
	return {
		valid: [scgDelivery('evt-corpus-mo'), scgDelivery('evt-corpus-state', 'message_state_change')],
		fields: [
			required(TEXT, 'topic'),
			required(['integer'], 'attempt'),
			required(TEXT, 'event_id'),
			required(['object'], 'event'),
			required(TEXT, 'event', 'evt-tp'),
			required(TEXT, 'event', 'timestamp'),
			required(['object'], 'event', 'fld-val-list'),
			...values,
		],
		idFields: [['event_id']],
		kindFields: [['event', 'evt-tp'], ['topic']],
		openObjects: [['event', 'fld-val-list'], ['event']],
		textField: ['event', 'fld-val-list', 'message_body'],
		user,
		password,
	};
}
