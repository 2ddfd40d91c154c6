import { isRecord } from '../../core/body';
import type { EmulatorResponse } from '../../core/types';
import {
	contactFields,
	groupFields,
	type VumiContact,
	type VumiGroup,
	type VumiGoState,
} from '../state';
import {
	collectionError,
	hexId,
	normaliseMsisdn,
	ok,
	pythonRepr,
	queryValue,
	vumiTimestamp,
} from '../wire';
import type { VumiGoContext, VumiGoRoutes } from './context';

/** The address fields a contact can be looked up by (`?query=<field>=<value>`). */
export const addressFields = [
	'msisdn',
	'twitter_handle',
	'bbm_pin',
	'facebook_id',
	'gtalk_id',
	'mxit_id',
	'wechat_id',
] as const;

/** Set by the server, never by the caller: accepted as fields (as the real API does) but ignored. */
const systemFields = new Set<string>(['$VERSION', 'user_account', 'created_at']);

/** Fields of a shape of their own (checked one by one); every other field a caller sets is a string or null. */
const structuredFields = new Set<string>(['groups', 'extra', 'subscription']);

const stringFields = new Set<string>(
	contactFields.filter((field) => !systemFields.has(field) && !structuredFields.has(field)),
);

const cursorPrefix = 'vumi-go-sandbox:';

function encodeCursor(lastKey: string): string {
	return Buffer.from(`${cursorPrefix}${lastKey}`).toString('base64url');
}

function decodeCursor(cursor: string): string {
	const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
	if (!/^[A-Za-z0-9_-]+$/.test(cursor) || !decoded.startsWith(cursorPrefix))
		throw collectionError(400, `Riak error, possible invalid cursor: ${pythonRepr(cursor)}`);
	return decoded.slice(cursorPrefix.length);
}

/** Cursor pages over records ordered by key: `{"cursor": <next or null>, "data": [...]}`. */
function page<T extends { key: string }>(
	{ request, services }: VumiGoContext,
	records: T[],
	render: (record: T) => unknown = (record) => record,
): EmulatorResponse {
	const requested = queryValue(request.query, 'max_results');
	let limit = services.pageSize;
	if (requested !== undefined && requested !== '') {
		if (!/^\d+$/.test(requested) || Number(requested) < 1)
			throw collectionError(400, `Invalid value for max_results: ${pythonRepr(requested)}`);
		limit = Math.min(Number(requested), services.pageSize);
	}
	const cursor = queryValue(request.query, 'cursor');
	const after = cursor ? decodeCursor(cursor) : undefined;
	const ordered = [...records]
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
		.filter((record) => after === undefined || record.key > after);
	const data = ordered.slice(0, limit);
	const more = ordered.length > data.length;
	return ok({
		cursor: more ? encodeCursor(data[data.length - 1].key) : null,
		data: data.map(render),
	});
}

function jsonObject({ request }: VumiGoContext): Record<string, unknown> {
	if (!isRecord(request.body)) throw collectionError(400, 'Request body must be a JSON object');
	return request.body;
}

function checkContactFields(data: Record<string, unknown>): Partial<VumiContact> {
	const allowed = new Set<string>(contactFields);
	const invalid = Object.keys(data)
		.filter((field) => !allowed.has(field))
		.sort();
	if (invalid.length > 0)
		throw collectionError(400, `Invalid contact fields: ${invalid.join(', ')}`);
	const fields: Record<string, unknown> = {};
	for (const [field, value] of Object.entries(data)) {
		if (systemFields.has(field)) continue;
		if (stringFields.has(field) && value !== null && typeof value !== 'string')
			throw collectionError(400, `Invalid value for field ${pythonRepr(field)}: not a string`);
		if (
			field === 'groups' &&
			!(Array.isArray(value) && value.every((item) => typeof item === 'string'))
		)
			throw collectionError(400, "Invalid value for field 'groups': not a list of group keys");
		if (
			(field === 'extra' || field === 'subscription') &&
			!(isRecord(value) && Object.values(value).every((item) => typeof item === 'string'))
		)
			throw collectionError(
				400,
				`Invalid value for field ${pythonRepr(field)}: not a mapping of strings to strings`,
			);
		fields[field] = value;
	}
	return fields as Partial<VumiContact>;
}

