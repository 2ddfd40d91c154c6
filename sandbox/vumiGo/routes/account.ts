import { isRecord } from '../../core/body';
import type { EmulatorResponse } from '../../core/types';
import {
	channelConnector,
	conversationConnector,
	endpointUuid,
	routerConnector,
	type VumiChannel,
	type VumiConversation,
	type VumiGoState,
	type VumiRouter,
	type VumiRoutingEntry,
} from '../state';
import { pythonRepr } from '../wire';
import type { VumiGoContext, VumiGoRoutes } from './context';

/** A JSON-RPC fault travels inside an HTTP 200, as txjsonrpc answers it. */
class RpcFault extends Error {
	constructor(
		readonly faultCode: number,
		readonly faultString: string,
	) {
		super(faultString);
	}
}

/** txjsonrpc's codes for its own failures ([INFER]: 8001/8002 are assumed, 8000 is the SDK fake's). */
const requestFault = 8000;
const methodNotFound = 8001;
const invalidParams = 8002;
/** Go API validation faults (`InvalidRoutingTable.FAULT_CODE`). */
const goApiFault = 400;

function rpcResponse(id: unknown, result: unknown, fault?: RpcFault): EmulatorResponse {
	return {
		status: 200,
		body: fault
			? {
					result: null,
					error: { fault: 'Fault', faultCode: fault.faultCode, faultString: fault.faultString },
					id,
				}
			: { result, error: null, id },
	};
}

function renderConversation(conversation: VumiConversation) {
	const connector = conversationConnector(conversation);
	return {
		uuid: conversation.key,
		type: conversation.type,
		name: conversation.name,
		status: conversation.status,
		description: conversation.description,
		endpoints: ['default', ...conversation.extra_endpoints].map((name) => ({
			uuid: endpointUuid(connector, name),
			name,
		})),
	};
}

/** `['sandbox_sms', '2711...']` → description "Sandbox Sms: 2711...", as Go titles the pool name. */
function renderChannel(channel: VumiChannel) {
	const pool = channel.pool.replace(/_/g, ' ').replace(/\b\w/g, (letter) => letter.toUpperCase());
	return {
		uuid: `${channel.pool}:${channel.tag}`,
		tag: [channel.pool, channel.tag],
		name: channel.tag,
		description: `${pool}: ${channel.tag}`,
		endpoints: [{ uuid: endpointUuid(channelConnector(channel)), name: 'default' }],
	};
}

function renderRouter(router: VumiRouter) {
	const endpoints = (side: 'INBOUND' | 'OUTBOUND', names: string[]) =>
		names.map((name) => ({ uuid: endpointUuid(routerConnector(router, side), name), name }));
	return {
		uuid: router.key,
		type: router.type,
		name: router.name,
		status: router.status,
		description: router.description,
		channel_endpoints: endpoints('INBOUND', router.channel_endpoints),
		conversation_endpoints: endpoints('OUTBOUND', router.conversation_endpoints),
	};
}

interface Campaign {
	conversations: ReturnType<typeof renderConversation>[];
	channels: ReturnType<typeof renderChannel>[];
	routers: ReturnType<typeof renderRouter>[];
	routing_entries: VumiRoutingEntry[];
}

function campaign(state: VumiGoState, key: string): Campaign {
	return {
		conversations: state.conversations
			.filter((conversation) => conversation.account === key)
			.map(renderConversation),
		channels: state.channels.filter((channel) => channel.account === key).map(renderChannel),
		routers: state.routers.filter((router) => router.account === key).map(renderRouter),
		routing_entries: (state.routingTables[key] ?? []).map((entry) => ({
			source: { uuid: entry.source.uuid },
			target: { uuid: entry.target.uuid },
		})),
	};
}

/** The shape `RoutingType` checks: a list of `{source: {uuid}, target: {uuid}}`. */
function routingEntries(table: unknown): VumiRoutingEntry[] {
	if (!isRecord(table)) throw new RpcFault(goApiFault, 'Invalid routing table: expected an object');
	const entries = table.routing_entries;
	if (!Array.isArray(entries))
		throw new RpcFault(goApiFault, "Invalid routing table: 'routing_entries' must be a list");
	return entries.map((entry, index) => {
		const valid =
			isRecord(entry) &&
			isRecord(entry.source) &&
			typeof entry.source.uuid === 'string' &&
			isRecord(entry.target) &&
			typeof entry.target.uuid === 'string';
		if (!valid) {
			throw new RpcFault(
				goApiFault,
				`Invalid routing table: routing entry ${index} must be {'source': {'uuid': ...}, 'target': {'uuid': ...}}`,
			);
		}
		return {
			source: { uuid: (entry.source as { uuid: string }).uuid },
			target: { uuid: (entry.target as { uuid: string }).uuid },
		};
	});
}

