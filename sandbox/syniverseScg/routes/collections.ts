import { toInteger } from '../../core/body';
import type { ScgRecord, ScgState } from '../state';
import {
	badRequest,
	filterAndSort,
	jsonObject,
	newRecord,
	noContent,
	notFound,
	ok,
	page,
	ScgError,
	scgApi,
	type Body,
} from '../wire';
import type { ScgContext, ScgRoutes } from './context';

type CollectionKey = {
	[K in keyof ScgState]: ScgState[K] extends ScgRecord[] ? K : never;
}[keyof ScgState];

/** One SCG collection, described once: where it lives, which fields a client may write. */
export interface CollectionSpec {
	key: CollectionKey;
	/** Under `/scg-external-api/api/v1`. */
	path: string;
	/** For messages: "Contact abc not found". */
	label: string;
	writable: readonly string[];
	/** Server-owned fields: ignored when sent, usable as list filters. */
	readOnly: readonly string[];
	/** Which endpoints exist; default all. */
	operations?: readonly ('list' | 'get' | 'create' | 'update' | 'delete')[];
	/** Server-owned fields of a new record (state, counts...). */
	defaults?: (context: ScgContext, fields: Body) => Body;
	/** Checks a create or update before it is stored. */
	validate?: (context: ScgContext, fields: Body, existing?: ScgRecord) => void;
	/** Adds derived fields (a group's member_count). */
	render?: (context: ScgContext, record: ScgRecord) => unknown;
	onDelete?: (context: ScgContext, record: ScgRecord) => void;
}

export const commonReadOnly = [
	'id',
	'application_id',
	'created_date',
	'last_update_date',
	'version_number',
] as const;

export function records(state: ScgState, key: CollectionKey): ScgRecord[] {
	return state[key] as ScgRecord[];
}

export function findRecord(state: ScgState, spec: CollectionSpec, id: string): ScgRecord {
	const found = records(state, spec.key).find((candidate) => candidate.id === id);
	if (!found) throw notFound(`${spec.label} ${id} not found`);
	return found;
}

/**
 * The writable fields of a body. Unknown fields are refused so a misspelt wire name fails loudly;
 * server-owned ones are ignored because clients echo whole fetched objects back
 * (docs/wire-formats/syniverseScg.md#emulator-assumptions).
 */
export function writableFields(spec: CollectionSpec, body: Body): Body {
	const fields: Body = {};
	for (const [name, value] of Object.entries(body)) {
		if (spec.writable.includes(name)) fields[name] = value;
		else if (!spec.readOnly.includes(name) && name !== 'version_number')
			throw badRequest(`Unknown field ${name} for ${spec.label.toLowerCase()}`);
	}
	return fields;
}

/** Optimistic locking: a `version_number` that is not the current one is a 409; none skips the check. */
export function checkVersion(spec: CollectionSpec, record: ScgRecord, body: Body): void {
	if (body.version_number === undefined || body.version_number === null) return;
	const sent = toInteger(body.version_number);
	if (sent === undefined) throw badRequest('version_number must be an integer');
	if (sent !== record.version_number)
		throw new ScgError(
			409,
			`${spec.label} ${record.id} was changed by someone else: version_number ${sent} is stale, the current version is ${record.version_number}`,
			'VERSION_CONFLICT',
		);
}

/** Stores a change: null clears a field; the version goes up by one. */
export function applyUpdate(record: ScgRecord, fields: Body, now: number): void {
	for (const [name, value] of Object.entries(fields)) {
		if (value === null) delete record[name];
		else record[name] = value;
	}
	record.version_number += 1;
	record.last_update_date = now;
}

export function createRecord(context: ScgContext, spec: CollectionSpec, fields: Body): ScgRecord {
	const stored: ScgRecord = {
		...newRecord(context.now),
		...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)),
		...spec.defaults?.(context, fields),
	};
	records(context.state, spec.key).push(stored);
	return stored;
}

export function renderer(spec: CollectionSpec, context: ScgContext) {
	return (record: ScgRecord) => (spec.render ? spec.render(context, record) : record);
}

export function allFields(spec: CollectionSpec): string[] {
	return [...spec.writable, ...spec.readOnly];
}

/** `GET/POST /{collection}`, `GET/POST/PUT/DELETE /{collection}/{id}` (PUT replaces, POST merges). */
export function registerCollection(routes: ScgRoutes, spec: CollectionSpec): void {
	const operations = spec.operations ?? ['list', 'get', 'create', 'update', 'delete'];
	const collection = `${scgApi}${spec.path}`;
	const item = `${collection}/:id`;
	if (operations.includes('list'))
		routes.add('GET', collection, (context) =>
			page(
				context.request,
				filterAndSort(context.request, records(context.state, spec.key), allFields(spec)),
				renderer(spec, context),
			),
		);
	if (operations.includes('get'))
		routes.add('GET', item, (context) =>
			ok(renderer(spec, context)(findRecord(context.state, spec, context.path.id))),
		);
	if (operations.includes('create'))
		routes.add('POST', collection, (context) => {
			const fields = writableFields(spec, jsonObject(context.request));
			spec.validate?.(context, fields);
			return ok({ id: createRecord(context, spec, fields).id });
		});
	if (operations.includes('update')) {
		const update = (replace: boolean) => (context: ScgContext) => {
			const record = findRecord(context.state, spec, context.path.id);
			const body = jsonObject(context.request);
			checkVersion(spec, record, body);
			const fields = writableFields(spec, body);
			if (replace) for (const name of spec.writable) if (!(name in fields)) fields[name] = null;
			spec.validate?.(context, fields, record);
			applyUpdate(record, fields, context.now);
			return ok(renderer(spec, context)(record));
		};
		routes.add('POST', item, update(false));
		routes.add('PUT', item, update(true));
	}
	if (operations.includes('delete'))
		routes.add('DELETE', item, (context) => {
			const record = findRecord(context.state, spec, context.path.id);
			const list = records(context.state, spec.key);
			list.splice(list.indexOf(record), 1);
			spec.onDelete?.(context, record);
			return noContent();
		});
}
