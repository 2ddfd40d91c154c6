import {
	addOrder,
	findDevice,
	findLink,
	findOrganization,
	findPlan,
	findTag,
	personalOrganization,
	renderDevice,
	renderLink,
	renderOrder,
} from '../records';
import type { HologramCellularLink, HologramPlan, HologramState } from '../state';
import {
	badRequest,
	hologramDate,
	money,
	nextId,
	ok,
	optionalInteger,
	optionalIntegerAtLeast,
	optionalList,
	optionalString,
	paginated,
	requiredInteger,
	type Params,
} from '../wire';
import type { HologramContext, HologramRoutes } from './context';

/** An unknown plan in a request body is bad input (400), unlike an unknown plan in the URL (404). */
function requestedPlan(state: HologramState, params: Params, ...names: string[]): HologramPlan {
	const planId = requiredInteger(params, ...names);
	const plan = state.plans.find((candidate) => candidate.id === planId);
	if (!plan) throw badRequest(`Unknown plan id ${planId}`);
	return plan;
}

function planPrice(plan: HologramPlan, zone: string): number {
	return Number(
		plan.tiers['1']?.zones[zone]?.amount ?? plan.tiers['1']?.zones.global?.amount ?? '0',
	);
}

function bulkClaim({ params, state, now }: HologramContext) {
	const sims = optionalList(params, 'sims', 'sim');
	if (!sims || sims.length === 0) throw badRequest('Missing required parameter sims');
	for (const sim of sims) {
		if (!/^\d{18,22}$/.test(sim)) throw badRequest(`Invalid SIM number ${sim}`);
		if (state.links.some((link) => link.sim === sim))
			throw badRequest(`SIM ${sim} is already claimed`);
	}
	if (new Set(sims).size !== sims.length) throw badRequest('sims contains duplicates');
	const plan = requestedPlan(state, params, 'plan', 'planid');
	const orgid = findOrganization(
		state,
		optionalInteger(params, 'orgid') ?? personalOrganization(state).id,
	).id;
	const tagid = optionalInteger(params, 'tagid');
	const tag = tagid === undefined ? undefined : findTag(state, tagid);
	const overagelimit = optionalIntegerAtLeast(params, -1, 'overage_limit', 'overagelimit') ?? -1;
	const datathreshold = optionalIntegerAtLeast(params, 0, 'threshold') ?? 0;
	const smslimit = optionalIntegerAtLeast(params, 0, 'smslimit') ?? 0;
	const zone = optionalString(params, 'zone') ?? 'global';
	const tier = optionalInteger(params, 'tier') ?? 1;
	const when = hologramDate(now);

	const claimed = sims.map((sim) => {
		const deviceId = nextId(state.devices, 3000);
		const link: HologramCellularLink = {
			id: nextId(state.links, 4000),
			deviceid: deviceId,
			orgid,
			sim,
			msisdn: `447937${String(deviceId).padStart(6, '0')}`,
			imsi: `23450709500${deviceId}`.slice(0, 15),
			carrier: 'T-Mobile',
			tunnelable: 1,
			planid: plan.id,
			zone,
			tier,
			state: 'LIVE',
			whenclaimed: when,
			whenexpires: hologramDate(new Date(now.getTime() + 365 * 24 * 3600 * 1000)),
			whencreated: when,
			overagelimit,
			datathreshold,
			smslimit,
			apn: 'hologram',
		};
		state.devices.push({
			id: deviceId,
			orgid,
			name: `Unnamed Device (${sim.slice(-6)})`,
			type: 'Cellular',
			whencreated: when,
			phonenumber: link.msisdn,
			tunnelable: 1,
			hidden: 0,
			imei: '',
			model: '',
			manufacturer: '',
			lastsession: {
				linkid: link.id,
				active: false,
				bytes: 0,
				session_begin: when,
				session_end: when,
			},
			webhookguid: `9a0b1c2d-3e4f-4a5b-8c6d-${String(deviceId).padStart(12, '0')}`,
		});
		state.links.push(link);
		tag?.deviceids.push(deviceId);
		return { device: deviceId, link: link.id, sim };
	});

	const order = addOrder(state, {
		orgid,
		kind: 'bulkclaim',
		amount: money(planPrice(plan, zone) * sims.length),
		time: when,
		linkids: claimed.map((entry) => entry.link),
	});
	const data = claimed.map((entry) => ({
		device: renderDevice(state, findDevice(state, entry.device)),
		link: renderLink(state, findLink(state, entry.link)),
		sim: entry.sim,
	}));
	return ok(data, { order_data: renderOrder(order) });
}

