import { isRecord } from '../core/body';
import { HttpEmulator } from '../core/http-emulator';
import type { RouteParams } from '../core/router';
import type { EmulatorResponse, RecordedRequest } from '../core/types';
import {
	sessionEvents,
	transportEvent,
	userMessage,
	type EventSpec,
	type SessionEvent,
} from './messages';
import {
	defaultPushOptions,
	PushQueue,
	redactUrl,
	splitCredentials,
	type PushOptions,
} from './push';
import { registerVumiGoRoutes } from './routes';
import type { VumiGoAuth, VumiGoHandler, VumiGoServices } from './routes/context';
import {
	seedVumiGoState,
	vumiGoSeed,
	type VumiConversation,
	type VumiEvent,
	type VumiGoState,
	type VumiPushDelivery,
	type VumiUserMessage,
} from './state';
import { unauthorizedPage, VumiResponseError } from './wire';

export const defaultVumiGoToken = 'sandbox-vumi-token';
export const defaultVumiGoConversationToken = 'sandbox-conv-token';

/** Conversation key → the tokens its HTTP API accepts; the bulk conversation has no HTTP API. */
export const defaultVumiGoConversationTokens: Record<string, string[]> = {
	[vumiGoSeed.conversationKeys.sms]: [defaultVumiGoConversationToken],
	[vumiGoSeed.conversationKeys.ussd]: ['sandbox-ussd-token'],
};

export interface VumiGoEmulatorOptions {
	/** OAuth access token → the account it belongs to; default `sandbox-vumi-token` → `sandbox-account`. */
	tokens?: Record<string, string>;
	/** Conversation key → accepted conversation tokens; default {@link defaultVumiGoConversationTokens}. */
	conversationTokens?: Record<string, string[]>;
	/** Server page size of contact and group lists; default 50. */
	pageSize?: number;
	/** Longest message content the HTTP API accepts; default 640. */
	maxContentLength?: number;
	/** Events that follow each accepted outbound message; default `ackAndDeliver`. */
	autoEvents?: 'ackAndDeliver' | 'ack' | 'none';
	/** Push timing and retries; defaults in {@link defaultPushOptions}. */
	push?: Partial<PushOptions>;
	/** Clock for timestamps and the seeded metric series; default the real time. */
	now?: () => Date;
}

export interface ConversationConfig {
	/** Where inbound user messages are POSTed; `user:pass@` becomes Basic auth. Null to stop. */
	push_message_url?: string | null;
	/** Where events (ack, nack, delivery_report) are POSTed. Null to stop. */
	push_event_url?: string | null;
	ignore_messages?: boolean;
	ignore_events?: boolean;
}

export interface InboundMessageInput {
	from_addr: string;
	content?: string | null;
	session_event?: SessionEvent;
	/** Default: the conversation's channel address. */
	to_addr?: string;
	from_addr_type?: string | null;
	helper_metadata?: Record<string, unknown>;
	transport_metadata?: Record<string, unknown>;
}

export interface EventInput extends EventSpec {
	user_message_id: string;
}

class ControlError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

const controlBase = '/__sandbox/vumiGo/';

/**
 * Vumi Go (wire notes §2) at `<url>` = `http://host:port/api/v1/go`: JSON-RPC account API at `/api/`,
 * contacts, groups, metrics and opt-outs with a Bearer token, and the conversation HTTP API at
 * `/http_api_nostream/<conversation_key>/...` with Basic account key : conversation token.
 */
export class VumiGoEmulator extends HttpEmulator<VumiGoState> {
	protected readonly basePath = '/api/v1/go';
	readonly tokens: Readonly<Record<string, string>>;
	readonly conversationTokens: Readonly<Record<string, string[]>>;
	readonly pageSize: number;
	readonly maxContentLength: number;
	private readonly autoEvents: NonNullable<VumiGoEmulatorOptions['autoEvents']>;
	private readonly now: () => Date;
	private readonly pushes: PushQueue;
	/** The push URLs as configured, credentials included; the state only shows them redacted. */
	private pushUrls = new Map<string, { message: string | null; event: string | null }>();

	constructor(options: VumiGoEmulatorOptions = {}) {
		super();
		this.tokens = options.tokens ?? { [defaultVumiGoToken]: vumiGoSeed.accountKey };
		this.conversationTokens = options.conversationTokens ?? defaultVumiGoConversationTokens;
		this.pageSize = options.pageSize ?? 50;
		this.maxContentLength = options.maxContentLength ?? 640;
		this.autoEvents = options.autoEvents ?? 'ackAndDeliver';
		this.now = options.now ?? (() => new Date());
		this.pushes = new PushQueue({ ...defaultPushOptions, ...options.push });
		const services: VumiGoServices = {
			pageSize: this.pageSize,
			maxContentLength: this.maxContentLength,
			afterSend: (conversation, message) => this.afterSend(conversation, message),
			emitEvent: (conversation, message, spec) => this.emitEvent(conversation, message, spec),
		};
		registerVumiGoRoutes({
			add: (method, pattern, handler, auth) => {
				this.routes.add(method, pattern, (request, path) =>
					this.handle(request, path, handler, auth, services),
				);
			},
		});
	}

