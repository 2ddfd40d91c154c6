import { HttpError, type RecordedRequest } from '../core/types';
import type {
	SmartLivingAsset,
	SmartLivingDevice,
	SmartLivingGateway,
	SmartLivingGround,
	SmartLivingState,
} from './state';
import type { AssetAddress } from './topics';
import { badRequest, parseAt } from './values';

/** Who is calling: a legacy user (login token or device-side client headers) or a Maker token's scope. */
export type Caller =
	| { platform: 'legacy'; userId: string }
	| { platform: 'maker'; kind: 'device' | 'ground'; deviceIds: string[]; groundIds: string[] };

export function notFound(message: string): HttpError {
	return new HttpError(404, message);
}

function forbidden(message: string): HttpError {
	return new HttpError(403, message);
}

export function canSeeGround(caller: Caller, ground: SmartLivingGround): boolean {
	if (caller.platform === 'legacy') {
		return ground.ownerId === caller.userId || ground.sharedWith.includes(caller.userId);
	}
	return caller.groundIds.includes(ground.id);
}

export function canSeeDevice(
	state: SmartLivingState,
	caller: Caller,
	device: SmartLivingDevice,
): boolean {
	if (caller.platform === 'maker' && caller.deviceIds.includes(device.id)) return true;
	const ground = state.grounds.find((candidate) => candidate.id === device.groundId);
	return ground !== undefined && canSeeGround(caller, ground);
}

export function findGround(state: SmartLivingState, caller: Caller, id: string): SmartLivingGround {
	const ground = state.grounds.find((candidate) => candidate.id === id);
	if (!ground) throw notFound(`Ground ${id} not found`);
	if (!canSeeGround(caller, ground)) throw forbidden(`No access to ground ${id}`);
	return ground;
}

export function findGateway(
	state: SmartLivingState,
	caller: Caller,
	id: string,
): SmartLivingGateway {
	const gateway = state.gateways.find((candidate) => candidate.id === id);
	if (!gateway) throw notFound(`Gateway ${id} not found`);
	findGround(state, caller, gateway.groundId);
	return gateway;
}

export function findDevice(state: SmartLivingState, caller: Caller, id: string): SmartLivingDevice {
	const device = state.devices.find((candidate) => candidate.id === id);
	if (!device) throw notFound(`Device ${id} not found`);
	if (!canSeeDevice(state, caller, device)) {
		throw forbidden(
			caller.platform === 'maker'
				? `This token has no access to device ${id}`
				: `No access to device ${id}`,
		);
	}
	return device;
}

export function findGatewayDevice(
	state: SmartLivingState,
	caller: Caller,
	gatewayId: string,
	deviceName: string,
): SmartLivingDevice {
	const gateway = findGateway(state, caller, gatewayId);
	const device = state.devices.find(
		(candidate) =>
			candidate.gatewayId === gateway.id &&
			(candidate.name === deviceName || candidate.id === deviceName),
	);
	if (!device) throw notFound(`Device ${deviceName} not found on gateway ${gatewayId}`);
	return device;
}

export function findAsset(state: SmartLivingState, caller: Caller, id: string): SmartLivingAsset {
	const asset = state.assets.find((candidate) => candidate.id === id);
	if (!asset) throw notFound(`Asset ${id} not found`);
	if (asset.deviceId !== null) findDevice(state, caller, asset.deviceId);
	else if (asset.gatewayId !== null) {
		if (caller.platform === 'maker') throw notFound(`Asset ${id} not found`);
		findGateway(state, caller, asset.gatewayId);
	}
	return asset;
}

/** By name among the assets of a device or gateway; an asset id is accepted too (the SDK's `id` doubles as a name). */
function findOwnedAsset(
	state: SmartLivingState,
	owns: (asset: SmartLivingAsset) => boolean,
	name: string,
	owner: string,
): SmartLivingAsset {
	const owned = state.assets.filter(owns);
	const asset =
		owned.find((candidate) => candidate.name === name) ??
		owned.find((candidate) => candidate.id === name);
	if (!asset) throw notFound(`Asset ${name} not found on ${owner}`);
	return asset;
}

export function findDeviceAsset(
	state: SmartLivingState,
	device: SmartLivingDevice,
	name: string,
): SmartLivingAsset {
	const owner = `device ${device.id}`;
	return findOwnedAsset(state, (asset) => asset.deviceId === device.id, name, owner);
}

export function findGatewayAsset(
	state: SmartLivingState,
	gateway: SmartLivingGateway,
	name: string,
): SmartLivingAsset {
	const owner = `gateway ${gateway.id}`;
	return findOwnedAsset(state, (asset) => asset.gatewayId === gateway.id, name, owner);
}

