import type { INodeProperties, INodePropertyMode, NodeParameterValueType } from 'n8n-workflow';

import type { FieldSpec, ResourceLocatorModes } from './types';

/** How one FieldSpec looks in the node panel: the n8n parameter it becomes. */

/** n8n's help text for a dropdown filled from the provider, which n8n's lint asks every such dropdown to end with. */
const DYNAMIC_OPTIONS_HELP =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** The field's own description, then n8n's standard help for a dropdown filled from the provider. */
function dynamicOptionsDescription(description?: string): string {
	const own = description?.trim().replace(/\.$/, '');
	return own ? `${own}. ${DYNAMIC_OPTIONS_HELP}.` : DYNAMIC_OPTIONS_HELP;
}

/** The modes of a resource locator in the order n8n shows them: From List, By ID, By URL. */
function locatorModes(modes: ResourceLocatorModes): INodePropertyMode[] {
	const { list, id, url } = modes;
	const idRule = { regex: id.regex ?? '.+', errorMessage: id.errorMessage ?? 'Not a valid ID' };
	const urlRegex = url?.regex ?? '';
	const available: { modes: INodePropertyMode[] } = {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: list?.placeholder,
				typeOptions: {
					searchListMethod: list?.searchMethod ?? '',
					searchable: list?.searchable ?? true,
				},
			},
			{
				displayName: id.displayName ?? 'By ID',
				name: 'id',
				type: 'string',
				placeholder: id.placeholder,
				validation: [{ type: 'regex', properties: idRule }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: url?.placeholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: urlRegex, errorMessage: url?.errorMessage ?? 'Not a valid URL' },
					},
				],
				extractValue: { type: 'regex', regex: urlRegex },
			},
		],
	};
	return available.modes.filter((mode) => mode.name === 'id' || modes[mode.name as 'list' | 'url']);
}

/** The table's default, else the empty value of the field's type (the first option of a fixed dropdown). */
function defaultOf(field: FieldSpec): NodeParameterValueType {
	if (field.default !== undefined) return field.default;
	switch (field.type) {
		case 'number':
			return 0;
		case 'boolean':
			return false;
		case 'options':
			return field.loadOptionsMethod ? '' : (field.options?.[0]?.value ?? '');
		case 'multiOptions':
			return [];
		case 'collection':
		case 'fixedCollection':
			return {};
		case 'resourceLocator':
			return { mode: field.modes?.list ? 'list' : 'id', value: '' };
		default:
			return '';
	}
}

function numberOptions(field: FieldSpec): INodeProperties['typeOptions'] {
	return {
		...field.typeOptions,
		...(field.integer ? { numberPrecision: 0 } : {}),
		...(field.min !== undefined ? { minValue: field.min } : {}),
	};
}

/** A dropdown, or a list of choices: fixed options, or filled from the provider. */
function choices(field: FieldSpec, property: INodeProperties): void {
	if (!field.loadOptionsMethod) {
		property.options = field.options ?? [];
		return;
	}
	property.typeOptions = { ...property.typeOptions, loadOptionsMethod: field.loadOptionsMethod };
	property.description = dynamicOptionsDescription(field.description);
	property.options = [];
}

function byDisplayName(a: INodeProperties, b: INodeProperties): number {
	return a.displayName.localeCompare(b.displayName);
}

/** The n8n parameter of a field, without the `displayOptions` that tie it to an operation. */
export function fieldProperty(field: FieldSpec): INodeProperties {
	const property: INodeProperties = {
		displayName: field.displayName,
		name: field.name,
		type: field.type === 'stringList' || field.type === 'numberList' ? 'string' : field.type,
		default: defaultOf(field),
		description: field.description,
	};
	if (field.placeholder) property.placeholder = field.placeholder;
	if (field.hint) property.hint = field.hint;
	if (field.typeOptions) property.typeOptions = { ...field.typeOptions };
	switch (field.type) {
		case 'number':
			if (field.integer || field.min !== undefined) property.typeOptions = numberOptions(field);
			break;
		case 'options':
		case 'multiOptions':
			choices(field, property);
			break;
		case 'collection':
			property.placeholder = field.placeholder ?? 'Add Field';
			property.options = (field.fields ?? []).map(fieldProperty).sort(byDisplayName);
			break;
		case 'fixedCollection':
			property.typeOptions = {
				...property.typeOptions,
				multipleValues: field.multipleValues === true,
			};
			property.options = [
				{
					displayName: field.row?.displayName ?? field.displayName,
					name: field.row?.name ?? field.name,
					values: (field.fields ?? []).map(fieldProperty),
				},
			];
			break;
		case 'resourceLocator':
			property.modes = locatorModes(field.modes ?? { id: {} });
			break;
		default:
			break;
	}
	return property;
}

/** The optional fields of an operation as the options of its Additional Fields or Filters, by name. */
export function collectionOptions(fields: FieldSpec[]): INodeProperties[] {
	return fields.map(fieldProperty).sort(byDisplayName);
}
