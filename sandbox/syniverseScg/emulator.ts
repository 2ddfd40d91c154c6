import { controlAction } from '../core/control';
import { HttpEmulator } from '../core/http-emulator';
import type { RouteParams } from '../core/router';
import { HttpError, type EmulatorResponse, type RecordedRequest } from '../core/types';
import { defaultScgCredentials, TokenStore, type ScgCredentials } from './auth';
import { EventBus, type DeliverySettings } from './events';
import { messageEventFields, Messaging, type ProgressSettings } from './messaging';
import { registerScgRoutes } from './routes';
import type { ScgContext, ScgHandler } from './routes/context';
import {
	scgSeed,
	seedAttachmentContent,
	seedScgState,
	type EssDelivery,
	type ScgMessage,
	type ScgState,
} from './state';
import { errorBody, newRecord, ScgError } from './wire';

export interface SyniverseScgEmulatorOptions
	extends Partial<ScgCredentials>,
		Partial<ProgressSettings>,
		Partial<DeliverySettings> {
	/** Clock for new records and events; default the real time. */
	now?: () => Date;
}

export interface InboundMessage {
	/** The handset, `+E164`. */
	from: string;
	/** One of the account's sender id addresses (e.g. `+15552223561`), or any address. */
	to: string;
	body: string;
}

export interface FlushOptions {
	/** Also send requests waiting for a future `scheduled_delivery_time`. */
	scheduled?: boolean;
}

export const syniverseScgControlPrefix = '/__sandbox/syniverseScg/';

/**
 * Syniverse SCG messaging API + Event Manager (docs/wire-formats/syniverseScg.md), at `<url>` =
 * `http://host:port`, the host root the node's base URL points at (`https://api.syniverse.com` live).
 */
export class SyniverseScgEmulator extends HttpEmulator<ScgState> {
	protected readonly basePath = '';
	readonly credentials: ScgCredentials;
	readonly events: EventBus;
	readonly messaging: Messaging;
	private readonly tokens: TokenStore;
	private readonly clock: () => Date;
	/** Attachment id → uploaded bytes; outside the state so dumps stay small and JSON. */
	private readonly content = new Map<string, Buffer>();
	/** What `reset()` restores after a test changed the settings. */
	private readonly initialSettings: Record<string, unknown>;

	constructor(options: SyniverseScgEmulatorOptions = {}) {
		super();
		this.credentials = {
			accessToken: options.accessToken ?? defaultScgCredentials.accessToken,
			consumerKey: options.consumerKey ?? defaultScgCredentials.consumerKey,
			consumerSecret: options.consumerSecret ?? defaultScgCredentials.consumerSecret,
		};
		this.clock = options.now ?? (() => new Date());
		this.tokens = new TokenStore(this.credentials);
		this.events = new EventBus(
			{ state: () => this.state, now: () => this.clock() },
			{
				maxDeliveryAttempts: options.maxDeliveryAttempts ?? 3,
				retryDelayMs: options.retryDelayMs ?? 25,
				deliveryTimeoutMs: options.deliveryTimeoutMs ?? 5000,
			},
		);
		this.messaging = new Messaging(
			{ state: () => this.state, now: () => this.clock().getTime(), events: this.events },
			{
				autoProgress: options.autoProgress ?? true,
				progressDelayMs: options.progressDelayMs ?? 100,
			},
		);
		this.initialSettings = this.settings();
		this.seedContent();
		registerScgRoutes({
			add: (method, pattern, handler, access) => {
				this.routes.add(method, pattern, (request, path) =>
					this.handle(request, path, handler, access),
				);
			},
		});
	}

	override describe(): Record<string, string> {
		return {
			'Access token': this.credentials.accessToken,
			'Consumer key': this.credentials.consumerKey,
			'Consumer secret': this.credentials.consumerSecret,
		};
	}

	protected seedState(): ScgState {
		return seedScgState();
	}

	protected errorBody(status: number, message: string): unknown {
		return errorBody(status, message);
	}

	/** Also restores the constructor's progress and delivery settings. */
	override reset(): void {
		this.messaging.clear();
		this.applySettings(this.initialSettings);
		this.events.addresses.clear();
		this.tokens.reset();
		this.content.clear();
		this.seedContent();
		super.reset();
	}

	override async close(): Promise<void> {
		this.messaging.clear();
		this.events.close();
		await super.close();
	}

	/** The current access token stops working (401) until the app-token refresh call issues a new one. */
	expireToken(token?: string): number {
		return this.tokens.expire(token);
	}

	get tokenRefreshCount(): number {
		return this.tokens.refreshCount;
	}

	/** An MO message reaches one of the account's numbers: stored as a message, `mo_message_received` emitted. */
	simulateInboundMessage(inbound: InboundMessage): { message: ScgMessage; eventIds: string[] } {
		for (const name of ['from', 'to', 'body'] as const)
			if (typeof inbound[name] !== 'string' || inbound[name] === '')
				throw new ScgError(400, `An inbound message needs ${name}`);
		const state = this.state;
		const now = this.clock().getTime();
		const sender = state.senderIds.find(
			(candidate) => candidate.address === inbound.to || candidate.address === `+${inbound.to}`,
		);
		const contact = state.contacts.find((candidate) => candidate.primary_mdn === inbound.from);
		const message: ScgMessage = {
			...newRecord(now),
			message_request_id: null,
			direction: 'MO',
			state: 'RECEIVED',
			customer_sender_id: sender?.id ?? null,
			from_address: inbound.from,
			to_address: inbound.to,
			contact_id: contact?.id ?? null,
			body: inbound.body,
			attachments: [],
			type: 'SMS',
			delivered_date: now,
		};
		state.messages.push(message);
		const eventIds = this.events.emit('mo_message_received', {
			...messageEventFields(message, sender),
			new_state: 'RECEIVED',
			reason_code: '200',
			reason_description: 'SUCCESS',
		});
		return { message, eventIds };
	}