function findContact(state: VumiGoState, account: string, key: string): VumiContact {
	const contact = state.contacts.find(
		(candidate) => candidate.key === key && candidate.user_account === account,
	);
	if (!contact) throw collectionError(404, `Contact ${pythonRepr(key)} not found.`);
	return contact;
}

function findGroup(state: VumiGoState, account: string, key: string): VumiGroup {
	const group = state.groups.find(
		(candidate) => candidate.key === key && candidate.user_account === account,
	);
	if (!group) throw collectionError(404, `Group ${pythonRepr(key)} not found.`);
	return group;
}

function accountContacts({ state, account }: VumiGoContext): VumiContact[] {
	return state.contacts.filter((contact) => contact.user_account === account);
}

/** `?query=msisdn=+27...`: every contact whose address field matches, in one cursor-less page. */
function searchContacts(context: VumiGoContext, query: string): EmulatorResponse {
	const separator = query.indexOf('=');
	if (separator <= 0) throw collectionError(400, "Query must be of the form 'field=value'");
	const field = query.slice(0, separator).trim();
	let value = query.slice(separator + 1);
	if (!(addressFields as readonly string[]).includes(field)) {
		throw collectionError(
			400,
			`Query field must be one of: ${addressFields.join(', ')}; got ${pythonRepr(field)}`,
		);
	}
	if (field === 'msisdn') value = normaliseMsisdn(value);
	const matches = accountContacts(context).filter((contact) => {
		const stored = contact[field as (typeof addressFields)[number]];
		if (stored === null) return false;
		return field === 'msisdn' ? normaliseMsisdn(stored) === value : stored === value;
	});
	if (matches.length === 0) throw collectionError(404, `Contact ${pythonRepr(value)} not found.`);
	return ok({ cursor: null, data: matches });
}

function listContacts(context: VumiGoContext): EmulatorResponse {
	const query = queryValue(context.request.query, 'query');
	if (query !== undefined && query !== '') return searchContacts(context, query);
	return page(context, accountContacts(context));
}

function createContact(context: VumiGoContext): EmulatorResponse {
	const fields = checkContactFields(jsonObject(context));
	const contact: VumiContact = {
		key: hexId(),
		$VERSION: 2,
		user_account: context.account,
		created_at: vumiTimestamp(context.now),
		name: null,
		surname: null,
		groups: [],
		msisdn: null,
		twitter_handle: null,
		bbm_pin: null,
		mxit_id: null,
		dob: null,
		facebook_id: null,
		wechat_id: null,
		email_address: null,
		gtalk_id: null,
		extra: {},
		subscription: {},
		...fields,
	};
	context.state.contacts.push(contact);
	return ok(contact);
}

function getContact({ state, account, path }: VumiGoContext): EmulatorResponse {
	return ok(findContact(state, account, path.key));
}

/** PUT is a patch: only the fields sent change (`extra`/`subscription` are replaced whole). */
function updateContact(context: VumiGoContext): EmulatorResponse {
	const contact = findContact(context.state, context.account, context.path.key);
	Object.assign(contact, checkContactFields(jsonObject(context)));
	return ok(contact);
}

function deleteContact({ state, account, path }: VumiGoContext): EmulatorResponse {
	const contact = findContact(state, account, path.key);
	state.contacts = state.contacts.filter((candidate) => candidate !== contact);
	return ok(contact);
}

function checkGroupFields(
	data: Record<string, unknown>,
	creating: boolean,
): { name?: string; query?: string | null } {
	const allowed = new Set<string>(groupFields);
	const invalid = Object.keys(data)
		.filter((field) => !allowed.has(field))
		.sort();
	if (invalid.length > 0) throw collectionError(400, `Invalid group fields: ${invalid.join(', ')}`);
	const fields: { name?: string; query?: string | null } = {};
	if (data.name !== undefined || creating) {
		if (typeof data.name !== 'string' || data.name.trim() === '')
			throw collectionError(400, "Invalid value for field 'name': a group needs a name");
		fields.name = data.name;
	}
	if (data.query !== undefined) {
		if (data.query !== null && typeof data.query !== 'string')
			throw collectionError(400, "Invalid value for field 'query': not a string");
		fields.query = data.query === '' ? null : data.query;
	}
	return fields;
}

