import type { ScgRecord } from '../state';
import { jsonObject, noContent, notFound, ok, page, scgApi, stringList } from '../wire';
import type { ScgContext, ScgRoutes } from './context';
import {
	commonReadOnly,
	findRecord,
	registerCollection,
	renderer,
	type CollectionSpec,
} from './collections';

const fastAccess = Array.from({ length: 20 }, (_, index) => `fast_access_${index + 1}`);

export const contactSpec: CollectionSpec = {
	key: 'contacts',
	path: '/contacts',
	label: 'Contact',
	writable: [
		'external_id',
		'first_name',
		'last_name',
		'birth_date',
		'first_acquisition_date',
		'last_acquisition_date',
		'primary_mdn',
		'primary_addr_line1',
		'primary_addr_line2',
		'primary_addr_city',
		'primary_addr_zip',
		'primary_addr_state',
		'primary_email_addr',
		'primary_social_handle',
		'address_list',
		'account_list',
		'device_list',
		'interest_list',
		'demographic_list',
		'extended_attributes',
		'social_handles',
		'preferred_language',
		'voice_preference',
		'fast_access',
		...fastAccess,
	],
	readOnly: [...commonReadOnly],
	onDelete: ({ state }, contact) => {
		for (const [groupId, members] of Object.entries(state.groupMembers))
			state.groupMembers[groupId] = members.filter((id) => id !== contact.id);
	},
};

export const contactGroupSpec: CollectionSpec = {
	key: 'contactGroups',
	path: '/contact_groups',
	label: 'Contact group',
	writable: ['external_id', 'name', 'description', 'criteria'],
	readOnly: [...commonReadOnly, 'status', 'member_count', 'type'],
	defaults: () => ({ status: 'ACTIVE', type: 'STATIC' }),
	render: ({ state }, group) => ({
		...group,
		member_count: (state.groupMembers[group.id] ?? []).length,
	}),
	onDelete: ({ state }, group) => {
		delete state.groupMembers[group.id];
	},
};

export const senderIdSpec: CollectionSpec = {
	key: 'senderIds',
	path: '/messaging/sender_ids',
	label: 'Sender id',
	writable: [
		'parent_id',
		'name',
		'ownership',
		'class_id',
		'type_id',
		'state',
		'address',
		'content_type',
		'message_templates',
		'country',
		'operators',
		'credentials',
		'two_way_required',
		'keep_sender_address',
		'dr_required',
		'consent_managed_by',
		'capabilities',
		'check_whitelist',
		'billing',
	],
	readOnly: [...commonReadOnly],
	defaults: (_context, fields) => ({ state: fields.state ?? 'PENDING' }),
	// Credentials of a sender id (e.g. a WeChat secret) are write-only.
	render: (_context, sender) => {
		const rendered: Record<string, unknown> = { ...sender };
		delete rendered.credentials;
		return rendered;
	},
};

export const channelSpec: CollectionSpec = {
	key: 'channels',
	path: '/messaging/channels',
	label: 'Channel',
	writable: ['name', 'priority', 'role', 'description', 'message_templates'],
	readOnly: [...commonReadOnly],
	onDelete: ({ state }, channel) => {
		delete state.channelSenderIds[channel.id];
	},
};

const readOnlyTable = (
	key: CollectionSpec['key'],
	path: string,
	label: string,
): CollectionSpec => ({
	key,
	path,
	label,
	writable: [],
	readOnly: [...commonReadOnly, 'name', 'description'],
	operations: ['list', 'get'],
});

const otherSpecs: CollectionSpec[] = [
	readOnlyTable('senderIdClasses', '/messaging/sender_id_classes', 'Sender id class'),
	readOnlyTable('senderIdTypes', '/messaging/sender_id_types', 'Sender id type'),
	{
		key: 'keywords',
		path: '/messaging/keywords',
		label: 'Keyword',
		writable: [
			'name',
			'description',
			'value',
			'case',
			'sender_id',
			'valid_from',
			'valid_to',
			'associated_info',
			'campaign_id',
			'type',
			'actions',
			'reply_template',
		],
		readOnly: [...commonReadOnly],
	},
	{
		key: 'messageTemplates',
		path: '/messaging/message_templates',
		label: 'Message template',
		writable: ['designation', 'name', 'pattern'],
		readOnly: [...commonReadOnly],
	},
	{
		key: 'contactAddressStatuses',
		path: '/consent/contact_address_statuses',
		label: 'Contact address status',
		writable: ['address_type', 'address', 'sender_id', 'consent_status'],
		readOnly: [...commonReadOnly],
		defaults: (_context, fields) => ({ consent_status: fields.consent_status ?? 'NONE' }),
	},
	{
		key: 'contactAddressHistory',
		path: '/consent/contact_address_history',
		label: 'Contact address history entry',
		writable: [],
		readOnly: [
			...commonReadOnly,
			'msisdn',
			'sender_id',
			'source',
			'status',
			'timestamp',
			'message',
			'keyword',
		],
		operations: ['list', 'get'],
	},
];

