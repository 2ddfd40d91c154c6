import type {
	HologramCellularLink,
	HologramDevice,
	HologramOrder,
	HologramOrganization,
	HologramPlan,
	HologramState,
	HologramTag,
} from './state';
import { notFound } from './wire';

/** Path ids are looked up as integers; anything else simply matches no record. */
function idFrom(text: string | number): number {
	return typeof text === 'number' ? text : /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

export function findDevice(state: HologramState, id: string | number): HologramDevice {
	const device = state.devices.find((candidate) => candidate.id === idFrom(id));
	if (!device) throw notFound(`Device ${id} not found`);
	return device;
}

export function findLink(state: HologramState, id: string | number): HologramCellularLink {
	const link = state.links.find((candidate) => candidate.id === idFrom(id));
	if (!link) throw notFound(`Cellular link ${id} not found`);
	return link;
}

export function findPlan(state: HologramState, id: string | number): HologramPlan {
	const plan = state.plans.find((candidate) => candidate.id === idFrom(id));
	if (!plan) throw notFound(`Data plan ${id} not found`);
	return plan;
}

export function findTag(state: HologramState, id: string | number): HologramTag {
	const tag = state.tags.find((candidate) => candidate.id === idFrom(id));
	if (!tag) throw notFound(`Device tag ${id} not found`);
	return tag;
}

export function findOrganization(state: HologramState, id: string | number): HologramOrganization {
	const organization = state.organizations.find((candidate) => candidate.id === idFrom(id));
	if (!organization) throw notFound(`Organization ${id} not found`);
	return organization;
}

export function personalOrganization(state: HologramState): HologramOrganization {
	const organization = state.organizations.find(
		(candidate) => candidate.is_personal && candidate.ownerid === state.user.id,
	);
	if (!organization) throw new Error('The seeded state has no personal organization');
	return organization;
}

/** A link as the API returns it: the stored record plus the device's name. */
export function renderLink(state: HologramState, link: HologramCellularLink): unknown {
	const device = state.devices.find((candidate) => candidate.id === link.deviceid);
	return { ...link, devicename: device?.name ?? null };
}

/** A device as the API returns it: its tag ids and cellular links are derived, so they never drift. */
export function renderDevice(state: HologramState, device: HologramDevice): unknown {
	return {
		...device,
		tags: state.tags.filter((tag) => tag.deviceids.includes(device.id)).map((tag) => tag.id),
		links: {
			cellular: state.links
				.filter((link) => link.deviceid === device.id)
				.map((link) => renderLink(state, link)),
		},
	};
}

export function renderOrder(order: HologramOrder): unknown {
	return {
		orderid: order.orderid,
		orgid: order.orgid,
		amount: order.amount,
		time: order.time,
		linkids: order.linkids,
	};
}

export function addOrder(
	state: HologramState,
	order: Omit<HologramOrder, 'orderid'>,
): HologramOrder {
	const orderid =
		state.orders.reduce((max, existing) => Math.max(max, existing.orderid), 88100) + 1;
	const stored = { orderid, ...order };
	state.orders.push(stored);
	return stored;
}