function listGroups(context: VumiGoContext): EmulatorResponse {
	return page(
		context,
		context.state.groups.filter((group) => group.user_account === context.account),
	);
}

function createGroup(context: VumiGoContext): EmulatorResponse {
	const fields = checkGroupFields(jsonObject(context), true);
	const group: VumiGroup = {
		key: hexId(),
		$VERSION: 1,
		user_account: context.account,
		created_at: vumiTimestamp(context.now),
		name: fields.name ?? '',
		query: fields.query ?? null,
	};
	context.state.groups.push(group);
	return ok(group);
}

function getGroup({ state, account, path }: VumiGoContext): EmulatorResponse {
	return ok(findGroup(state, account, path.key));
}

function updateGroup(context: VumiGoContext): EmulatorResponse {
	const group = findGroup(context.state, context.account, context.path.key);
	Object.assign(group, checkGroupFields(jsonObject(context), false));
	return ok(group);
}

/** Deleting a group also takes it out of its members' `groups`, so no contact points at nothing. */
function deleteGroup({ state, account, path }: VumiGoContext): EmulatorResponse {
	const group = findGroup(state, account, path.key);
	state.groups = state.groups.filter((candidate) => candidate !== group);
	for (const contact of state.contacts)
		contact.groups = contact.groups.filter((key) => key !== group.key);
	return ok(group);
}

function wildcard(pattern: string): RegExp {
	const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
	return new RegExp(`^${escaped}$`, 'i');
}

/** Smart-group queries as Go's search index reads the simple cases: `field:value AND field:val*`. */
export function matchesSmartQuery(contact: VumiContact, query: string): boolean {
	const terms = query.split(/\s+AND\s+/i).map((term) => term.trim());
	return terms.every((term) => {
		const separator = term.indexOf(':');
		if (separator <= 0) return false;
		const field = term.slice(0, separator).trim();
		const pattern = wildcard(
			term
				.slice(separator + 1)
				.trim()
				.replace(/^"(.*)"$/, '$1'),
		);
		const record = contact as unknown as Record<string, unknown>;
		const value = field.startsWith('extras-')
			? contact.extra[field.slice('extras-'.length)]
			: record[field];
		if (Array.isArray(value)) return value.some((item) => pattern.test(String(item)));
		return typeof value === 'string' && pattern.test(value);
	});
}

function groupContacts(context: VumiGoContext): EmulatorResponse {
	const group = findGroup(context.state, context.account, context.path.key);
	const members = accountContacts(context).filter((contact) =>
		group.query === null
			? contact.groups.includes(group.key)
			: matchesSmartQuery(contact, group.query),
	);
	return page(context, members);
}

/** go-contacts-api: `{base}/contacts/...` and `{base}/groups/...`. */
export function registerContactRoutes(routes: VumiGoRoutes): void {
	routes.add('GET', '/contacts', listContacts, 'bearer');
	routes.add('POST', '/contacts', createContact, 'bearer');
	routes.add('GET', '/contacts/:key', getContact, 'bearer');
	routes.add('PUT', '/contacts/:key', updateContact, 'bearer');
	routes.add('DELETE', '/contacts/:key', deleteContact, 'bearer');
	routes.add('GET', '/groups', listGroups, 'bearer');
	routes.add('POST', '/groups', createGroup, 'bearer');
	routes.add('GET', '/groups/:key', getGroup, 'bearer');
	routes.add('PUT', '/groups/:key', updateGroup, 'bearer');
	routes.add('DELETE', '/groups/:key', deleteGroup, 'bearer');
	routes.add('GET', '/groups/:key/contacts', groupContacts, 'bearer');
}
