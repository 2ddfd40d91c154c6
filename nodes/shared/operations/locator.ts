import type { FieldSpec, ResourceLocatorModes } from './types';

/**
 * A required ID the user picks From List (the node's `methods.listSearch[searchMethod]`) or types
 * (`typed`: "By ID", or what the record is addressed by). It starts empty on the list, so nothing
 * reaches the wire until one is chosen (n8n marks the empty field as required). Where it travels
 * follows the operation (see `FieldSpec.in`).
 */
export function locatorField(
	name: string,
	displayName: string,
	searchMethod: string,
	typed: ResourceLocatorModes['id'] = {},
	listPlaceholder = 'Select from the list...',
): FieldSpec {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: { list: { searchMethod, placeholder: listPlaceholder }, id: typed },
	};
}

/** A `locatorField` whose ID travels as a path segment. */
export function idFromList(
	name: string,
	displayName: string,
	searchMethod: string,
	typed: ResourceLocatorModes['id'] = {},
): FieldSpec {
	return { ...locatorField(name, displayName, searchMethod, typed), in: 'path' };
}
