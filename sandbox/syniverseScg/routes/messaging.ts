import type { ScgMessage, ScgMessageRequest, ScgRecord, ScgState } from '../state';
import {
	badRequest,
	epochMs,
	filterAndSort,
	jsonObject,
	newId,
	newRecord,
	ok,
	page,
	scgApi,
	stringList,
	type Body,
} from '../wire';
import {
	allFields,
	applyUpdate,
	checkVersion,
	commonReadOnly,
	findRecord,
	registerCollection,
	writableFields,
	type CollectionSpec,
} from './collections';
import type { ScgContext, ScgRoutes } from './context';
import { attachmentSpec } from './attachments';
import { contactGroupSpec, contactSpec } from './resources';
import { checkRequestOptions } from './requestOptions';

export const messageRequestSpec: CollectionSpec = {
	key: 'messageRequests',
	path: '/messaging/message_requests',
	label: 'Message request',
	writable: [
		'from',
		'to',
		'body',
		'subject',
		'attachments',
		'conversation_id',
		'campaign_id',
		'program_id',
		'application_id',
		'external_id',
		'consent_requirement',
		'criteria',
		'scheduled_delivery_time',
		'scheduled_delivery_time_zone',
		'expiry_time',
		'test_message_flag',
		'pause_before_transmit',
		'contact_delivery_address_priority',
		'failover',
		'price_threshold',
		'sender_id_sort_criteria',
		'src_language',
		'dst_language',
		'translate',
		'pause_expiry_time',
		'state',
	],
	readOnly: [
		...commonReadOnly,
		'recipient_count',
		'sent_count',
		'delivered_count',
		'read_count',
		'converted_count',
		'canceled_count',
		'failed_count',
		'translations_count',
		'translations_failed_count',
		'sender_id_id',
	],
	operations: ['list', 'get', 'delete'],
};

export const messageSpec: CollectionSpec = {
	key: 'messages',
	path: '/messaging/messages',
	label: 'Message',
	writable: ['state'],
	readOnly: [
		...commonReadOnly,
		'message_request_id',
		'external_transaction_ids',
		'external_message_request_id',
		'application_tracking_id',
		'conversation_id',
		'campaign_id',
		'direction',
		'customer_sender_id',
		'from_address',
		'to_address',
		'failure_code',
		'failure_details',
		'subject',
		'body',
		'sent_date',
		'delivered_date',
		'converted_date',
		'conversion_info_source',
		'reply_to',
		'attachments',
		'type',
		'message_delivery_provider',
		'contact_id',
		'price',
		'language',
		'failed_translation',
		'protocol_error',
		'scheduled_delivery_time',
		'expiry_time',
		'failed_origin_id',
		'failover',
		'fragments_info',
		'consent_requirement',
	],
	operations: ['list', 'get', 'delete'],
};

const phoneNumber = /^\+?[1-9]\d{6,14}$/;
const otherChannels = /^(voice:\+?[1-9]\d{6,14}|fb:.+@.+|we:.+@.+)$/;

/** `from` is a sender id id, `channel:<id>` or `alias:<name>`; the sender must be ACTIVE. */
function resolveSender(state: ScgState, from: unknown, type: string): ScgRecord {
	if (typeof from !== 'string' || from.trim() === '')
		throw badRequest('Missing required field from');
	const active = (sender: ScgRecord) => sender.state === 'ACTIVE';
	let sender: ScgRecord | undefined;
	if (from.startsWith('channel:')) {
		const channelId = from.slice('channel:'.length);
		if (!state.channels.some((channel) => channel.id === channelId))
			throw badRequest(`Unknown channel ${channelId}`);
		sender = (state.channelSenderIds[channelId] ?? [])
			.map((id) => state.senderIds.find((candidate) => candidate.id === id))
			.find(
				(candidate) => candidate !== undefined && active(candidate) && capable(candidate, type),
			);
		if (!sender) throw badRequest(`Channel ${channelId} has no active sender id for ${type}`);
	} else if (from.startsWith('alias:')) {
		const alias = from.slice('alias:'.length);
		sender = state.senderIds.find((candidate) => candidate.name === alias && active(candidate));
		if (!sender) throw badRequest(`No active sender id has the alias ${alias}`);
	} else {
		sender = state.senderIds.find((candidate) => candidate.id === from);
		if (!sender) throw badRequest(`Unknown sender id ${from}`);
	}
	if (!active(sender)) throw badRequest(`Sender id ${sender.id} is ${String(sender.state)}`);
	if (!capable(sender, type))
		throw badRequest(`Sender id ${sender.id} cannot send ${type} messages`);
	return sender;
}

