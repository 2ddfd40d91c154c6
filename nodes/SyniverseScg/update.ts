import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { FieldSpec, OperationInput, OperationSpec } from '../shared/operations';
import { wireValues } from '../shared/operations';
import type { RequestSettings } from '../shared/request';
import { pathWith, providerRequest } from '../shared/request';
import { scgProfile } from './api';
import { isEmptyWireValue, versionNumber } from './fields';

/** A 409 on an update means the version was stale: say so in words an ops person can act on. */
export function conflictError(
	context: IExecuteFunctions,
	error: unknown,
	what: string,
	id: string,
	itemIndex: number,
): unknown {
	if (!(error instanceof NodeApiError) || error.httpCode !== '409') return error;
	return new NodeApiError(context.getNode(), error.errorResponse as JsonObject, {
		message: `Someone else changed ${what} ${id} since it was read: read it again and repeat the update`,
		description: `The update was not applied, so their change is kept. Syniverse SCG said: ${error.message}`,
		httpCode: '409',
		itemIndex,
	});
}

interface UpdateTarget {
	what: string;
	idField: FieldSpec;
	writableFields: FieldSpec[];
}

/**
 * The body of an update: the changes with the user's `version_number`, or, without one, the object's
 * non-empty writable fields as read now with the changes on top and the version just read.
 */
async function updateBody(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
	target: UpdateTarget,
	objectPath: string,
): Promise<IDataObject> {
	const changes = wireValues(target.writableFields, input.values);
	if (input.values.versionNumber !== undefined)
		return { ...changes, version_number: input.values.versionNumber as number };
	const { body: current } = await providerRequest<IDataObject>(
		context,
		scgProfile,
		{ method: 'GET', path: objectPath, itemIndex: input.itemIndex },
		settings,
	);
	const kept: IDataObject = {};
	for (const field of target.writableFields) {
		const wireName = field.wireName ?? field.name;
		if (!isEmptyWireValue(current[wireName])) kept[wireName] = current[wireName];
	}
	return { ...kept, ...changes, version_number: current.version_number as number };
}

/**
 * Update as SCG wants it (docs/wire-formats/syniverseScg.md#updates): `POST /{collection}/{id}` with the
 * object's writable fields and its `version_number`. Without a version from the user, the object is read
 * first and its non-empty writable fields are sent back with the changes on top, as the SDK does. The output
 * is the object as SCG has it afterwards.
 */
export function updateOperation(
	options: UpdateTarget & { resource: string; collectionPath: string },
): OperationSpec {
	const { resource, what, collectionPath, idField, writableFields } = options;
	const path = `${collectionPath}/{${idField.name}}`;
	return {
		resource,
		operation: 'update',
		name: 'Update',
		action: `Update a ${what}`,
		description: `Change fields of a ${what}; a change made by someone else in the meantime is never overwritten`,
		method: 'POST',
		path,
		// The version number makes a repeated update fail with a conflict instead of applying twice.
		onTimeout: 'fail',
		fields: [idField, ...writableFields, versionNumber],
		async run(context, input, settings) {
			const id = String(input.values[idField.name]);
			const objectPath = pathWith(path, { [idField.name]: id });
			const body = await updateBody(context, input, settings, options, objectPath);
			try {
				await providerRequest(
					context,
					scgProfile,
					{
						method: 'POST',
						path: objectPath,
						body,
						headers: { 'Content-Type': 'application/json' },
						itemIndex: input.itemIndex,
					},
					settings,
				);
			} catch (error) {
				throw conflictError(context, error, `the ${what}`, id, input.itemIndex);
			}
			const updated = await providerRequest<IDataObject>(
				context,
				scgProfile,
				{ method: 'GET', path: objectPath, itemIndex: input.itemIndex },
				settings,
			);
			return context.helpers.returnJsonArray(updated.body);
		},
	};
}

/** A delete answers nothing: say what was deleted. */
export function deletedOutput(idName: string) {
	return (_body: unknown, input: { values: Record<string, unknown> }): IDataObject => ({
		id: input.values[idName] as string,
		deleted: true,
	});
}