	/**
	 * Makes callbacks deterministic: runs every send step that is due (and the ones they schedule), then waits
	 * until every event delivery, retries included, has finished.
	 */
	async flush(options: FlushOptions = {}): Promise<{ steps: number; deliveries: number }> {
		const before = this.state.deliveries.length;
		let steps = 0;
		for (;;) {
			const ran = this.messaging.runDueJobs(options);
			steps += ran;
			await this.events.settle();
			if (ran === 0 && this.events.pending === 0) break;
		}
		return { steps, deliveries: this.state.deliveries.length - before };
	}

	/** Sends an emitted event again on purpose: same `event_id`, `attempt` one higher. */
	async redeliverEvent(eventId: string): Promise<EssDelivery | undefined> {
		return this.events.redeliver(eventId);
	}

	/** Uploaded bytes of an attachment. */
	attachmentContent(id: string): Buffer | undefined {
		return this.content.get(id);
	}

	protected override async handleProviderControl(
		request: RecordedRequest,
	): Promise<EmulatorResponse | undefined> {
		if (!request.pathname.startsWith(syniverseScgControlPrefix)) return undefined;
		const action = controlAction(request, syniverseScgControlPrefix);
		const body = (
			typeof request.body === 'object' && request.body !== null ? request.body : {}
		) as Record<string, unknown>;
		try {
			if (action === 'POST inbound') {
				const { message, eventIds } = this.simulateInboundMessage(
					body as unknown as InboundMessage,
				);
				return { status: 201, body: { id: message.id, event_ids: eventIds } };
			}
			if (action === 'POST flush')
				return { status: 200, body: await this.flush({ scheduled: body.scheduled === true }) };
			if (action === 'POST token/expire')
				return { status: 200, body: { expired: this.expireToken() } };
			if (action === 'POST settings') return { status: 200, body: this.applySettings(body) };
			if (action === 'GET settings') return { status: 200, body: this.settings() };
			const redeliver = /^POST events\/([^/]+)\/redeliver$/.exec(action);
			if (redeliver) {
				const delivery = await this.redeliverEvent(decodeURIComponent(redeliver[1]));
				if (!delivery) return { status: 404, body: { error: `Unknown event ${redeliver[1]}` } };
				return { status: 200, body: delivery };
			}
		} catch (error) {
			if (error instanceof HttpError)
				return { status: error.status, body: { error: error.message } };
			throw error;
		}
		return { status: 404, body: { error: `Unknown sandbox control endpoint: ${action}` } };
	}

	/** Progress and delivery settings; also `POST /__sandbox/syniverseScg/settings`. */
	applySettings(changes: Record<string, unknown>): Record<string, unknown> {
		const number = (name: string, minimum: number): number | undefined => {
			const value = changes[name];
			if (value === undefined) return undefined;
			if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum)
				throw new ScgError(400, `${name} must be a number >= ${minimum}`);
			return value;
		};
		const progressDelayMs = number('progressDelayMs', 0);
		const retryDelayMs = number('retryDelayMs', 0);
		const maxDeliveryAttempts = number('maxDeliveryAttempts', 1);
		const deliveryTimeoutMs = number('deliveryTimeoutMs', 1);
		if (changes.autoProgress !== undefined && typeof changes.autoProgress !== 'boolean')
			throw new ScgError(400, 'autoProgress must be a boolean');
		if (progressDelayMs !== undefined) this.messaging.settings.progressDelayMs = progressDelayMs;
		if (retryDelayMs !== undefined) this.events.settings.retryDelayMs = retryDelayMs;
		if (maxDeliveryAttempts !== undefined)
			this.events.settings.maxDeliveryAttempts = Math.floor(maxDeliveryAttempts);
		if (deliveryTimeoutMs !== undefined) this.events.settings.deliveryTimeoutMs = deliveryTimeoutMs;
		if (typeof changes.autoProgress === 'boolean')
			this.messaging.setAutoProgress(changes.autoProgress);
		return this.settings();
	}

	settings(): Record<string, unknown> {
		return { ...this.messaging.settings, ...this.events.settings };
	}

	private seedContent(): void {
		this.content.set(scgSeed.attachmentId, Buffer.from(seedAttachmentContent));
	}

	private handle(
		request: RecordedRequest,
		path: RouteParams,
		handler: ScgHandler,
		access?: 'public',
	): EmulatorResponse {
		try {
			if (access !== 'public') this.tokens.check(request.headers.authorization);
			const context: ScgContext = {
				request,
				path,
				state: this.state,
				now: this.clock().getTime(),
				messaging: this.messaging,
				events: this.events,
				tokens: this.tokens,
				content: this.content,
			};
			return handler(context);
		} catch (error) {
			if (error instanceof ScgError)
				return { status: error.status, body: errorBody(error.status, error.message, error.code) };
			throw error;
		}
	}
}
