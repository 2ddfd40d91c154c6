import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

import { delay } from '../core/delay';
import { postWebhook, takeBasicAuth, type WebhookOutcome } from '../core/webhook';
import type {
	EssDelivery,
	EssEmittedEvent,
	EssEvent,
	EssSubscription,
	ScgEventType,
	ScgState,
} from './state';
import { maskUrl, newId } from './wire';

export interface EventBusHost {
	state(): ScgState;
	now(): Date;
}

export interface DeliverySettings {
	/** Attempts per event when the webhook answers non-2xx or cannot be reached; default 3. */
	maxDeliveryAttempts: number;
	/** Pause before each retry; default 25 ms. */
	retryDelayMs: number;
	/** Per attempt; default 5000 ms. */
	deliveryTimeoutMs: number;
}

/**
 * The Event Manager side (docs/wire-formats/syniverseScg.md#event-manager-webhooks): each event goes to every
 * active subscription of the SCG-Message topic whose delivery configuration is active, POSTed as JSON to its
 * `addr`; `user:pass@` in the address becomes Basic auth. Fire and forget: outcomes land in
 * `state.deliveries`, `settle()` waits for them.
 */
export class EventBus {
	/** The real `addr` of each delivery configuration, credentials included; never put in the state. */
	readonly addresses = new Map<string, string>();
	private readonly inFlight = new Set<Promise<unknown>>();
	private httpAgent = new HttpAgent({ keepAlive: false, maxSockets: 16 });
	private httpsAgent = new HttpsAgent({ keepAlive: false, maxSockets: 16 });

	constructor(
		private readonly host: EventBusHost,
		readonly settings: DeliverySettings,
	) {}

	/** Emits one event per matching subscription and returns their event ids. */
	emit(type: ScgEventType, fields: Record<string, unknown>): string[] {
		const state = this.host.state();
		const now = this.host.now();
		const eventIds: string[] = [];
		for (const subscription of state.subscriptions) {
			if (!this.wants(state, subscription, type, now.getTime())) continue;
			const eventId = newId();
			const emitted: EssEmittedEvent = {
				event_id: eventId,
				event_type: type,
				subscription_id: subscription.id,
				delivery_configuration_id: subscription['del-cfg-id'],
				body: {
					topic: 'SCG-Message',
					attempt: 1,
					event_id: eventId,
					event: { 'evt-tp': type, timestamp: now.toISOString(), 'fld-val-list': fields },
				},
			};
			state.events.push(emitted);
			eventIds.push(eventId);
			this.track(this.deliverWithRetries(state, emitted, 1));
		}
		return eventIds;
	}

	/** Sends an already emitted event once more, same `event_id`, `attempt` one above the last one tried. */
	async redeliver(eventId: string): Promise<EssDelivery | undefined> {
		const state = this.host.state();
		const emitted = state.events.find((candidate) => candidate.event_id === eventId);
		if (!emitted) return undefined;
		const attempt =
			state.deliveries
				.filter((delivery) => delivery.event_id === eventId)
				.reduce((max, delivery) => Math.max(max, delivery.attempt), 0) + 1;
		const delivery = this.deliverOnce(state, emitted, attempt);
		this.track(delivery);
		return delivery;
	}

	/** Resolves once every delivery under way, retries included, has finished. */
	async settle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
	}

	get pending(): number {
		return this.inFlight.size;
	}

	/** Aborts deliveries under way (their outcome is recorded as an error) and forgets addresses. */
	close(): void {
		this.httpAgent.destroy();
		this.httpsAgent.destroy();
		this.httpAgent = new HttpAgent({ keepAlive: false, maxSockets: 16 });
		this.httpsAgent = new HttpsAgent({ keepAlive: false, maxSockets: 16 });
	}

	private wants(
		state: ScgState,
		subscription: EssSubscription,
		type: string,
		now: number,
	): boolean {
		if (subscription.topic !== 'SCG-Message') return false;
		if (subscription.eventTypes && !subscription.eventTypes.includes(type)) return false;
		const start = dateOrUndefined(subscription['start-date']);
		const end = dateOrUndefined(subscription['end-date']);
		if ((start !== undefined && start > now) || (end !== undefined && end < now)) return false;
		const configuration = state.deliveryConfigurations.find(
			(candidate) => candidate.id === subscription['del-cfg-id'],
		);
		return configuration !== undefined && configuration['is-active'] !== false;
	}

	private track(promise: Promise<unknown>): void {
		this.inFlight.add(promise);
		void promise.finally(() => this.inFlight.delete(promise));
	}

	private async deliverWithRetries(
		state: ScgState,
		emitted: EssEmittedEvent,
		firstAttempt: number,
	): Promise<void> {
		for (let attempt = firstAttempt; attempt <= this.settings.maxDeliveryAttempts; attempt++) {
			if (attempt > firstAttempt) await delay(this.settings.retryDelayMs);
			const delivery = await this.deliverOnce(state, emitted, attempt);
			if (delivery.status !== undefined && delivery.status >= 200 && delivery.status < 300) return;
		}
	}

	private async deliverOnce(
		state: ScgState,
		emitted: EssEmittedEvent,
		attempt: number,
	): Promise<EssDelivery> {
		const body: EssEvent = { ...emitted.body, attempt };
		const address = this.addresses.get(emitted.delivery_configuration_id);
		const delivery: EssDelivery = {
			event_id: emitted.event_id,
			event_type: emitted.event_type,
			subscription_id: emitted.subscription_id,
			delivery_configuration_id: emitted.delivery_configuration_id,
			url: address === undefined ? '' : maskUrl(address),
			attempt,
			body,
			at: this.host.now().toISOString(),
		};
		if (address === undefined) delivery.error = 'The delivery configuration no longer exists';
		else {
			const outcome = await this.post(address, JSON.stringify(body));
			if ('status' in outcome) delivery.status = outcome.status;
			else delivery.error = outcome.error;
		}
		state.deliveries.push(delivery);
		return delivery;
	}

	private post(address: string, payload: string): Promise<WebhookOutcome> {
		let url: URL;
		try {
			url = new URL(address);
		} catch {
			return Promise.resolve({ error: `Invalid address ${maskUrl(address)}` });
		}
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'user-agent': 'syniverse-ess-sandbox',
		};
		const authorization = takeBasicAuth(url);
		if (authorization) headers.authorization = authorization;
		return postWebhook(url, {
			headers,
			body: payload,
			timeoutMs: this.settings.deliveryTimeoutMs,
			timeoutMessage: `No answer within ${this.settings.deliveryTimeoutMs} ms`,
			agents: { http: this.httpAgent, https: this.httpsAgent },
		});
	}
}

function dateOrUndefined(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value !== 'string' || value === '') return undefined;
	const parsed = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
	return Number.isNaN(parsed) ? undefined : parsed;
}
