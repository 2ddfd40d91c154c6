import type { EssDeliveryConfiguration, EssSubscription } from '../state';
import {
	badRequest,
	essApi,
	filterAndSort,
	jsonObject,
	maskUrl,
	newId,
	noContent,
	notFound,
	ok,
	page,
	stringList,
	type Body,
} from '../wire';
import type { ScgContext, ScgRoutes } from './context';

export const scgTopic = 'SCG-Message';
export const scgEventTypes = [
	'message_state_change',
	'message_request_state_change',
	'mo_message_received',
];

/** Body fields that look like secrets are never stored (webhook credentials travel in `addr` only). */
const secretLike = /pass|secret|token|pwd|credential|key/i;

function lenientExtras(body: Body, known: readonly string[]): Body {
	return Object.fromEntries(
		Object.entries(body).filter(([name]) => !known.includes(name) && !secretLike.test(name)),
	);
}

function checkAddress(addr: unknown): string {
	if (typeof addr !== 'string' || addr.trim() === '')
		throw badRequest('Missing required field addr');
	let url: URL;
	try {
		url = new URL(addr);
	} catch {
		throw badRequest('addr must be an absolute http(s) URL');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw badRequest('addr must be an absolute http(s) URL');
	return addr;
}

const configurationFields = ['id', 'del-cfg-nm', 'del-prtcl-cd', 'addr', 'del-fmt-cd', 'is-active'];

function findConfiguration({ state, path }: ScgContext): EssDeliveryConfiguration {
	const found = state.deliveryConfigurations.find((candidate) => candidate.id === path.id);
	if (!found) throw notFound(`Delivery configuration ${path.id} not found`);
	return found;
}

/**
 * `{"del-cfg-nm", "del-prtcl-cd": "REST", "addr", "del-fmt-cd": "JSON", "is-active"}` → the stored object with
 * its `id`. Events always go out as JSON, whatever `del-fmt-cd` says.
 */
function createConfiguration(context: ScgContext) {
	const body = jsonObject(context.request);
	const addr = checkAddress(body.addr);
	const id = newId();
	const configuration: EssDeliveryConfiguration = {
		...lenientExtras(body, configurationFields),
		id,
		'del-cfg-nm': typeof body['del-cfg-nm'] === 'string' ? body['del-cfg-nm'] : id,
		'del-prtcl-cd': typeof body['del-prtcl-cd'] === 'string' ? body['del-prtcl-cd'] : 'REST',
		addr: maskUrl(addr),
		'del-fmt-cd': typeof body['del-fmt-cd'] === 'string' ? body['del-fmt-cd'] : 'JSON',
		'is-active': body['is-active'] !== false && body['is-active'] !== 'false',
		'created-date': context.now,
	};
	context.state.deliveryConfigurations.push(configuration);
	context.events.addresses.set(id, addr);
	return ok(configuration);
}

function updateConfiguration(context: ScgContext) {
	const configuration = findConfiguration(context);
	const body = jsonObject(context.request);
	if (body.addr !== undefined) {
		const addr = checkAddress(body.addr);
		context.events.addresses.set(configuration.id, addr);
		configuration.addr = maskUrl(addr);
	}
	for (const name of ['del-cfg-nm', 'del-prtcl-cd', 'del-fmt-cd'])
		if (typeof body[name] === 'string') configuration[name] = body[name];
	if (body['is-active'] !== undefined)
		configuration['is-active'] = body['is-active'] !== false && body['is-active'] !== 'false';
	Object.assign(configuration, lenientExtras(body, configurationFields));
	return ok(configuration);
}

/** Deleting a configuration still used by a subscription is allowed; that subscription then gets nothing. */
function deleteConfiguration(context: ScgContext) {
	const configuration = findConfiguration(context);
	context.state.deliveryConfigurations = context.state.deliveryConfigurations.filter(
		(candidate) => candidate !== configuration,
	);
	context.events.addresses.delete(configuration.id);
	return noContent();
}

/**
 * The API names of the event-type filter are not confirmed (docs/wire-formats/syniverseScg.md#not-confirmed),
 * so several spellings are read: a list or a comma string under `evt-tp-list`, `evt-tps`, `evt-tp`,
 * `event-types`, `eventTypes`, `event_types`, or `filter`/`filters` holding one of those. No filter: every
 * event type.
 */
function eventTypeFilter(body: Body): string[] | null {
	const names = ['evt-tp-list', 'evt-tps', 'evt-tp', 'event-types', 'eventTypes', 'event_types'];
	const sources: Body[] = [body];
	for (const nested of ['filter', 'filters'])
		if (typeof body[nested] === 'object' && body[nested] !== null && !Array.isArray(body[nested]))
			sources.push(body[nested] as Body);
	for (const source of sources)
		for (const name of names)
			if (source[name] !== undefined && source[name] !== null) {
				const types = stringList(source[name], name);
				const unknown = types.filter((type) => !scgEventTypes.includes(type));
				if (unknown.length > 0)
					throw badRequest(
						`Unknown event type ${unknown.join(', ')} (known: ${scgEventTypes.join(', ')})`,
					);
				return types;
			}
	return null;
}

const subscriptionFields = ['id', 'topic', 'del-cfg-id', 'eventTypes'];

function checkTopic({ path }: ScgContext): void {
	if (path.topic !== scgTopic) throw notFound(`Topic ${path.topic} not found`);
}

function findSubscription(context: ScgContext): EssSubscription {
	checkTopic(context);
	const found = context.state.subscriptions.find((candidate) => candidate.id === context.path.id);
	if (!found) throw notFound(`Subscription ${context.path.id} not found`);
	return found;
}

/** `{"del-cfg-id", "start-date", "end-date", ...}`; other fields (matching criteria) are stored as sent. */
function createSubscription(context: ScgContext) {
	checkTopic(context);
	const body = jsonObject(context.request);
	const configurationId = body['del-cfg-id'];
	if (typeof configurationId !== 'string' || configurationId === '')
		throw badRequest('Missing required field del-cfg-id');
	if (!context.state.deliveryConfigurations.some((candidate) => candidate.id === configurationId))
		throw badRequest(`Unknown delivery configuration ${configurationId}`);
	const subscription: EssSubscription = {
		...lenientExtras(body, subscriptionFields),
		id: newId(),
		topic: scgTopic,
		'del-cfg-id': configurationId,
		'start-date': body['start-date'] ?? null,
		'end-date': body['end-date'] ?? null,
		status: 'ACTIVE',
		eventTypes: eventTypeFilter(body),
		'created-date': context.now,
	};
	context.state.subscriptions.push(subscription);
	return ok(subscription);
}

function deleteSubscription(context: ScgContext) {
	const subscription = findSubscription(context);
	context.state.subscriptions = context.state.subscriptions.filter(
		(candidate) => candidate !== subscription,
	);
	return noContent();
}

export function registerEssRoutes(routes: ScgRoutes): void {
	const configurations = `${essApi}/delivery-configurations`;
	routes.add('GET', configurations, (context) =>
		page(
			context.request,
			filterAndSort(context.request, context.state.deliveryConfigurations, configurationFields),
		),
	);
	routes.add('POST', configurations, createConfiguration);
	routes.add('GET', `${configurations}/:id`, (context) => ok(findConfiguration(context)));
	routes.add('POST', `${configurations}/:id`, updateConfiguration);
	routes.add('PUT', `${configurations}/:id`, updateConfiguration);
	routes.add('DELETE', `${configurations}/:id`, deleteConfiguration);

	routes.add('GET', `${essApi}/topics`, (context) =>
		page(context.request, [{ id: scgTopic, name: scgTopic, 'evt-tps': scgEventTypes }]),
	);
	const subscriptions = `${essApi}/topics/:topic/subscriptions`;
	routes.add('GET', subscriptions, (context) => {
		checkTopic(context);
		return page(
			context.request,
			filterAndSort(context.request, context.state.subscriptions, ['del-cfg-id', 'status']),
		);
	});
	routes.add('POST', subscriptions, createSubscription);
	routes.add('GET', `${subscriptions}/:id`, (context) => ok(findSubscription(context)));
	routes.add('DELETE', `${subscriptions}/:id`, deleteSubscription);
}