/** The asset a REST path or legacy topic names, if the caller may see it. */
export function findAddressedAsset(
	state: SmartLivingState,
	caller: Caller,
	address: AssetAddress,
): SmartLivingAsset {
	switch (address.level) {
		case 'asset':
			return findAsset(state, caller, address.assetId);
		case 'deviceAsset':
			return findDeviceAsset(state, findDevice(state, caller, address.deviceId), address.assetName);
		case 'gatewayAsset':
			return findGatewayAsset(
				state,
				findGateway(state, caller, address.gatewayId),
				address.assetName,
			);
		case 'gatewayDeviceAsset':
			return findDeviceAsset(
				state,
				findGatewayDevice(state, caller, address.gatewayId, address.deviceName),
				address.assetName,
			);
	}
}

export function renderAsset(asset: SmartLivingAsset): Record<string, unknown> {
	const rendered: Record<string, unknown> = {
		id: asset.id,
		name: asset.name,
		title: asset.title,
		description: asset.description,
		is: asset.is,
		profile: asset.profile,
		style: asset.style,
		deviceId: asset.deviceId,
		state: asset.state,
		createdOn: asset.createdOn,
	};
	if (asset.gatewayId !== null) rendered.gatewayId = asset.gatewayId;
	return rendered;
}

export function renderDevice(
	state: SmartLivingState,
	device: SmartLivingDevice,
): Record<string, unknown> {
	return {
		id: device.id,
		name: device.name,
		title: device.title,
		description: device.description,
		groundId: device.groundId,
		gatewayId: device.gatewayId,
		createdOn: device.createdOn,
		assets: state.assets.filter((asset) => asset.deviceId === device.id).map(renderAsset),
	};
}

export function renderGateway(
	state: SmartLivingState,
	gateway: SmartLivingGateway,
): Record<string, unknown> {
	return {
		id: gateway.id,
		name: gateway.name,
		title: gateway.title,
		description: gateway.description,
		groundId: gateway.groundId,
		createdOn: gateway.createdOn,
		assets: state.assets.filter((asset) => asset.gatewayId === gateway.id).map(renderAsset),
		devices: state.devices
			.filter((device) => device.gatewayId === gateway.id)
			.map((device) => ({ id: device.id, name: device.name, title: device.title })),
	};
}

export function renderGround(caller: Caller, ground: SmartLivingGround): Record<string, unknown> {
	const shared = caller.platform === 'legacy' && ground.ownerId !== caller.userId;
	return {
		id: ground.id,
		name: ground.name,
		title: ground.title,
		description: ground.description,
		ownerId: ground.ownerId,
		visibility: shared ? 'shared' : 'personal',
		createdOn: ground.createdOn,
	};
}

function queryText(request: RecordedRequest, name: string): string | undefined {
	const value = request.query[name];
	const text = Array.isArray(value) ? value[value.length - 1] : value;
	return text === undefined || text === '' ? undefined : text;
}

/**
 * History page shape (the real one is unverified, docs/wire-formats/smartLiving.md#history-pagination):
 * newest first, `{"data":[{"at","data"}],"links":{"next"?}}`, 0-based `page`, `next` present only while more
 * points remain.
 */
export function historyPage(
	state: SmartLivingState,
	asset: SmartLivingAsset,
	request: RecordedRequest,
	pageSize: number,
	now: Date,
): Record<string, unknown> {
	const fromText = queryText(request, 'from');
	const toText = queryText(request, 'to');
	const from = fromText === undefined ? undefined : Date.parse(parseAt(fromText, now));
	const to = toText === undefined ? undefined : Date.parse(parseAt(toText, now));
	if (from !== undefined && to !== undefined && from > to)
		throw badRequest('from must not be after to');
	const pageText = queryText(request, 'page');
	if (pageText !== undefined && !/^\d+$/.test(pageText))
		throw badRequest('page must be a number from 0');
	const page = pageText === undefined ? 0 : Number(pageText);
	const points = state.history
		.filter((point) => {
			if (point.assetId !== asset.id) return false;
			const at = Date.parse(point.at);
			return (from === undefined || at >= from) && (to === undefined || at <= to);
		})
		.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
	const slice = points.slice(page * pageSize, (page + 1) * pageSize);
	const links: Record<string, string> = {};
	if ((page + 1) * pageSize < points.length) {
		const query = new URLSearchParams();
		if (fromText !== undefined) query.set('from', fromText);
		if (toText !== undefined) query.set('to', toText);
		query.set('page', String(page + 1));
		links.next = `http://${request.headers.host ?? 'localhost'}${request.pathname}?${query.toString()}`;
	}
	return { data: slice.map((point) => ({ at: point.at, data: point.value })), links };
}
