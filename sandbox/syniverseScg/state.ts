/** Syniverse SCG emulator state: record types and the deterministic seed tests can rely on. */
import { seedId } from './wire';

/** Every SCG record: its wire fields as sent and read (snake_case), plus the server-owned ones. */
export interface ScgRecord {
	[field: string]: unknown;
	id: string;
	version_number: number;
	created_date: number;
	last_update_date: number;
}

export interface ScgMessageRequest extends ScgRecord {
	from: string;
	to: string[];
	state: string;
	recipient_count: number;
	sent_count: number;
	delivered_count: number;
	read_count: number;
	converted_count: number;
	canceled_count: number;
	failed_count: number;
}

export interface ScgMessage extends ScgRecord {
	message_request_id: string | null;
	direction: 'MT' | 'MO';
	state: string;
	from_address: string;
	to_address: string;
	customer_sender_id: string | null;
	body: string | null;
	attachments: string[];
	type: string;
	contact_id: string | null;
}

export interface ScgAttachmentToken {
	id: string;
	attachment_id: string;
	created_date: number;
}

/** ESS records use the Event Manager's kebab-case names. */
export interface EssDeliveryConfiguration {
	[field: string]: unknown;
	id: string;
	'del-cfg-nm': string;
	'del-prtcl-cd': string;
	/** Stored with any password masked; the real one is kept outside the state. */
	addr: string;
	'del-fmt-cd': string;
	'is-active': boolean;
}

export interface EssSubscription {
	[field: string]: unknown;
	id: string;
	topic: string;
	'del-cfg-id': string;
	/** Event types this subscription receives; null = all. */
	eventTypes: string[] | null;
}

export type ScgEventType =
	| 'message_state_change'
	| 'message_request_state_change'
	| 'mo_message_received';

export interface EssEvent {
	topic: 'SCG-Message';
	attempt: number;
	event_id: string;
	event: { 'evt-tp': ScgEventType; timestamp: string; 'fld-val-list': Record<string, unknown> };
}

/** One attempt to POST an event to a delivery configuration's address. */
export interface EssDelivery {
	event_id: string;
	event_type: ScgEventType;
	subscription_id: string;
	delivery_configuration_id: string;
	/** Password masked. */
	url: string;
	attempt: number;
	body: EssEvent;
	status?: number;
	error?: string;
	at: string;
}

/** One line per message handed to the network, so a test can assert each message went out exactly once. */
export interface ScgTransmission {
	message_id: string;
	message_request_id: string;
	from_address: string;
	to_address: string;
	type: string;
	body: string | null;
	sent_date: number;
}

/** An event as emitted to one subscription; redelivery re-sends `body` with a higher attempt. */
export interface EssEmittedEvent {
	event_id: string;
	event_type: ScgEventType;
	subscription_id: string;
	delivery_configuration_id: string;
	body: EssEvent;
}

export interface ScgState {
	contacts: ScgRecord[];
	contactGroups: ScgRecord[];
	/** Group id → member contact ids, in the order they were added. */
	groupMembers: Record<string, string[]>;
	senderIds: ScgRecord[];
	senderIdClasses: ScgRecord[];
	senderIdTypes: ScgRecord[];
	channels: ScgRecord[];
	/** Channel id → sender id ids. */
	channelSenderIds: Record<string, string[]>;
	messageRequests: ScgMessageRequest[];
	messages: ScgMessage[];
	attachments: ScgRecord[];
	attachmentAccessTokens: ScgAttachmentToken[];
	keywords: ScgRecord[];
	messageTemplates: ScgRecord[];
	contactAddressStatuses: ScgRecord[];
	contactAddressHistory: ScgRecord[];
	deliveryConfigurations: EssDeliveryConfiguration[];
	subscriptions: EssSubscription[];
	/** Every event emitted, one per subscription it went to. */
	events: EssEmittedEvent[];
	deliveries: EssDelivery[];
	transmissions: ScgTransmission[];
	/** Messages to these addresses end FAILED instead of DELIVERED. */
	failingAddresses: string[];
}