function changePlan({ path, params, state, now }: HologramContext) {
	const link = findLink(state, path.linkId);
	const plan = requestedPlan(state, params, 'planid', 'plan');
	link.planid = plan.id;
	link.zone = optionalString(params, 'zone') ?? link.zone;
	link.tier = optionalInteger(params, 'tier') ?? link.tier;
	link.overagelimit =
		optionalIntegerAtLeast(params, -1, 'overage_limit', 'overagelimit') ?? link.overagelimit;
	link.datathreshold = optionalIntegerAtLeast(params, 0, 'threshold') ?? link.datathreshold;
	link.smslimit = optionalIntegerAtLeast(params, 0, 'smslimit') ?? link.smslimit;
	const order = addOrder(state, {
		orgid: link.orgid,
		kind: 'changeplan',
		amount: money(planPrice(plan, link.zone)),
		time: hologramDate(now),
		linkids: [link.id],
	});
	return ok(undefined, { order_data: renderOrder(order) });
}

/** Current name `limit`; the 2016/2020 docs call it `overagelimit`. Bytes, -1 for no limit. */
function changeOverageLimit({ path, params, state }: HologramContext) {
	const link = findLink(state, path.linkId);
	const limit = optionalIntegerAtLeast(params, -1, 'limit', 'overagelimit');
	if (limit === undefined) throw badRequest('Missing required parameter limit');
	link.overagelimit = limit;
	return ok();
}

/** The change is asynchronous on the real network, hence the "-PENDING" states in the answer. */
function changeState({ path, params, state }: HologramContext) {
	const link = findLink(state, path.linkId);
	const requested = optionalString(params, 'state');
	if (requested !== 'pause' && requested !== 'live')
		throw badRequest('state must be "pause" or "live"');
	if (link.state === 'DEACTIVATE') throw badRequest(`Cellular link ${link.id} is deactivated`);
	link.state = requested === 'pause' ? 'PAUSE' : 'LIVE';
	return ok({ newstate: requested === 'pause' ? 'PAUSED-PENDING-USER' : 'LIVE-PENDING' });
}

export function registerLinkRoutes(routes: HologramRoutes): void {
	routes.add('GET', '/links/cellular', ({ request, params, state }) => {
		const orgid = optionalInteger(params, 'orgid');
		const deviceid = optionalInteger(params, 'deviceid');
		const sim = optionalString(params, 'sim');
		const links = state.links.filter(
			(link) =>
				(orgid === undefined || link.orgid === orgid) &&
				(deviceid === undefined || link.deviceid === deviceid) &&
				(sim === undefined || link.sim === sim),
		);
		return paginated(request, params, links, (link) => renderLink(state, link));
	});
	routes.add('GET', '/links/cellular/:linkId', ({ path, state }) =>
		ok(renderLink(state, findLink(state, path.linkId))),
	);
	routes.add('POST', '/links/cellular/bulkclaim', bulkClaim);
	routes.add('POST', '/links/cellular/:linkId/changeplan', changePlan);
	routes.add('POST', '/links/cellular/:linkId/limit/overage', changeOverageLimit);
	routes.add('POST', '/links/cellular/:linkId/overagelimit', changeOverageLimit);
	routes.add('POST', '/links/cellular/:linkId/state', changeState);

	routes.add('GET', '/plans', ({ request, params, state }) =>
		paginated(request, params, state.plans),
	);
	routes.add('GET', '/plans/:planId', ({ path, state }) => ok(findPlan(state, path.planId)));
}
