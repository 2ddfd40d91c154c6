import { findDevice, findTag, renderDevice } from '../records';
import type { HologramState } from '../state';
import {
	badRequest,
	nextId,
	ok,
	optionalInteger,
	optionalIntegerList,
	optionalString,
	paginated,
	requiredIntegerList,
} from '../wire';
import type { HologramRoutes } from './context';

/** Unknown device ids are refused before anything changes. */
function existingDeviceIds(state: HologramState, ids: number[]): number[] {
	for (const id of ids) findDevice(state, id);
	return ids;
}

export function registerDeviceRoutes(routes: HologramRoutes): void {
	routes.add('GET', '/devices', ({ request, params, state }) => {
		const orgid = optionalInteger(params, 'orgid');
		const tagid = optionalInteger(params, 'tagid');
		const tagname = optionalString(params, 'tagname');
		const name = optionalString(params, 'name')?.toLowerCase();
		const imei = optionalString(params, 'imei');
		const sim = optionalString(params, 'sim');
		const tagged = (deviceId: number) =>
			state.tags.some(
				(tag) =>
					(tagid === undefined || tag.id === tagid) &&
					(tagname === undefined || tag.name === tagname) &&
					tag.deviceids.includes(deviceId),
			);
		const devices = state.devices.filter(
			(device) =>
				(orgid === undefined || device.orgid === orgid) &&
				(tagid === undefined && tagname === undefined ? true : tagged(device.id)) &&
				(name === undefined || device.name.toLowerCase().includes(name)) &&
				(imei === undefined || device.imei === imei) &&
				(sim === undefined ||
					state.links.some((link) => link.deviceid === device.id && link.sim === sim)),
		);
		return paginated(request, params, devices, (device) => renderDevice(state, device));
	});

	routes.add('GET', '/devices/:deviceId', ({ path, state }) =>
		ok(renderDevice(state, findDevice(state, path.deviceId))),
	);

	routes.add('GET', '/devices/tags', ({ request, params, state }) =>
		paginated(request, params, state.tags),
	);

	routes.add('POST', '/devices/tags', ({ params, state }) => {
		const name = optionalString(params, 'name')?.trim();
		if (!name) throw badRequest('Missing required parameter name');
		if (state.tags.some((tag) => tag.name.toLowerCase() === name.toLowerCase()))
			throw badRequest(`A tag named "${name}" already exists`);
		const deviceids = existingDeviceIds(state, optionalIntegerList(params, 'deviceids') ?? []);
		const tag = { id: nextId(state.tags, 20), name, deviceids: [...new Set(deviceids)] };
		state.tags.push(tag);
		return ok(tag);
	});

	routes.add('DELETE', '/devices/tags/:tagId', ({ path, state }) => {
		const tag = findTag(state, path.tagId);
		state.tags.splice(state.tags.indexOf(tag), 1);
		return ok();
	});

	routes.add('POST', '/devices/tags/:tagId/link', ({ path, params, state }) => {
		const tag = findTag(state, path.tagId);
		const ids = existingDeviceIds(state, requiredIntegerList(params, 'deviceids'));
		tag.deviceids = [...new Set([...tag.deviceids, ...ids])];
		return ok(tag);
	});

	routes.add('POST', '/devices/tags/:tagId/unlink', ({ path, params, state }) => {
		const tag = findTag(state, path.tagId);
		const ids = existingDeviceIds(state, requiredIntegerList(params, 'deviceids'));
		tag.deviceids = tag.deviceids.filter((id) => !ids.includes(id));
		return ok(tag);
	});
}