/** Mirrors `jsonrpc_update_routing_table`: each link joins the two sides of the routing screen. */
function checkRoutingEntries(current: Campaign, entries: VumiRoutingEntry[]): void {
	const receivesOutbound = new Set([
		...current.channels.flatMap((channel) => channel.endpoints.map((endpoint) => endpoint.uuid)),
		...current.routers.flatMap((router) =>
			router.conversation_endpoints.map((endpoint) => endpoint.uuid),
		),
	]);
	const receivesInbound = new Set([
		...current.conversations.flatMap((conversation) =>
			conversation.endpoints.map((endpoint) => endpoint.uuid),
		),
		...current.routers.flatMap((router) =>
			router.channel_endpoints.map((endpoint) => endpoint.uuid),
		),
	]);
	for (const { source, target } of entries) {
		if (receivesOutbound.has(source.uuid)) {
			if (!receivesInbound.has(target.uuid)) {
				throw new RpcFault(
					goApiFault,
					`Source outbound-receiving endpoint ${pythonRepr(source)} should link to an inbound-receiving endpoint but links to ${pythonRepr(target)}`,
				);
			}
		} else if (receivesInbound.has(source.uuid)) {
			if (!receivesOutbound.has(target.uuid)) {
				throw new RpcFault(
					goApiFault,
					`Source inbound-receiving endpoint ${pythonRepr(source)} should link to an outbound-receiving endpoint but links to ${pythonRepr(target)}`,
				);
			}
		} else {
			throw new RpcFault(goApiFault, `Unknown source endpoint ${pythonRepr(source)}`);
		}
	}
}

type Method = (params: unknown[], context: VumiGoContext) => unknown;

function arity(name: string, params: unknown[], count: number): void {
	if (params.length !== count) {
		throw new RpcFault(
			invalidParams,
			`Invalid parameters for ${name}: expected ${count}, got ${params.length}`,
		);
	}
}

/** Every method after `campaigns` takes the campaign (account) key first; only the caller's own is known. */
function campaignKey(name: string, params: unknown[], count: number, context: VumiGoContext) {
	arity(name, params, count);
	const key = params[0];
	if (typeof key !== 'string')
		throw new RpcFault(
			invalidParams,
			`Invalid parameters for ${name}: campaign_key must be a string`,
		);
	if (key !== context.account)
		throw new RpcFault(goApiFault, `Unknown campaign key ${pythonRepr(key)}`);
	return key;
}

const methods: Record<string, Method> = {
	campaigns: (params, { state, account }) => {
		arity('campaigns', params, 0);
		return state.campaigns
			.filter((candidate) => candidate.key === account)
			.map(({ key, name }) => ({ key, name }));
	},
	conversations: (params, context) =>
		campaign(context.state, campaignKey('conversations', params, 1, context)).conversations,
	channels: (params, context) =>
		campaign(context.state, campaignKey('channels', params, 1, context)).channels,
	routers: (params, context) =>
		campaign(context.state, campaignKey('routers', params, 1, context)).routers,
	routing_entries: (params, context) =>
		campaign(context.state, campaignKey('routing_entries', params, 1, context)).routing_entries,
	routing_table: (params, context) => {
		const current = campaign(context.state, campaignKey('routing_table', params, 1, context));
		return {
			channels: current.channels,
			routers: current.routers,
			conversations: current.conversations,
			routing_entries: current.routing_entries,
		};
	},
	update_routing_table: (params, context) => {
		const key = campaignKey('update_routing_table', params, 2, context);
		const entries = routingEntries(params[1]);
		checkRoutingEntries(campaign(context.state, key), entries);
		context.state.routingTables[key] = entries;
		return null;
	},
};

function call(context: VumiGoContext): EmulatorResponse {
	const body = context.request.body;
	if (!isRecord(body) || typeof body.method !== 'string') {
		const id = isRecord(body) ? (body.id ?? null) : null;
		return rpcResponse(id, null, new RpcFault(requestFault, 'Invalid JSON-RPC request'));
	}
	const id = body.id ?? null;
	const method = Object.prototype.hasOwnProperty.call(methods, body.method)
		? methods[body.method]
		: undefined;
	if (!method)
		return rpcResponse(id, null, new RpcFault(methodNotFound, `no such function ${body.method}`));
	const params = body.params ?? [];
	if (!Array.isArray(params)) {
		return rpcResponse(
			id,
			null,
			new RpcFault(invalidParams, `Invalid parameters for ${body.method}: params must be a list`),
		);
	}
	try {
		return rpcResponse(id, method(params, context));
	} catch (error) {
		if (error instanceof RpcFault) return rpcResponse(id, null, error);
		throw error;
	}
}

function onlyPost({ request }: VumiGoContext): EmulatorResponse {
	const body = request.body;
	const id = isRecord(body) ? (body.id ?? null) : null;
	return rpcResponse(id, null, new RpcFault(requestFault, 'Only POST method supported'));
}

/** The account API: JSON-RPC 2.0 at `{base}/api/`. */
export function registerAccountRoutes(routes: VumiGoRoutes): void {
	routes.add('POST', '/api', call, 'bearer');
	for (const method of ['GET', 'PUT', 'DELETE', 'PATCH'])
		routes.add(method, '/api', onlyPost, 'bearer');
}