export const scgSeed = {
	contactIds: [seedId('SeedContact', 1), seedId('SeedContact', 2), seedId('SeedContact', 3)],
	contactMdns: ['+14155550101', '+14155550102', '+447700900103'],
	/** Members: the first two contacts. */
	groupId: seedId('SeedGroup', 1),
	emptyGroupId: seedId('SeedGroup', 2),
	/** ACTIVE COMMERCIAL long code, SMS + MMS, `+15552223561`. */
	activeSenderId: seedId('SeedSender', 1),
	/** ACTIVE COMMERCIAL short code, SMS + MMS, `66000`, name `promo`. */
	shortCodeSenderId: seedId('SeedSender', 2),
	/** ACTIVE COMMERCIAL long code, SMS only. */
	smsOnlySenderId: seedId('SeedSender', 3),
	/** INACTIVE COMMERCIAL long code, VOICE. */
	inactiveSenderId: seedId('SeedSender', 4),
	/** ACTIVE PERSONAL long code, SMS. */
	personalSenderId: seedId('SeedSender', 5),
	senderIds: [1, 2, 3, 4, 5].map((n) => seedId('SeedSender', n)),
	/** Sender ids: the long code and the short code. */
	channelId: seedId('SeedChannel', 1),
	/** A COMPLETED request with two DELIVERED messages. */
	messageRequestId: seedId('SeedRequest', 1),
	messageIds: [seedId('SeedMessage', 1), seedId('SeedMessage', 2)],
	/** An inbound (MO) message. */
	inboundMessageId: seedId('SeedMessage', 3),
	/** UPLOADED `image/png`, content `seedAttachmentContent`. */
	attachmentId: seedId('SeedAttachment', 1),
	/** Messages to this number fail (state FAILED). */
	failingAddress: '+15005550001',
	keywordId: seedId('SeedKeyword', 1),
	messageTemplateId: seedId('SeedTemplate', 1),
} as const;

/** A 1×1 transparent PNG. */
export const seedAttachmentContent = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
	'base64',
);

const seededAt = Date.UTC(2024, 4, 1, 9, 0, 0);

function record(id: string, fields: Record<string, unknown>, at = seededAt): ScgRecord {
	return {
		id,
		application_id: 1704,
		version_number: 1,
		created_date: at,
		last_update_date: at,
		...fields,
	};
}

function sender(
	n: number,
	fields: {
		name: string;
		address: string;
		state: string;
		class_id: string;
		type_id: string;
		capabilities: string[];
	},
): ScgRecord {
	return record(seedId('SeedSender', n), {
		parent_id: null,
		ownership: 'OWNED',
		content_type: 'ANY',
		country: 'USA',
		operators: [],
		two_way_required: true,
		keep_sender_address: true,
		dr_required: true,
		consent_managed_by: 'USER',
		check_whitelist: false,
		...fields,
	});
}

