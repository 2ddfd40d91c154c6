import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FieldSpec, OperationInput } from '../shared/operations';
import { idFromList } from '../shared/operations';
import { pathWith } from '../shared/request';
import { notOnPlatform } from './api';
import type { Platform } from './login';

/** Fields several SmartLiving operations share: how an asset is found, and typed values. */

/** An option's description, marked as one only the legacy SmartLiving platform has (as the resources say it). */
export const legacyOnly = (description: string): string =>
	`${description} (SmartLiving legacy only)`;

/** A device, picked from the devices the credential sees or typed by ID. */
export const deviceIdField: FieldSpec = {
	...idFromList('deviceId', 'Device', 'searchDevices'),
	description: 'The device, from the grounds the credential can see',
};

/** Names are part of REST paths and MQTT topics: what is wrong with the name of an asset to create. */
export function assetNameProblem(value: unknown): string | undefined {
	return /[/+#\s]/.test(String(value)) ? 'must not contain spaces, "/", "+" or "#"' : undefined;
}

/**
 * How the asset of an operation is addressed (by ID, or by name under its device or gateway). Each value
 * becomes a segment of the path the operation builds (`in: 'path'`).
 */
export const assetAddressFields: FieldSpec[] = [
	{
		displayName: 'Find Asset By',
		name: 'assetBy',
		type: 'options',
		required: true,
		default: 'device',
		options: [
			{
				name: 'Device and Asset Name',
				value: 'device',
				description: 'The asset named like this on the device',
			},
			{ name: 'Asset ID', value: 'id', description: 'The ID of the asset itself' },
			{
				name: 'Gateway and Asset Name',
				value: 'gateway',
				description: legacyOnly('An asset of the gateway itself'),
			},
			{
				name: 'Gateway, Device Name and Asset Name',
				value: 'gatewayDevice',
				description: legacyOnly('An asset of a device behind a gateway'),
			},
		],
	},
	{ ...deviceIdField, showWhen: { assetBy: ['device'] } },
	{
		...idFromList('assetName', 'Asset Name', 'searchAssetNames', { displayName: 'By Name' }),
		showWhen: { assetBy: ['device'] },
		description: 'The asset of the device, by its name on the device (its address there)',
	},
	{
		...idFromList('assetId', 'Asset', 'searchAssets'),
		showWhen: { assetBy: ['id'] },
		description: 'The asset, from every device the credential can see',
	},
	{
		displayName: 'Gateway ID',
		name: 'gatewayId',
		in: 'path',
		type: 'string',
		default: '',
		required: true,
		showWhen: { assetBy: ['gateway', 'gatewayDevice'] },
		description: 'The gateway',
	},
	{
		displayName: 'Device Name',
		name: 'gatewayDeviceName',
		in: 'path',
		type: 'string',
		default: '',
		required: true,
		showWhen: { assetBy: ['gatewayDevice'] },
		description: 'The name of the device behind the gateway',
	},
	{
		displayName: 'Asset Name',
		name: 'gatewayAssetName',
		in: 'path',
		type: 'string',
		default: '',
		required: true,
		showWhen: { assetBy: ['gateway', 'gatewayDevice'] },
		description: 'The name of the asset',
	},
];

export interface AssetAddress {
	assetId?: string;
	deviceId?: string;
	gatewayId?: string;
	deviceName?: string;
	assetName?: string;
}

export function assetAddressOf(values: Record<string, unknown>): AssetAddress {
	const text = (name: string) => (values[name] === undefined ? undefined : String(values[name]));
	switch (values.assetBy) {
		case 'id':
			return { assetId: text('assetId') };
		case 'gateway':
			return { gatewayId: text('gatewayId'), assetName: text('gatewayAssetName') };
		case 'gatewayDevice':
			return {
				gatewayId: text('gatewayId'),
				deviceName: text('gatewayDeviceName'),
				assetName: text('gatewayAssetName'),
			};
		default:
			return { deviceId: text('deviceId'), assetName: text('assetName') };
	}
}

/** The REST path of an asset (the SDK's `[/gateway/{gw}][/device/{dev}]/asset/{id}`), each segment encoded. */
export function assetPath(
	context: IExecuteFunctions,
	input: OperationInput,
	platform: Platform,
): string {
	const address = assetAddressOf(input.values);
	if (address.gatewayId !== undefined && platform === 'maker')
		throw notOnPlatform(context, input.itemIndex, platform, 'gateways: find the asset by device');
	if (address.assetId !== undefined) return pathWith('/asset/{id}', { id: address.assetId });
	if (address.gatewayId !== undefined && address.deviceName !== undefined)
		return pathWith('/gateway/{gw}/device/{dev}/asset/{name}', {
			gw: address.gatewayId,
			dev: address.deviceName,
			name: address.assetName ?? '',
		});
	if (address.gatewayId !== undefined)
		return pathWith('/gateway/{gw}/asset/{name}', {
			gw: address.gatewayId,
			name: address.assetName ?? '',
		});
	return pathWith('/device/{dev}/asset/{name}', {
		dev: address.deviceId ?? '',
		name: address.assetName ?? '',
	});
}

/** The address, as the output items show it. */
export function addressOutput(values: Record<string, unknown>): IDataObject {
	const address = assetAddressOf(values);
	return Object.fromEntries(
		Object.entries(address).filter(([, value]) => value !== undefined),
	) as IDataObject;
}

/**
 * The longest text or JSON value sent as a state or command: 64 KB (65,536 bytes of UTF-8, JSON as
 * sent). SmartLiving documents no limit (wire notes §4); a state is one reading or setting of an asset,
 * relayed to devices over MQTT, where a few KB is already large (cloud IoT platforms cap a device's
 * whole state document at 8 to 32 KB). 64 KB leaves room for any real profile and still stops an
 * expression that picked up a whole item or file.
 */
export const MAX_VALUE_BYTES = 65_536;

/** A value with a type the user picks, so `1`, `true`, `"1"` and `{...}` all stay what they are. */
export const typedValueFields: FieldSpec[] = [
	{
		displayName: 'Value Type',
		name: 'valueType',
		type: 'options',
		required: true,
		default: 'number',
		options: [
			{ name: 'Number', value: 'number' },
			{ name: 'Boolean', value: 'boolean' },
			{ name: 'Text', value: 'text' },
			{ name: 'JSON', value: 'json', description: 'An object or a list, for complex profiles' },
		],
		description: 'What kind of value the asset holds, as its profile says',
	},
	{
		displayName: 'Value',
		name: 'numberValue',
		type: 'number',
		default: 0,
		required: true,
		showWhen: { valueType: ['number'] },
	},
	{
		displayName: 'Value',
		name: 'booleanValue',
		type: 'boolean',
		default: false,
		showWhen: { valueType: ['boolean'] },
		description: 'Whether the value is true',
	},
	{
		displayName: 'Value',
		name: 'textValue',
		type: 'string',
		default: '',
		showWhen: { valueType: ['text'] },
		maxLength: MAX_VALUE_BYTES,
		lengthUnit: 'bytes',
		description: 'The text, at most 64 KB',
	},
	{
		displayName: 'Value',
		name: 'jsonValue',
		type: 'json',
		default: '{}',
		required: true,
		showWhen: { valueType: ['json'] },
		maxLength: MAX_VALUE_BYTES,
		lengthUnit: 'bytes',
		description: 'The value as JSON, at most 64 KB',
	},
];

export function typedValueOf(values: Record<string, unknown>): unknown {
	switch (values.valueType) {
		case 'boolean':
			return values.booleanValue ?? false;
		case 'text':
			return values.textValue ?? '';
		case 'json':
			return values.jsonValue;
		default:
			return values.numberValue;
	}
}

export const timestampField: FieldSpec = {
	displayName: 'Timestamp',
	name: 'timestamp',
	type: 'dateTime',
	default: '',
	description: 'When the value was measured. Leave empty for now.',
};

/** The given timestamp, or now: the SDK sent `"at": null` without one (wire notes §8). */
export function timestampOf(values: Record<string, unknown>): string {
	return values.timestamp === undefined
		? new Date().toISOString()
		: new Date(String(values.timestamp)).toISOString();
}
