import type { FieldSpec, ResourceLocatorModes } from './types';

/**
 * A required ID the user picks From List (the node's `methods.listSearch[searchMethod]`) or types
 * (`typed`: "By ID", or what the record is addressed by). It starts empty on the list, so nothing
 * reaches the wire until one is chosen, and it travels as a path segment.
 */
export function idFromList(
	name: string,
	displayName: string,
	searchMethod: string,
	typed: ResourceLocatorModes['id'] = {},
): FieldSpec {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		in: 'path',
		modes: { list: { searchMethod, placeholder: 'Select from the list...' }, id: typed },
	};
}
