import type { IDataObject } from 'n8n-workflow';

import type { ProviderRequest } from '../request';
import { pathWith } from '../request';
import type { ResolvedOperation } from './table';
import { resolveOperation } from './table';
import type { FieldSpec, NodeApi, OperationInput, OperationSpec } from './types';

/** What the table's request of one item is made of, before it is sent. */

function wireValueOf(field: FieldSpec, value: unknown): unknown {
	return field.toWire ? field.toWire(value) : value;
}

/**
 * The wire form of the given fields' values, by wire name: for operations that build their own body.
 * Fields that only steer the operation (`in: 'none'`) and values `keep` rejects are left out.
 */
export function wireValues(
	fields: FieldSpec[],
	values: Record<string, unknown>,
	keep: (wireValue: unknown) => boolean = (wireValue) => wireValue !== undefined,
): IDataObject {
	const wire: IDataObject = {};
	for (const field of fields) {
		const value = values[field.name];
		if (value === undefined || field.in === 'none') continue;
		const wireValue = wireValueOf(field, value);
		if (keep(wireValue)) wire[field.wireName ?? field.name] = wireValue as IDataObject[string];
	}
	return wire;
}

function nonEmpty(values: IDataObject): IDataObject | undefined {
	return Object.keys(values).length > 0 ? values : undefined;
}

/** Turns an operation and one item's checked values into the request the provider expects. */
export function buildRequest(spec: OperationSpec, input: OperationInput): ProviderRequest {
	const operation: ResolvedOperation = resolveOperation(spec);
	if (!operation.method || operation.path === undefined)
		throw new Error(
			`The operation "${operation.operation}" has no method and path to build a request from`,
		);
	const pathValues: Record<string, string | number> = {};
	const idFields: string[] = [];
	const qs: IDataObject = {};
	const body: IDataObject = { ...operation.constantBody };
	for (const field of operation.fields) {
		const value = input.values[field.name];
		const location = field.in;
		if (value === undefined || location === 'none') continue;
		const wireValue = wireValueOf(field, value);
		if (wireValue === undefined) continue;
		if (location === 'path') {
			pathValues[field.name] = wireValue as string | number;
			idFields.push(field.displayName);
		} else
			(location === 'query' ? qs : body)[field.wireName ?? field.name] =
				wireValue as IDataObject[string];
	}
	return {
		method: operation.method,
		path: pathWith(operation.path, pathValues),
		qs: nonEmpty(qs),
		body: nonEmpty(body),
		idempotent: operation.onTimeout === 'retry',
		authenticate: operation.authenticate,
		idFields: idFields.length > 0 ? idFields : undefined,
		itemIndex: input.itemIndex,
	};
}

/** A form API (Hoiio) takes every parameter in the body, and lists as comma-separated text. */
export function asFormRequest(request: ProviderRequest): ProviderRequest {
	const body: IDataObject = { ...request.qs, ...(request.body as IDataObject | undefined) };
	for (const [key, value] of Object.entries(body)) {
		if (Array.isArray(value)) body[key] = value.join(',');
	}
	return { ...request, qs: undefined, body };
}

/** The request of one item, as the operation's provider expects it. */
export function requestFor(
	api: NodeApi,
	operation: OperationSpec,
	input: OperationInput,
): ProviderRequest {
	const request = buildRequest(operation, input);
	return (operation.profile ?? api.profile).bodyFormat === 'form'
		? asFormRequest(request)
		: request;
}
