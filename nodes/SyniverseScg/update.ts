import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { FieldSpec, OperationSpec } from '../shared/operations';
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

/**
 * Update as SCG wants it (wire notes §5.1, §8): `POST /{collection}/{id}` with the object's writable
 * fields and its `version_number`. Without a version from the user, the object is read first and
 * its non-empty writable fields are sent back with the changes on top, as the SDK does.
 */
export function updateOperation(options: {
	resource: string;
	what: string;
	collectionPath: string;
	idField: FieldSpec;
	writableFields: FieldSpec[];
}): OperationSpec {
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
		fields: [idField, ...writableFields, versionNumber],
		async execute(
			context: IExecuteFunctions,
			input,
			settings: RequestSettings,
		): Promise<IDataObject> {
			const id = String(input.values[idField.name]);
			const objectPath = pathWith(path, { [idField.name]: id });
			const changes = wireValues(writableFields, input.values);
			let body: IDataObject;
			if (input.values.versionNumber !== undefined) {
				body = { ...changes, version_number: input.values.versionNumber as number };
			} else {
				const current = (
					await providerRequest<IDataObject>(
						context,
						scgProfile,
						{ method: 'GET', path: objectPath, itemIndex: input.itemIndex },
						settings,
					)
				).body;
				const kept: IDataObject = {};
				for (const field of writableFields) {
					const wireName = field.wireName ?? field.name;
					if (!isEmptyWireValue(current[wireName])) kept[wireName] = current[wireName];
				}
				body = { ...kept, ...changes, version_number: current.version_number as number };
			}
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
			return updated.body;
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