function capable(sender: ScgRecord, type: string): boolean {
	return !Array.isArray(sender.capabilities) || sender.capabilities.includes(type);
}

interface Recipient {
	address: string;
	contactId: string | null;
}

/** `+E164`, `contact:<id>`, `group:<id>` (one message per member with a primary_mdn), `voice:`, `fb:`, `we:`. */
function expandRecipients(state: ScgState, to: string[]): Recipient[] {
	const recipients: Recipient[] = [];
	for (const entry of to) {
		if (entry.startsWith('contact:')) {
			const contact = findRecord(state, contactSpec, entry.slice('contact:'.length));
			if (typeof contact.primary_mdn !== 'string' || contact.primary_mdn === '')
				throw badRequest(`Contact ${contact.id} has no primary_mdn`);
			recipients.push({ address: contact.primary_mdn, contactId: contact.id });
		} else if (entry.startsWith('group:')) {
			const group = findRecord(state, contactGroupSpec, entry.slice('group:'.length));
			for (const id of state.groupMembers[group.id] ?? []) {
				const contact = state.contacts.find((candidate) => candidate.id === id);
				if (typeof contact?.primary_mdn === 'string' && contact.primary_mdn !== '')
					recipients.push({ address: contact.primary_mdn, contactId: contact.id });
			}
		} else if (phoneNumber.test(entry) || otherChannels.test(entry)) {
			const contact = state.contacts.find((candidate) => candidate.primary_mdn === entry);
			recipients.push({ address: entry, contactId: contact?.id ?? null });
		} else {
			throw badRequest(`Invalid recipient ${JSON.stringify(entry)} in to`);
		}
	}
	return recipients;
}

function fragmentCount(type: string, body: string): number {
	if (type === 'MMS' || body.length <= 160) return 1;
	return Math.ceil(body.length / 153);
}

function createMessageRequest(context: ScgContext) {
	const { state, now } = context;
	const fields = writableFields(messageRequestSpec, jsonObject(context.request));
	delete fields.state;
	if (fields.to === undefined) throw badRequest('Missing required field to');
	const to = stringList(fields.to, 'to');
	if (to.length === 0) throw badRequest('to must list at least one recipient');
	if (fields.body !== undefined && typeof fields.body !== 'string')
		throw badRequest('body must be a string');
	const attachments =
		fields.attachments === undefined ? [] : stringList(fields.attachments, 'attachments');
	for (const id of attachments) {
		const attachment = findRecord(state, attachmentSpec, id);
		if (attachment.state !== 'UPLOADED')
			throw badRequest(`Attachment ${id} has no uploaded content`);
	}
	const options = checkRequestOptions(fields, attachments);
	const body = (fields.body as string | undefined) ?? '';
	if (body === '' && attachments.length === 0)
		throw badRequest('A message request needs a body or attachments');
	const type = attachments.length > 0 ? 'MMS' : 'SMS';
	const sender = resolveSender(state, fields.from, type);
	const recipients = expandRecipients(state, to);
	if (recipients.length === 0) throw badRequest('The recipients resolve to no address');
	const scheduledAt =
		fields.scheduled_delivery_time === undefined
			? undefined
			: epochMs(fields.scheduled_delivery_time, 'scheduled_delivery_time');
	const requestState =
		fields.pause_before_transmit === true
			? 'PAUSED'
			: scheduledAt !== undefined && scheduledAt > now
				? 'SCHEDULED'
				: 'PENDING';

	const request: ScgMessageRequest = {
		...(stripNulls(options) as Body),
		...newRecord(now),
		from: String(fields.from),
		to,
		attachments,
		...(scheduledAt === undefined ? {} : { scheduled_delivery_time: scheduledAt }),
		sender_id_id: sender.id,
		state: requestState,
		recipient_count: recipients.length,
		sent_count: 0,
		delivered_count: 0,
		read_count: 0,
		converted_count: 0,
		canceled_count: 0,
		failed_count: 0,
	};
	state.messageRequests.push(request);
	for (const recipient of recipients) {
		const fragments = fragmentCount(type, body);
		const message: ScgMessage = {
			...newRecord(now),
			message_request_id: request.id,
			external_message_request_id: (fields.external_id as string | undefined) ?? null,
			conversation_id: fields.conversation_id ?? null,
			campaign_id: fields.campaign_id ?? null,
			direction: 'MT',
			state: 'PENDING',
			customer_sender_id: sender.id,
			from_address: String(sender.address),
			to_address: recipient.address,
			contact_id: recipient.contactId,
			subject: fields.subject ?? null,
			body: body === '' ? null : body,
			attachments,
			type,
			failure_code: null,
			failure_details: null,
			sent_date: null,
			delivered_date: null,
			scheduled_delivery_time: scheduledAt ?? null,
			expiry_time: fields.expiry_time ?? null,
			consent_requirement: fields.consent_requirement ?? 'NONE',
			price: Math.round(0.0075 * fragments * 10000) / 10000,
			fragments_info: Array.from({ length: fragments }, () => ({
				fragment_id: newId(),
				fragment_state: 'PENDING',
				charge: 0.0075,
				failure_code: null,
				failure_details: null,
			})),
		};
		state.messages.push(message);
	}
	context.messaging.submit(request);
	return ok({ id: request.id });
}

