import type { FieldLocation, FieldSpec, OnTimeout, OperationSpec } from './types';

/**
 * The defaults of the operation table, decided here and nowhere else: where a field's value travels,
 * whether a request whose outcome is unknown is repeated, and which fields are parameters of their own.
 */

export const ADDITIONAL_FIELDS = 'additionalFields';
export const FILTERS = 'filters';

/** Methods whose repetition changes nothing; a PUT is not among them, since some providers send with it. */
const READ_METHODS = ['GET', 'HEAD', 'DELETE'];

/** Kinds of field that n8n shows as parameters of their own, never inside Additional Fields or Filters. */
const OWN_PARAMETER_TYPES: Array<FieldSpec['type']> = [
	'collection',
	'fixedCollection',
	'resourceLocator',
];

export interface ResolvedField extends FieldSpec {
	in: FieldLocation;
}

/** An operation with its defaults filled in: every field says where it travels, and `onTimeout` is set. */
export type ResolvedOperation = OperationSpec & { fields: ResolvedField[]; onTimeout: OnTimeout };

function isRead(operation: OperationSpec): boolean {
	return operation.method !== undefined && READ_METHODS.includes(operation.method);
}

/** `field.in`, else the path when the path has `{name}`, else the query of a read and the body of a write. */
export function fieldLocation(operation: OperationSpec, field: FieldSpec): FieldLocation {
	if (field.in) return field.in;
	if (operation.path?.includes(`{${field.name}}`)) return 'path';
	return isRead(operation) ? 'query' : 'body';
}

/** `operation.onTimeout`, else `retry` for GET, HEAD and DELETE and `fail` for everything else. */
export function onTimeoutOf(operation: OperationSpec): OnTimeout {
	return operation.onTimeout ?? (isRead(operation) ? 'retry' : 'fail');
}

/** Required fields, fields shown on a condition, and the kinds n8n never nests stand on their own. */
export function isOwnParameter(field: FieldSpec): boolean {
	return (
		field.required === true ||
		field.showWhen !== undefined ||
		OWN_PARAMETER_TYPES.includes(field.type)
	);
}

/** The collection that holds an operation's optional fields: Filters on a list, Additional Fields otherwise. */
export function optionalFieldsCollection(operation: { list?: boolean }): string {
	return operation.list ? FILTERS : ADDITIONAL_FIELDS;
}

const resolved = new WeakMap<OperationSpec, ResolvedOperation>();

/** The operation with its defaults filled in; worked out once per operation of a table. */
export function resolveOperation(operation: OperationSpec): ResolvedOperation {
	let result = resolved.get(operation);
	if (!result) {
		result = {
			...operation,
			fields: (operation.fields ?? []).map((field) => ({
				...field,
				in: fieldLocation(operation, field),
			})),
			onTimeout: onTimeoutOf(operation),
		} as ResolvedOperation;
		resolved.set(operation, result);
	}
	return result;
}
