import type { IDataObject } from 'n8n-workflow';

import type { FieldSpec, OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { isObject } from '../../../shared/provider';
import { pathWith } from '../../../shared/request';
import { call, platformFor, unwrapSmartLiving } from '../../api';
import { assetNameProblem, deviceIdField } from '../../fields';

/** Options named like their values: the same word, or (`value`) its wire form. */
function choices(names: string[], value = (name: string) => name) {
	return names.map((name) => ({ name, value: value(name) }));
}

const fields: FieldSpec[] = [
	deviceIdField,
	{
		displayName: 'Asset Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		in: 'path',
		placeholder: 'temperature',
		description:
			'The name of the asset on the device, used in its address. An existing asset of that name is updated.',
		validate: assetNameProblem,
	},
	{
		displayName: 'Kind',
		name: 'is',
		type: 'options',
		required: true,
		default: 'sensor',
		options: [
			{ name: 'Sensor', value: 'sensor', description: 'Measures and reports states' },
			{ name: 'Actuator', value: 'actuator', description: 'Receives commands' },
			{ name: 'Virtual', value: 'virtual', description: 'A value computed by the cloud' },
			{ name: 'Config', value: 'config', description: 'A setting of the device' },
		],
	},
	{
		displayName: 'Profile',
		name: 'profileFrom',
		type: 'options',
		required: true,
		default: 'type',
		options: [
			{ name: 'Type', value: 'type', description: 'A simple value type' },
			{ name: 'JSON Profile', value: 'json', description: 'A complete JSON schema profile' },
		],
		description: 'What values the asset holds',
	},
	{
		displayName: 'Type',
		name: 'profileType',
		type: 'options',
		required: true,
		default: 'number',
		showWhen: { profileFrom: ['type'] },
		options: choices(['Boolean', 'Integer', 'Number', 'Object', 'String'], (name) =>
			name.toLowerCase(),
		),
	},
	{
		displayName: 'JSON Profile',
		name: 'profileJson',
		type: 'json',
		required: true,
		default: '{"type": "integer", "minimum": 0}',
		showWhen: { profileFrom: ['json'] },
		description: 'A JSON schema, for example {"type": "integer", "minimum": 0}',
		validate: (value) => (isObject(value) ? undefined : 'must be a JSON object'),
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'The label shown in the app. Defaults to the asset name.',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Style',
		name: 'style',
		type: 'options',
		default: 'Undefined',
		options: choices(['Battery', 'Config', 'Primary', 'Secondary', 'Undefined']),
		description: 'How the app presents the asset (SmartLiving legacy)',
	},
];

/** Asset → Create: legacy creates or updates the asset of a name; Maker adds one to the device's list. */
export const operation: OwnOperationHead = {
	resource: 'asset',
	operation: 'create',
	name: 'Create',
	action: 'Create an asset',
	description: 'Create an asset on a device, or update the asset of that name',
	fields,
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const platform = await platformFor(context);
	const { values, itemIndex } = input;
	const name = String(values.name);
	const profile = values.profileFrom === 'json' ? values.profileJson : { type: values.profileType };
	const title = (values.title as string | undefined) ?? name;
	const assetDescription = (values.description as string | undefined) ?? '';
	const deviceId = String(values.deviceId);
	if (platform === 'maker') {
		// Maker creates assets on the device's collection, with capitalised keys.
		const body: IDataObject = {
			Name: name,
			Title: title,
			Description: assetDescription,
			Is: values.is as string,
			Profile: profile as IDataObject,
		};
		const path = pathWith('/device/{id}/assets', { id: deviceId });
		return unwrapSmartLiving(
			await call(context, { method: 'POST', path, body, itemIndex }, settings),
		);
	}
	// The SDK always sends deviceId and style; a PUT by name creates or updates, so it may be repeated.
	const body: IDataObject = {
		title,
		description: assetDescription,
		style: (values.style as string | undefined) ?? 'Undefined',
		is: values.is as string,
		deviceId,
		profile: profile as IDataObject,
	};
	const path = pathWith('/device/{id}/asset/{name}', { id: deviceId, name });
	return unwrapSmartLiving(
		await call(context, { method: 'PUT', path, body, idempotent: true, itemIndex }, settings),
	);
});