	/** The conversation HTTP API's base (the Vumi Go credential's HTTP API Base URL). */
	get httpApiUrl(): string {
		return `${this.url}/http_api_nostream`;
	}

	override describe(): Record<string, string> {
		const [token, account] = Object.entries(this.tokens)[0] ?? ['', ''];
		const [conversation, conversationTokens] = Object.entries(this.conversationTokens)[0] ?? [
			'',
			[],
		];
		return {
			'OAuth token': token,
			'Account key': account,
			'HTTP API base': this.httpApiUrl,
			Conversation: `${conversation} (token ${conversationTokens[0] ?? ''})`,
		};
	}

	override reset(): void {
		this.pushes.cancel();
		this.pushUrls = new Map();
		super.reset();
	}

	override async close(): Promise<void> {
		this.pushes.cancel();
		await super.close();
	}

	/** Resolves when every queued push (retries included) has been delivered, dropped or given up. */
	flushCallbacks(): Promise<void> {
		return this.pushes.flush();
	}

	/** What the Go UI's conversation settings hold; there is no API for it, hence a sandbox control. */
	configureConversation(key: string, config: ConversationConfig): VumiConversation {
		const conversation = this.conversation(key);
		const current = this.pushUrls.get(key) ?? { message: null, event: null };
		const url = (value: unknown, name: string): string | null => {
			if (value === null || value === '') return null;
			if (typeof value !== 'string' || !/^https?:\/\//i.test(value))
				throw new ControlError(400, `${name} must be an http(s) URL or null`);
			try {
				new URL(value);
			} catch {
				throw new ControlError(400, `${name} must be an http(s) URL or null`);
			}
			return value;
		};
		if (config.push_message_url !== undefined)
			current.message = url(config.push_message_url, 'push_message_url');
		if (config.push_event_url !== undefined)
			current.event = url(config.push_event_url, 'push_event_url');
		this.pushUrls.set(key, current);
		conversation.push_message_url = redactUrl(current.message);
		conversation.push_event_url = redactUrl(current.event);
		if (config.ignore_messages !== undefined)
			conversation.ignore_messages = !!config.ignore_messages;
		if (config.ignore_events !== undefined) conversation.ignore_events = !!config.ignore_events;
		return conversation;
	}

	/** A user's message arriving on the conversation's channel: stored (so it can be replied to) and pushed. */
	simulateInboundMessage(key: string, input: InboundMessageInput): VumiUserMessage {
		const conversation = this.conversation(key);
		if (typeof input.from_addr !== 'string' || input.from_addr === '')
			throw new ControlError(400, 'from_addr is required');
		if (input.content !== undefined && input.content !== null && typeof input.content !== 'string')
			throw new ControlError(400, 'content must be a string or null');
		if (!sessionEvents.includes(input.session_event ?? null))
			throw new ControlError(400, 'session_event must be new, resume, close or null');
		const message = userMessage(conversation, this.now(), {
			from_addr: input.from_addr,
			to_addr: input.to_addr ?? conversation.channel_address,
			content: input.content ?? null,
			session_event: input.session_event ?? null,
			from_addr_type: input.from_addr_type ?? null,
			transport_metadata: input.transport_metadata ?? {},
		});
		if (input.helper_metadata)
			message.helper_metadata = { ...input.helper_metadata, ...message.helper_metadata };
		this.state.inboundMessages.push({ ...message, conversation_key: conversation.key });
		const url = this.pushUrls.get(key)?.message ?? null;
		if (url && !conversation.ignore_messages) this.push('message', conversation, message, url);
		return message;
	}

	/** An event (ack, nack, delivery report) for a message this conversation sent. */
	simulateEvent(key: string, input: EventInput): VumiEvent {
		const conversation = this.conversation(key);
		const message = this.state.outboundMessages.find(
			(candidate) =>
				candidate.message_id === input.user_message_id && candidate.conversation_key === key,
		);
		if (!message)
			throw new ControlError(404, `Conversation ${key} sent no message ${input.user_message_id}`);
		if (!['ack', 'nack', 'delivery_report'].includes(input.event_type))
			throw new ControlError(400, 'event_type must be ack, nack or delivery_report');
		if (
			input.delivery_status !== undefined &&
			!['pending', 'failed', 'delivered'].includes(input.delivery_status)
		)
			throw new ControlError(400, 'delivery_status must be pending, failed or delivered');
		return this.emitEvent(conversation, message, input);
	}

	protected seedState(): VumiGoState {
		return seedVumiGoState(this.now());
	}

	/** Routes nobody registered and status faults answer in the collections' envelope. */
	protected errorBody(status: number, message: string): unknown {
		return { status_code: status, reason: message };
	}

	protected override async handleProviderControl(
		request: RecordedRequest,
	): Promise<EmulatorResponse | undefined> {
		if (!request.pathname.startsWith(controlBase)) return undefined;
		const segments = request.pathname
			.slice(controlBase.length)
			.split('/')
			.filter((segment) => segment !== '')
			.map((segment) => decodeURIComponent(segment));
		const body = isRecord(request.body) ? request.body : {};
		try {
			if (request.method === 'POST' && segments.length === 1 && segments[0] === 'flush') {
				await this.flushCallbacks();
				return { status: 200, body: { deliveries: this.state.deliveries } };
			}
			if (request.method === 'GET' && segments.length === 1 && segments[0] === 'deliveries')
				return { status: 200, body: this.state.deliveries };
			if (segments.length === 3 && segments[0] === 'conversations') {
				const [, key, action] = segments;
				if (action === 'config' && (request.method === 'POST' || request.method === 'PUT'))
					return { status: 200, body: this.configureConversation(key, body) };
				if (action === 'inbound' && request.method === 'POST') {
					const input = body as unknown as InboundMessageInput;
					return { status: 201, body: this.simulateInboundMessage(key, input) };
				}
				if (action === 'events' && request.method === 'POST')
					return { status: 201, body: this.simulateEvent(key, body as unknown as EventInput) };
			}
			return {
				status: 404,
				body: { error: `Unknown Vumi Go control endpoint: ${request.method} ${request.pathname}` },
			};
		} catch (error) {
			if (error instanceof ControlError)
				return { status: error.status, body: { error: error.message } };
			throw error;
		}
	}

	private conversation(key: string): VumiConversation {
		const conversation = this.state.conversations.find((candidate) => candidate.key === key);
		if (!conversation) throw new ControlError(404, `Unknown conversation ${key}`);
		return conversation;
	}

	private afterSend(conversation: VumiConversation, message: VumiUserMessage): void {
		if (this.autoEvents === 'none') return;
		this.emitEvent(conversation, message, { event_type: 'ack' });
		if (this.autoEvents === 'ackAndDeliver')
			this.emitEvent(conversation, message, {
				event_type: 'delivery_report',
				delivery_status: 'delivered',
			});
	}

	private emitEvent(
		conversation: VumiConversation,
		message: VumiUserMessage,
		spec: EventSpec,
	): VumiEvent {
		const event = transportEvent(message, this.now(), spec);
		this.state.events.push({ ...event, conversation_key: conversation.key });
		const url = this.pushUrls.get(conversation.key)?.event ?? null;
		if (url && !conversation.ignore_events) this.push('event', conversation, event, url);
		return event;
	}

	private push(
		kind: VumiPushDelivery['kind'],
		conversation: VumiConversation,
		body: VumiUserMessage | VumiEvent,
		url: string,
	): void {
		const delivery: VumiPushDelivery = {
			id: this.state.deliveries.length + 1,
			kind,
			conversation_key: conversation.key,
			url: splitCredentials(url).url,
			body,
			attempts: 0,
			outcome: 'pending',
		};
		this.state.deliveries.push(delivery);
		this.pushes.enqueue(delivery, url);
	}

	private handle(
		request: RecordedRequest,
		path: RouteParams,
		handler: VumiGoHandler,
		auth: VumiGoAuth,
		services: VumiGoServices,
	): EmulatorResponse {
		const account =
			auth === 'bearer' ? this.bearerAccount(request) : this.conversationAccount(request, path);
		if (typeof account !== 'string') return account;
		try {
			return handler({ request, path, state: this.state, now: this.now(), account, services });
		} catch (error) {
			if (error instanceof VumiResponseError) return error.response;
			throw error;
		}
	}

	/** The auth bouncer in front of the account APIs: no token 401, an unknown one 403. */
	private bearerAccount(request: RecordedRequest): string | EmulatorResponse {
		const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
		if (!match)
			return { status: 401, body: this.errorBody(401, 'Authentication credentials required.') };
		const account = Object.prototype.hasOwnProperty.call(this.tokens, match[1])
			? this.tokens[match[1]]
			: undefined;
		if (account === undefined)
			return { status: 403, body: this.errorBody(403, 'Invalid access token.') };
		return account;
	}

	/** Basic `account_key:conversation_token`, checked against the conversation in the path. */
	private conversationAccount(
		request: RecordedRequest,
		path: RouteParams,
	): string | EmulatorResponse {
		const match = /^basic\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
		if (!match) return unauthorizedPage();
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const separator = decoded.indexOf(':');
		if (separator === -1) return unauthorizedPage();
		const user = decoded.slice(0, separator);
		const password = decoded.slice(separator + 1);
		const conversation = this.state.conversations.find(
			(candidate) => candidate.key === path.conversationKey,
		);
		const tokens = Object.prototype.hasOwnProperty.call(
			this.conversationTokens,
			path.conversationKey,
		)
			? this.conversationTokens[path.conversationKey]
			: [];
		if (!conversation || conversation.account !== user || !tokens.includes(password))
			return unauthorizedPage();
		return user;
	}
}