/** `POST /contact_groups/{id}/contacts` `{"contacts": [ids]}` → `{"errors": {"<id>": "Unknown document: <id>"}}`. */
function addMembers({ request, path, state }: ScgContext) {
	const group = findRecord(state, contactGroupSpec, path.id);
	const ids = stringList(jsonObject(request).contacts ?? [], 'contacts');
	const members = (state.groupMembers[group.id] ??= []);
	const errors: Record<string, string> = {};
	for (const id of ids) {
		if (!state.contacts.some((contact) => contact.id === id))
			errors[id] = `Unknown document: ${id}`;
		else if (!members.includes(id)) members.push(id);
	}
	return ok({ errors });
}

function listMembers(context: ScgContext) {
	const group = findRecord(context.state, contactGroupSpec, context.path.id);
	const members = (context.state.groupMembers[group.id] ?? [])
		.map((id) => context.state.contacts.find((contact) => contact.id === id))
		.filter((contact): contact is ScgRecord => contact !== undefined);
	return page(context.request, members);
}

function removeMember({ path, state }: ScgContext) {
	const group = findRecord(state, contactGroupSpec, path.id);
	const members = state.groupMembers[group.id] ?? [];
	if (!members.includes(path.contactId))
		throw notFound(`Contact ${path.contactId} is not a member of contact group ${group.id}`);
	state.groupMembers[group.id] = members.filter((id) => id !== path.contactId);
	return noContent();
}

function addChannelSenders({ request, path, state }: ScgContext) {
	const channel = findRecord(state, channelSpec, path.id);
	const ids = stringList(jsonObject(request).sender_ids ?? [], 'sender_ids');
	const linked = (state.channelSenderIds[channel.id] ??= []);
	const errors: Record<string, string> = {};
	for (const id of ids) {
		if (!state.senderIds.some((sender) => sender.id === id)) errors[id] = `Unknown document: ${id}`;
		else if (!linked.includes(id)) linked.push(id);
	}
	return ok({ errors });
}

function listChannelSenders(context: ScgContext) {
	const channel = findRecord(context.state, channelSpec, context.path.id);
	const senders = (context.state.channelSenderIds[channel.id] ?? [])
		.map((id) => context.state.senderIds.find((sender) => sender.id === id))
		.filter((sender): sender is ScgRecord => sender !== undefined);
	return page(context.request, senders, renderer(senderIdSpec, context));
}

function removeChannelSender({ path, state }: ScgContext) {
	const channel = findRecord(state, channelSpec, path.id);
	const linked = state.channelSenderIds[channel.id] ?? [];
	if (!linked.includes(path.senderId))
		throw notFound(`Sender id ${path.senderId} is not on channel ${channel.id}`);
	state.channelSenderIds[channel.id] = linked.filter((id) => id !== path.senderId);
	return noContent();
}

export function registerResourceRoutes(routes: ScgRoutes): void {
	for (const spec of [contactSpec, contactGroupSpec, senderIdSpec, channelSpec, ...otherSpecs])
		registerCollection(routes, spec);
	const groups = `${scgApi}/contact_groups/:id/contacts`;
	routes.add('GET', groups, listMembers);
	routes.add('POST', groups, addMembers);
	routes.add('DELETE', `${groups}/:contactId`, removeMember);
	const channels = `${scgApi}/messaging/channels/:id/sender_ids`;
	routes.add('GET', channels, listChannelSenders);
	routes.add('POST', channels, addChannelSenders);
	routes.add('DELETE', `${channels}/:senderId`, removeChannelSender);
}