export function seedScgState(): ScgState {
	const [ada, grace, alan] = scgSeed.contactIds;
	const [adaMdn, graceMdn, alanMdn] = scgSeed.contactMdns;
	const requestAt = Date.UTC(2024, 4, 2, 8, 0, 0);
	const seededMessage = (n: number, to: string, contactId: string): ScgMessage => ({
		...record(seedId('SeedMessage', n), {}, requestAt),
		message_request_id: scgSeed.messageRequestId,
		direction: 'MT',
		state: 'DELIVERED',
		from_address: '+15552223561',
		to_address: to,
		customer_sender_id: scgSeed.activeSenderId,
		body: 'Your order has shipped.',
		subject: null,
		attachments: [],
		type: 'SMS',
		contact_id: contactId,
		failure_code: null,
		failure_details: null,
		sent_date: requestAt + 1000,
		delivered_date: requestAt + 3000,
		price: 0.0075,
		fragments_info: [
			{
				fragment_id: seedId(`SeedFragment${n}`, 1),
				fragment_state: 'DELIVERED',
				charge: 0.0075,
				failure_code: null,
				failure_details: null,
			},
		],
	});
	return {
		contacts: [
			record(ada, {
				first_name: 'Ada',
				last_name: 'Lovelace',
				primary_mdn: adaMdn,
				primary_email_addr: 'ada@example.com',
				external_id: 'crm-1001',
			}),
			record(grace, {
				first_name: 'Grace',
				last_name: 'Hopper',
				primary_mdn: graceMdn,
				primary_email_addr: 'grace@example.com',
				external_id: 'crm-1002',
			}),
			record(alan, {
				first_name: 'Alan',
				last_name: 'Turing',
				primary_mdn: alanMdn,
				preferred_language: 'en-GB',
			}),
		],
		contactGroups: [
			record(scgSeed.groupId, {
				name: 'Night Shift',
				description: 'Operators on call overnight',
				status: 'ACTIVE',
				type: 'STATIC',
			}),
			record(scgSeed.emptyGroupId, {
				name: 'Empty Group',
				status: 'ACTIVE',
				type: 'STATIC',
			}),
		],
		groupMembers: { [scgSeed.groupId]: [ada, grace], [scgSeed.emptyGroupId]: [] },
		senderIds: [
			sender(1, {
				name: 'Main Long Code',
				address: '+15552223561',
				state: 'ACTIVE',
				class_id: 'COMMERCIAL',
				type_id: 'LONGCODE',
				capabilities: ['SMS', 'MMS'],
			}),
			sender(2, {
				name: 'promo',
				address: '66000',
				state: 'ACTIVE',
				class_id: 'COMMERCIAL',
				type_id: 'SHORTCODE',
				capabilities: ['MMS', 'SMS'],
			}),
			sender(3, {
				name: 'Alerts',
				address: '15555551122',
				state: 'ACTIVE',
				class_id: 'COMMERCIAL',
				type_id: 'LONGCODE',
				capabilities: ['SMS'],
			}),
			sender(4, {
				name: 'Old Voice Line',
				address: '+15552460009',
				state: 'INACTIVE',
				class_id: 'COMMERCIAL',
				type_id: 'LONGCODE',
				capabilities: ['VOICE'],
			}),
			sender(5, {
				name: 'Personal',
				address: '+15552460010',
				state: 'ACTIVE',
				class_id: 'PERSONAL',
				type_id: 'LONGCODE',
				capabilities: ['SMS'],
			}),
		],
		senderIdClasses: ['COMMERCIAL', 'PERSONAL'].map((id) =>
			record(id, { name: id, description: `${id.toLowerCase()} sender ids` }),
		),
		senderIdTypes: ['LONGCODE', 'SHORTCODE', 'WECHAT', 'FACEBOOK'].map((id) =>
			record(id, { name: id, description: `${id.toLowerCase()} addresses` }),
		),
		channels: [
			record(scgSeed.channelId, {
				name: 'Default SMS Channel',
				priority: 1,
				role: 'DEFAULT',
				description: 'Long code first, then the short code',
			}),
		],
		channelSenderIds: { [scgSeed.channelId]: [scgSeed.activeSenderId, scgSeed.shortCodeSenderId] },
		messageRequests: [
			{
				...record(scgSeed.messageRequestId, {}, requestAt),
				from: scgSeed.activeSenderId,
				to: [adaMdn, graceMdn],
				body: 'Your order has shipped.',
				state: 'COMPLETED',
				recipient_count: 2,
				sent_count: 2,
				delivered_count: 2,
				read_count: 0,
				converted_count: 0,
				canceled_count: 0,
				failed_count: 0,
			},
		],
		messages: [
			seededMessage(1, adaMdn, ada),
			seededMessage(2, graceMdn, grace),
			{
				...record(scgSeed.inboundMessageId, {}, requestAt + 60000),
				message_request_id: null,
				direction: 'MO',
				state: 'RECEIVED',
				from_address: adaMdn,
				to_address: '+15552223561',
				customer_sender_id: scgSeed.activeSenderId,
				body: 'Thanks!',
				attachments: [],
				type: 'SMS',
				contact_id: ada,
			},
		],
		attachments: [
			record(scgSeed.attachmentId, {
				name: 'logo',
				type: 'image/png',
				filename: 'logo.png',
				size: seedAttachmentContent.length,
				state: 'UPLOADED',
			}),
		],
		attachmentAccessTokens: [],
		keywords: [
			record(scgSeed.keywordId, {
				name: 'STOP',
				description: 'Opt out',
				value: 'STOP',
				case: 'INSENSITIVE',
				sender_id: scgSeed.activeSenderId,
			}),
		],
		messageTemplates: [
			record(scgSeed.messageTemplateId, {
				designation: 'TEMPLATE',
				name: 'shipping',
				pattern: 'Your order {order} has shipped.',
			}),
		],
		contactAddressStatuses: [],
		contactAddressHistory: [],
		deliveryConfigurations: [],
		subscriptions: [],
		events: [],
		deliveries: [],
		transmissions: [],
		failingAddresses: [scgSeed.failingAddress],
	};
}
