import { HttpError } from '../../core/types';
import {
	canSeeDevice,
	canSeeGround,
	findDevice,
	findGateway,
	findGatewayDevice,
	findGround,
	renderDevice,
	renderGateway,
	renderGround,
} from '../records';
import { json, type SmartLivingContext, type SmartLivingRoutes } from './context';

const gateways = 'gateways';

/**
 * `GET /me/grounds` lists the user's own grounds; `?type=shared` (the SDK's includeShared) adds the grounds
 * shared with them. A Maker ground token sees its own ground.
 */
function listGrounds({ request, state, caller }: SmartLivingContext) {
	if (caller.platform === 'maker' && caller.kind === 'device') {
		throw new HttpError(403, 'A device token has no access to grounds');
	}
	const includeShared = request.query.type === 'shared';
	const items = state.grounds.filter((ground) => {
		if (caller.platform === 'maker') return canSeeGround(caller, ground);
		return (
			ground.ownerId === caller.userId ||
			(includeShared && ground.sharedWith.includes(caller.userId))
		);
	});
	return json({ items: items.map((ground) => renderGround(caller, ground)) });
}

function getGround({ path, state, caller }: SmartLivingContext) {
	return json(renderGround(caller, findGround(state, caller, path.groundId)));
}

export function registerGroundRoutes(routes: SmartLivingRoutes): void {
	routes.add(
		'GET',
		'/me',
		({ state, caller }) => {
			const user = state.users.find(
				(candidate) => caller.platform === 'legacy' && candidate.id === caller.userId,
			);
			if (!user) throw new HttpError(404, 'User not found');
			return json({ id: user.id, username: user.username, name: user.name, email: user.email });
		},
		{ legacyOnly: 'user profiles (/me)' },
	);
	routes.add('GET', '/me/grounds', listGrounds);
	routes.add('GET', '/grounds', listGrounds);
	routes.add('GET', '/ground/:groundId', getGround);
	routes.add('GET', '/grounds/:groundId', getGround);
	routes.add('GET', '/ground/:groundId/devices', ({ path, state, caller }) => {
		const ground = findGround(state, caller, path.groundId);
		const devices = state.devices.filter(
			(device) => device.groundId === ground.id && canSeeDevice(state, caller, device),
		);
		return json({ items: devices.map((device) => renderDevice(state, device)) });
	});

	routes.add('GET', '/device/:deviceId', ({ path, state, caller }) =>
		json(renderDevice(state, findDevice(state, caller, path.deviceId))),
	);

	routes.add(
		'GET',
		'/gateway/:gatewayId',
		({ path, state, caller }) =>
			json(renderGateway(state, findGateway(state, caller, path.gatewayId))),
		{ legacyOnly: gateways },
	);
	routes.add(
		'GET',
		'/gateway/:gatewayId/device/:deviceName',
		({ path, state, caller }) =>
			json(renderDevice(state, findGatewayDevice(state, caller, path.gatewayId, path.deviceName))),
		{ legacyOnly: gateways },
	);
}
