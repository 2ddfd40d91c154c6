import type { IDataObject } from 'n8n-workflow';

import type { FieldSpec, OperationSpec } from '../../shared/operations';
import { jsonRun, listLimit } from '../../shared/operations';
import { firstItems } from '../../shared/pagination';
import { isObject } from '../../shared/provider';
import { pathWith } from '../../shared/request';
import { call, historyPagination, itemsOf, platformFor, unwrapSmartLiving } from '../api';
import {
	addressOutput,
	assetAddressFields,
	assetPath,
	deviceIdField,
	timestampField,
	timestampOf,
	typedValueFields,
	typedValueOf,
} from '../fields';

const createFields: FieldSpec[] = [
	deviceIdField,
	{
		displayName: 'Asset Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'temperature',
		description:
			'The name of the asset on the device, used in its address. An existing asset of that name is updated.',
		validate: (value) =>
			/[/+#\s]/.test(String(value)) ? 'must not contain spaces, "/", "+" or "#"' : undefined,
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
		options: [
			{ name: 'Boolean', value: 'boolean' },
			{ name: 'Integer', value: 'integer' },
			{ name: 'Number', value: 'number' },
			{ name: 'Object', value: 'object' },
			{ name: 'String', value: 'string' },
		],
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
		options: [
			{ name: 'Battery', value: 'Battery' },
			{ name: 'Config', value: 'Config' },
			{ name: 'Primary', value: 'Primary' },
			{ name: 'Secondary', value: 'Secondary' },
			{ name: 'Undefined', value: 'Undefined' },
		],
		description: 'How the app presents the asset (SmartLiving legacy)',
	},
];

export const assetOperations: OperationSpec[] = [
	{
		resource: 'asset',
		operation: 'create',
		name: 'Create',
		action: 'Create an asset',
		description: 'Create an asset on a device, or update the asset of that name',
		method: 'PUT',
		path: '/device/{deviceId}/asset/{name}',
		onTimeout: 'retry',
		fields: createFields,
		run: jsonRun(async (context, input, settings) => {
			const platform = await platformFor(context);
			const { values } = input;
			const name = String(values.name);
			const profile =
				values.profileFrom === 'json' ? values.profileJson : { type: values.profileType };
			const title = (values.title as string | undefined) ?? name;
			const description = (values.description as string | undefined) ?? '';
			const deviceId = String(values.deviceId);
			if (platform === 'maker') {
				// Maker creates assets on the device's collection, with capitalised keys (wire notes §4.6).
				const body: IDataObject = {
					Name: name,
					Title: title,
					Description: description,
					Is: values.is as string,
					Profile: profile as IDataObject,
				};
				return unwrapSmartLiving(
					await call(
						context,
						{
							method: 'POST',
							path: pathWith('/device/{id}/assets', { id: deviceId }),
							body,
							itemIndex: input.itemIndex,
						},
						settings,
					),
				);
			}
			// The SDK always sends deviceId and style (wire notes §8).
			const body: IDataObject = {
				title,
				description,
				style: (values.style as string | undefined) ?? 'Undefined',
				is: values.is as string,
				deviceId,
				profile: profile as IDataObject,
			};
			return unwrapSmartLiving(
				await call(
					context,
					{
						method: 'PUT',
						path: pathWith('/device/{id}/asset/{name}', { id: deviceId, name }),
						body,
						idempotent: true,
						itemIndex: input.itemIndex,
					},
					settings,
				),
			);
		}),
	},
	{
		resource: 'asset',
		operation: 'get',
		name: 'Get',
		action: 'Get an asset',
		description: 'Retrieve an asset: its kind, profile and current state',
		method: 'GET',
		path: '/asset/{assetId}',
		fields: assetAddressFields,
		run: jsonRun(async (context, input, settings) => {
			const path = assetPath(context, input, await platformFor(context));
			return unwrapSmartLiving(
				await call(context, { method: 'GET', path, itemIndex: input.itemIndex }, settings),
			);
		}),
	},
	{
		resource: 'asset',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many assets',
		description: 'List the assets of a device',
		method: 'GET',
		path: '/device/{deviceId}',
		list: true,
		fields: [deviceIdField],
		run: jsonRun(async (context, input, settings) => {
			const platform = await platformFor(context);
			const id = String(input.values.deviceId);
			// Legacy: the device carries its assets (the SDK reads `assets`); Maker has a list call.
			const path =
				platform === 'maker'
					? pathWith('/device/{id}/assets', { id })
					: pathWith('/device/{id}', { id });
			const body = await call(
				context,
				{ method: 'GET', path, itemIndex: input.itemIndex },
				settings,
			);
			return firstItems(itemsOf(body, 'assets'), listLimit(context, input.itemIndex));
		}),
	},
	{
		resource: 'asset',
		operation: 'getState',
		name: 'Get State',
		action: 'Get the state of an asset',
		description: 'Read the last value of an asset and when it was measured',
		method: 'GET',
		path: '/asset/{assetId}/state',
		fields: assetAddressFields,
		run: jsonRun(async (context, input, settings) => {
			const path = `${assetPath(context, input, await platformFor(context))}/state`;
			const body = await call(
				context,
				{ method: 'GET', path, itemIndex: input.itemIndex },
				settings,
			);
			const state = isObject(body) && isObject(body.state) ? body.state : body;
			return {
				...addressOutput(input.values),
				...(isObject(state) ? (state as IDataObject) : { value: state as IDataObject[string] }),
			};
		}),
	},
	{
		resource: 'asset',
		operation: 'getHistory',
		name: 'Get History',
		action: 'Get the history of an asset',
		description: 'List the values an asset had over time, page by page',
		method: 'GET',
		path: '/asset/{assetId}/states',
		list: true,
		fields: [
			...assetAddressFields,
			{
				displayName: 'From',
				name: 'from',
				type: 'dateTime',
				default: '',
				description: 'Only values measured at or after this time',
				toWire: (value) => new Date(String(value)).toISOString(),
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: 'Only values measured at or before this time',
				toWire: (value) => new Date(String(value)).toISOString(),
			},
		],
		run: jsonRun(async (context, input, settings) => {
			const path = `${assetPath(context, input, await platformFor(context))}/states`;
			const qs: IDataObject = {};
			for (const key of ['from', 'to'])
				if (input.values[key] !== undefined)
					qs[key] = new Date(String(input.values[key])).toISOString();
			return await historyPagination().collect(
				async (page) =>
					await call(
						context,
						{ method: 'GET', path, qs: { ...qs, ...page }, itemIndex: input.itemIndex },
						settings,
					),
				listLimit(context, input.itemIndex),
			);
		}),
	},
	{
		resource: 'asset',
		operation: 'sendState',
		name: 'Send State',
		action: 'Send the state of an asset',
		description: 'Record a new value for a sensor, as if the device had measured it',
		method: 'PUT',
		path: '/asset/{assetId}/state',
		fields: [...assetAddressFields, ...typedValueFields, timestampField],
		run: jsonRun(async (context, input, settings) => {
			const path = `${assetPath(context, input, await platformFor(context))}/state`;
			const value = typedValueOf(input.values);
			const at = timestampOf(input.values);
			const body = await call(
				context,
				{
					method: 'PUT',
					path,
					body: { value: value as IDataObject[string], at },
					idempotent: true,
					itemIndex: input.itemIndex,
				},
				settings,
			);
			return {
				...addressOutput(input.values),
				value: value as IDataObject[string],
				at,
				...(isObject(body) ? (body as IDataObject) : {}),
			};
		}),
	},
	{
		resource: 'asset',
		operation: 'sendCommand',
		name: 'Send Command',
		action: 'Send a command to an asset',
		description: 'Send a value to an actuator through the REST API; the platform confirms it',
		method: 'PUT',
		path: '/asset/{assetId}/command',
		fields: [...assetAddressFields, ...typedValueFields],
		run: jsonRun(async (context, input, settings) => {
			const path = `${assetPath(context, input, await platformFor(context))}/command`;
			const value = typedValueOf(input.values);
			const body = await call(
				context,
				{
					method: 'PUT',
					path,
					body: { value: value as IDataObject[string] },
					itemIndex: input.itemIndex,
				},
				settings,
			);
			return {
				...addressOutput(input.values),
				value: value as IDataObject[string],
				...(isObject(body) ? (body as IDataObject) : {}),
			};
		}),
	},
];
