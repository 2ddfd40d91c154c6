import { addOrder, findOrganization, personalOrganization, renderOrder } from '../records';
import type { HologramState, HologramTunnelKey } from '../state';
import {
	badRequest,
	hologramDate,
	money,
	nextId,
	notFound,
	ok,
	optionalBoolean,
	optionalString,
	paginated,
	positiveAmount,
} from '../wire';
import type { HologramContext, HologramRoutes } from './context';

const maxActiveTunnelKeys = 5;

function findTunnelKey(state: HologramState, id: string): HologramTunnelKey {
	const key = state.tunnelKeys.find(
		(candidate) => String(candidate.id) === id && candidate.userid === state.user.id,
	);
	if (!key) throw notFound(`Tunnel key ${id} not found`);
	return key;
}

function ensureRoomForActiveKey(state: HologramState): void {
	const active = state.tunnelKeys.filter(
		(key) => key.userid === state.user.id && key.disabled === 0,
	).length;
	if (active >= maxActiveTunnelKeys)
		throw badRequest(`A user may have at most ${maxActiveTunnelKeys} active tunnel keys`);
}

function balanceOf(state: HologramState, orgid: number) {
	const balance = state.balances.find((candidate) => candidate.orgid === orgid);
	if (!balance) throw notFound(`No balance for organization ${orgid}`);
	return balance;
}

/** Credits the organization and records the top-off in its history, as a card payment would. */
function addBalance({ params, state, now }: HologramContext, orgid: number) {
	const amount = positiveAmount(params, 'addamount');
	const balance = balanceOf(state, orgid);
	balance.balance = money(Number(balance.balance) + amount);
	const time = hologramDate(now);
	const order = addOrder(state, {
		orgid,
		kind: 'addbalance',
		amount: money(amount),
		time,
		linkids: [],
	});
	state.balanceHistory.push({
		id: nextId(state.balanceHistory, 7000),
		orgid,
		time,
		description: 'Account balance top-off',
		amount: money(amount),
		transaction_type_id: 1,
		orderid: order.orderid,
		linkids: [],
	});
	return ok(undefined, { order_data: renderOrder(order) });
}

function historyOf({ request, params, state }: HologramContext, orgid: number) {
	return paginated(
		request,
		params,
		state.balanceHistory.filter((entry) => entry.orgid === orgid),
	);
}

export function registerAccountRoutes(routes: HologramRoutes): void {
	routes.add('GET', '/tunnelkeys', ({ request, params, state }) => {
		const withDisabled = optionalBoolean(params, 'withdisabled') ?? false;
		const keys = state.tunnelKeys.filter(
			(key) => key.userid === state.user.id && (withDisabled || key.disabled === 0),
		);
		return paginated(request, params, keys);
	});
	routes.add('POST', '/tunnelkeys', ({ params, state }) => {
		const publicKey = optionalString(params, 'public_key')?.trim();
		if (!publicKey) throw badRequest('Missing required parameter public_key');
		ensureRoomForActiveKey(state);
		const key: HologramTunnelKey = {
			id: nextId(state.tunnelKeys, 60),
			userid: state.user.id,
			disabled: 0,
			public_key: publicKey,
		};
		state.tunnelKeys.push(key);
		return ok(key);
	});
	routes.add('POST', '/tunnelkeys/:keyId/disable', ({ path, state }) => {
		const key = findTunnelKey(state, path.keyId);
		key.disabled = 1;
		return ok({ id: key.id });
	});
	routes.add('POST', '/tunnelkeys/:keyId/enable', ({ path, state }) => {
		const key = findTunnelKey(state, path.keyId);
		if (key.disabled === 1) ensureRoomForActiveKey(state);
		key.disabled = 0;
		return ok({ id: key.id });
	});

	routes.add('GET', '/users/me', ({ state }) => ok(state.user));
	// Absent from the 2020+ docs; they map onto the user's personal organization.
	routes.add('GET', '/users/me/balance', ({ state }) =>
		ok(balanceOf(state, personalOrganization(state).id)),
	);
	routes.add('POST', '/users/me/balance', (context) =>
		addBalance(context, personalOrganization(context.state).id),
	);
	routes.add('GET', '/users/me/balancehistory', (context) =>
		historyOf(context, personalOrganization(context.state).id),
	);

	routes.add('GET', '/organizations', ({ request, params, state }) =>
		paginated(request, params, state.organizations),
	);
	routes.add('GET', '/organizations/:orgId', ({ path, state }) =>
		ok(findOrganization(state, path.orgId)),
	);
	routes.add('GET', '/organizations/:orgId/balance', ({ path, state }) =>
		ok(balanceOf(state, findOrganization(state, path.orgId).id)),
	);
	routes.add('POST', '/organizations/:orgId/balance', (context) =>
		addBalance(context, findOrganization(context.state, context.path.orgId).id),
	);
	routes.add('GET', '/organizations/:orgId/balancehistory', (context) =>
		historyOf(context, findOrganization(context.state, context.path.orgId).id),
	);
}