function stripNulls(fields: Body): Body {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}

/** `{"state": "CANCELED" | "PAUSED" | "TRANSMITTING"}` moves the send; other writable fields are stored. */
function updateMessageRequest(context: ScgContext) {
	const request = findRecord(
		context.state,
		messageRequestSpec,
		context.path.id,
	) as ScgMessageRequest;
	const body = jsonObject(context.request);
	checkVersion(messageRequestSpec, request, body);
	const fields = writableFields(messageRequestSpec, body);
	const wanted = fields.state;
	delete fields.state;
	if (wanted !== undefined) {
		if (typeof wanted !== 'string') throw badRequest('state must be a string');
		context.messaging.changeState(request, wanted.toUpperCase());
	}
	applyUpdate(request, fields, context.now);
	return ok(request);
}

function listRequestMessages(context: ScgContext) {
	const request = findRecord(context.state, messageRequestSpec, context.path.id);
	const messages = context.state.messages.filter(
		(message) => message.message_request_id === request.id,
	);
	return page(context.request, filterAndSort(context.request, messages, allFields(messageSpec)));
}

/** `{"state": "PROCESSED" | "CONVERTED"}`: the application marks an inbound message handled, or converted. */
function updateMessage(context: ScgContext) {
	const message = findRecord(context.state, messageSpec, context.path.id) as ScgMessage;
	const body = jsonObject(context.request);
	checkVersion(messageSpec, message, body);
	const fields = writableFields(messageSpec, body);
	const wanted = typeof fields.state === 'string' ? fields.state.toUpperCase() : undefined;
	if (wanted !== 'PROCESSED' && wanted !== 'CONVERTED')
		throw badRequest('state must be PROCESSED or CONVERTED');
	if (wanted === 'CONVERTED') {
		fields.converted_date = context.now;
		const request = context.state.messageRequests.find(
			(candidate) => candidate.id === message.message_request_id,
		);
		if (request && message.state !== 'CONVERTED') request.converted_count++;
	}
	applyUpdate(message, { ...fields, state: wanted }, context.now);
	return ok(message);
}

function listMessageAttachments(context: ScgContext) {
	const message = findRecord(context.state, messageSpec, context.path.id) as ScgMessage;
	const attachments = context.state.attachments.filter((attachment) =>
		message.attachments.includes(attachment.id),
	);
	return page(context.request, attachments);
}

export function registerMessagingRoutes(routes: ScgRoutes): void {
	registerCollection(routes, messageRequestSpec);
	registerCollection(routes, messageSpec);
	const requests = `${scgApi}${messageRequestSpec.path}`;
	routes.add('POST', requests, createMessageRequest);
	routes.add('POST', `${requests}/:id`, updateMessageRequest);
	routes.add('GET', `${requests}/:id/messages`, listRequestMessages);
	const messages = `${scgApi}${messageSpec.path}`;
	routes.add('POST', `${messages}/:id`, updateMessage);
	routes.add('GET', `${messages}/:id/attachments`, listMessageAttachments);
}
