import { HttpError } from '../../core/types';
import type { RouteParams } from '../../core/router';
import { findAddressedAsset, findDevice, historyPage, renderAsset } from '../records';
import type {
	SmartLivingAsset,
	SmartLivingAssetKind,
	SmartLivingDevice,
	SmartLivingState,
} from '../state';
import { isTopicSafeName, type AssetAddress } from '../topics';
import { badRequest, coerceValue, normaliseProfile, parseAt } from '../values';
import {
	empty,
	json,
	type SmartLivingContext,
	type SmartLivingRouteOptions,
	type SmartLivingRoutes,
} from './context';

type AssetLocator = (context: SmartLivingContext) => SmartLivingAsset;

const assetKinds: readonly SmartLivingAssetKind[] = ['sensor', 'actuator', 'virtual', 'config'];
const styles = ['Undefined', 'Primary', 'Secondary', 'Config', 'Battery'];

/**
 * The four ways the SDK addresses an asset (docs/wire-formats/smartLiving.md#addressing-an-asset), each with
 * the same sub-resources.
 */
const addressings: {
	prefix: string;
	address: (path: RouteParams) => AssetAddress;
	options?: SmartLivingRouteOptions;
}[] = [
	{
		prefix: '/asset/:assetId',
		address: ({ assetId }) => ({ level: 'asset', assetId }),
	},
	{
		prefix: '/device/:deviceId/asset/:assetName',
		address: ({ deviceId, assetName }) => ({ level: 'deviceAsset', deviceId, assetName }),
	},
	{
		prefix: '/gateway/:gatewayId/asset/:assetName',
		address: ({ gatewayId, assetName }) => ({ level: 'gatewayAsset', gatewayId, assetName }),
		options: { legacyOnly: 'gateways' },
	},
	{
		prefix: '/gateway/:gatewayId/device/:deviceName/asset/:assetName',
		address: ({ gatewayId, deviceName, assetName }) => ({
			level: 'gatewayDeviceAsset',
			gatewayId,
			deviceName,
			assetName,
		}),
		options: { legacyOnly: 'gateways' },
	},
];

function requireValue(body: Record<string, unknown>): unknown {
	if (!('value' in body)) throw badRequest('value is required');
	return body.value;
}

function optionalText(body: Record<string, unknown>, name: string): string | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
	return value;
}

function assetKind(body: Record<string, unknown>): SmartLivingAssetKind {
	const text = optionalText(body, 'is')?.toLowerCase() ?? 'sensor';
	const kind = assetKinds.find((candidate) => candidate === text);
	if (!kind) throw badRequest(`is must be one of ${assetKinds.join(', ')}`);
	return kind;
}

function assetStyle(body: Record<string, unknown>): string {
	const text = optionalText(body, 'style') ?? 'Undefined';
	const style = styles.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
	if (!style) throw badRequest(`style must be one of ${styles.join(', ')}`);
	return style;
}

function nextAssetId(state: SmartLivingState, device: SmartLivingDevice, name: string): string {
	const base = `${device.id.replace(/^device-/, 'asset-')}-${name}`;
	let id = base;
	for (let suffix = 2; state.assets.some((asset) => asset.id === id); suffix++)
		id = `${base}-${suffix}`;
	return id;
}

function createAsset(
	context: SmartLivingContext,
	device: SmartLivingDevice,
	name: string,
): SmartLivingAsset {
	if (!isTopicSafeName(name))
		throw badRequest('An asset name cannot be empty or contain "/", "+", "#" or spaces');
	const { body, state, now } = context;
	const asset: SmartLivingAsset = {
		id: nextAssetId(state, device, name),
		name,
		title: optionalText(body, 'title') ?? optionalText(body, 'label') ?? name,
		description: optionalText(body, 'description') ?? '',
		is: assetKind(body),
		profile: normaliseProfile(body.profile ?? body.type),
		style: assetStyle(body),
		deviceId: device.id,
		gatewayId: null,
		state: null,
		createdOn: now.toISOString(),
	};
	state.assets.push(asset);
	return asset;
}

/** Legacy `createAsset`: create or update by name; fields left out keep their value on update. */
function putAsset(context: SmartLivingContext) {
	const { path, state, caller, body } = context;
	const device = findDevice(state, caller, path.deviceId);
	const existing = state.assets.find(
		(asset) => asset.deviceId === device.id && asset.name === path.assetName,
	);
	if (!existing) return json(renderAsset(createAsset(context, device, path.assetName)));
	if (body.title !== undefined || body.label !== undefined) {
		existing.title = optionalText(body, 'title') ?? optionalText(body, 'label') ?? existing.title;
	}
	if (body.description !== undefined)
		existing.description = optionalText(body, 'description') ?? '';
	if (body.is !== undefined) existing.is = assetKind(body);
	if (body.style !== undefined) existing.style = assetStyle(body);
	if (body.profile !== undefined || body.type !== undefined)
		existing.profile = normaliseProfile(body.profile ?? body.type);
	return json(renderAsset(existing));
}

/** Maker `POST /device/{id}/assets` with `Name, Title, Description, Is, Profile`. */
function postAsset(context: SmartLivingContext) {
	const { path, state, caller, body } = context;
	const device = findDevice(state, caller, path.deviceId);
	const name = optionalText(body, 'name');
	if (!name) throw badRequest('name is required');
	if (state.assets.some((asset) => asset.deviceId === device.id && asset.name === name)) {
		throw new HttpError(409, `Device ${device.id} already has an asset named ${name}`);
	}
	return json(renderAsset(createAsset(context, device, name)), 201);
}

/** A new state, or a command for an actuator: typed by the asset's profile, applied through the emulator. */
async function putChange(
	kind: 'state' | 'command',
	locate: AssetLocator,
	context: SmartLivingContext,
) {
	const asset = locate(context);
	if (kind === 'command' && asset.is === 'sensor')
		throw badRequest(`Asset ${asset.name} is a sensor: commands go to actuators`);
	const value = coerceValue(requireValue(context.body), asset.profile);
	const at = parseAt(context.body.at, context.now);
	if (kind === 'state') await context.effects.setState(asset, value, at, context.caller);
	else await context.effects.sendCommand(asset, value, at, context.caller);
	return empty();
}

export function registerAssetRoutes(routes: SmartLivingRoutes): void {
	for (const { prefix, address, options } of addressings) {
		const locate: AssetLocator = ({ path, state, caller }) =>
			findAddressedAsset(state, caller, address(path));
		routes.add('GET', prefix, (context) => json(renderAsset(locate(context))), options);
		routes.add(
			'GET',
			`${prefix}/state`,
			(context) => {
				const asset = locate(context);
				return json({ id: asset.id, state: asset.state });
			},
			options,
		);
		routes.add('PUT', `${prefix}/state`, (context) => putChange('state', locate, context), options);
		routes.add(
			'PUT',
			`${prefix}/command`,
			(context) => putChange('command', locate, context),
			options,
		);
		routes.add(
			'GET',
			`${prefix}/states`,
			(context) =>
				json(
					historyPage(
						context.state,
						locate(context),
						context.request,
						context.effects.historyPageSize(),
						context.now,
					),
				),
			options,
		);
	}
	routes.add('PUT', '/device/:deviceId/asset/:assetName', putAsset);
	routes.add('GET', '/device/:deviceId/assets', ({ path, state, caller }) => {
		const device = findDevice(state, caller, path.deviceId);
		return json(state.assets.filter((asset) => asset.deviceId === device.id).map(renderAsset));
	});
	routes.add('POST', '/device/:deviceId/assets', postAsset);
}
