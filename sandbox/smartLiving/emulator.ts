import { delay } from '../core/delay';
import { defaultHost, HttpEmulator } from '../core/http-emulator';
import type { RouteParams } from '../core/router';
import { HttpError, type EmulatorResponse, type RecordedRequest } from '../core/types';
import { authenticateRequest, SmartLivingAccounts, type AccountOptions } from './auth';
import { EmbeddedBroker } from './broker';
import { handleSmartLivingControl, smartLivingControlPrefix } from './control';
import { FanOut } from './fanout';
import { MqttIngest } from './ingest';
import { handleLogin } from './login';
import { mqttAccessRules, type MqttIdentity } from './mqttAccess';
import { registerSmartLivingRoutes } from './routes';
import type {
	SmartLivingEffects,
	SmartLivingHandler,
	SmartLivingRouteOptions,
} from './routes/context';
import { SessionStore } from './sessions';
import {
	initialSettings,
	patchSettings,
	type SmartLivingSettings,
	type SmartLivingWorld,
} from './settings';
import { seedSmartLivingState, smartLivingSeed } from './seed';
import type { SmartLivingPlatform, SmartLivingState } from './state';
import { topicMatches } from './topics';
import { coerceValue, lowerKeys, parseAt, pipePayload } from './values';

export type { MakerTokenScope } from './auth';
export type { SmartLivingSettings } from './settings';

export interface SmartLivingEmulatorOptions extends Partial<SmartLivingSettings>, AccountOptions {
	/** MQTT broker port; default `$SANDBOX_SMARTLIVING_MQTT_PORT`, else a free port. */
	mqttPort?: number;
	/** Clock for new records and token expiry; default the real time. */
	now?: () => Date;
}

export interface DeviceStateOptions {
	/** Which platform's device topic the state is published on; default legacy. */
	platform?: SmartLivingPlatform;
	/** Legacy payload: the device library's `<unix-seconds>|<value>` (default) or JSON `{"value","at"}`. */
	format?: 'pipe' | 'json';
	at?: Date | string;
	qos?: 0 | 1;
	retain?: boolean;
}

export interface RawPublishOptions {
	qos?: 0 | 1;
	retain?: boolean;
	/** Also let the platform process it as if a client had published it (parse, apply, fan out). */
	asClient?: boolean;
}

/**
 * SmartLiving (2016, legacy) and AllThingsTalk Maker on one world (docs/wire-formats/smartLiving.md): the
 * REST API at `url` = `http://host:port` and a real MQTT broker at `mqttUrl` = `mqtt://host:port`. Every
 * state or command change, whichever way it arrives, is applied once and published on every matching topic of
 * both platforms. Its parts: who may call (auth.ts, mqttAccess.ts), what clients publish (ingest.ts),
 * publishing a change everywhere (fanout.ts), the test controls over HTTP (control.ts) and the REST routes
 * (routes/).
 */
export class SmartLivingEmulator
	extends HttpEmulator<SmartLivingState>
	implements SmartLivingWorld
{
	protected readonly basePath = '';
	readonly settings: SmartLivingSettings;
	readonly now: () => Date;
	private readonly initialSettings: SmartLivingSettings;
	private readonly accounts: SmartLivingAccounts;
	private readonly sessions: SessionStore;
	private readonly broker: EmbeddedBroker<MqttIdentity>;
	private readonly fanOut: FanOut;
	private readonly ingest: MqttIngest;
	private readonly mqttPortOption: number;

	constructor(options: SmartLivingEmulatorOptions = {}) {
		super();
		this.now = options.now ?? (() => new Date());
		this.initialSettings = initialSettings(options);
		this.settings = { ...this.initialSettings };
		this.mqttPortOption =
			options.mqttPort ?? Number(process.env.SANDBOX_SMARTLIVING_MQTT_PORT ?? 0);
		this.accounts = new SmartLivingAccounts(options);
		this.sessions = new SessionStore(() => this.settings.accessTokenLifetime, this.now);
		this.fanOut = new FanOut(this, (topic, payload, qos) =>
			this.broker.publish(topic, payload, { qos }),
		);
		this.ingest = new MqttIngest(this, this.fanOut);
		this.broker = new EmbeddedBroker<MqttIdentity>({
			...mqttAccessRules(this.accounts, this),
			onMessage: (message, from) => this.ingest.receive(message, from),
		});
		this.routes.add('POST', '/login', (request) =>
			handleLogin(request, this.accounts.legacy, this.sessions),
		);
		registerSmartLivingRoutes({
			add: (method, pattern, handler, routeOptions) => {
				this.routes.add(method, pattern, (request, path) =>
					this.handle(request, path, handler, routeOptions),
				);
			},
		});
	}

	/** `mqtt://host:port` of the embedded broker (kept while the broker is stopped). */
	get mqttUrl(): string {
		const host = this.broker.host.includes(':') ? `[${this.broker.host}]` : this.broker.host;
		return `mqtt://${host}:${this.broker.port}`;
	}

	get mqttPort(): number {
		return this.broker.port;
	}

	override describe(): Record<string, string> {
		return this.accounts.describe(this.mqttUrl);
	}

	override async start(port = 0, host = defaultHost): Promise<string> {
		const url = await super.start(port, host);
		try {
			await this.broker.start(this.mqttPortOption, host);
		} catch (error) {
			await super.close();
			throw error;
		}
		return url;
	}

	override async close(): Promise<void> {
		await this.ingest.current;
		await this.broker.close();
		await super.close();
	}

	/** Also forgets issued tokens and restores the settings; the broker's sessions stay (see `wipeBroker`). */
	override reset(): void {
		super.reset();
		this.sessions.clear();
		Object.assign(this.settings, this.initialSettings);
		this.fanOut.reset();
	}

	protected seedState(): SmartLivingState {
		const state = seedSmartLivingState();
		const main = state.users.find((user) => user.id === smartLivingSeed.userId);
		if (main) main.username = this.accounts.legacy[0].username;
		return state;
	}

	protected errorBody(_status: number, message: string): unknown {
		return { message };
	}

	// ---- test controls (also reachable over HTTP under /__sandbox/smartLiving/) ------------------------------

	/** Every issued access token answers 401 from now on (refresh tokens keep working). */
	expireAccessTokens(): number {
		return this.sessions.expireAccessTokens();
	}

	/** Refresh tokens stop working, so a client has to log in with the password again. */
	revokeRefreshTokens(): number {
		return this.sessions.revokeRefreshTokens();
	}

	/** Changes settings from a JSON patch; a bad `legacyPayloadCasing` throws, other bad values are ignored. */
	updateSettings(patch: unknown): void {
		patchSettings(this.settings, patch);
	}

	/** Closes the MQTT listener and drops every connection; sessions, queued and retained messages survive. */
	stopBroker(): Promise<void> {
		return this.broker.stop();
	}

	/** Listens again on the same MQTT port. */
	startBroker(): Promise<void> {
		return this.broker.start();
	}

	async restartBroker(downtimeMs = 0): Promise<void> {
		await this.broker.stop();
		await delay(downtimeMs);
		await this.broker.start();
	}

	/** A brand-new broker on the same port: no sessions, subscriptions, queued or retained messages. */
	wipeBroker(): Promise<void> {
		return this.broker.wipe();
	}

	get brokerListening(): boolean {
		return this.broker.listening;
	}

	/** MQTT client ids currently connected. */
	get mqttClientIds(): string[] {
		return this.broker.connectedClientIds;
	}

	get mqttSubscriptions(): { clientId: string; topic: string }[] {
		return this.broker.subscribedTopics;
	}

	/** Messages published on topics matching `filter` (MQTT wildcards allowed); all messages without one. */
	messageCount(filter = '#'): number {
		return Object.entries(this.state.mqtt.counts)
			.filter(([topic]) => topicMatches(filter, topic))
			.reduce((sum, [, count]) => sum + count, 0);
	}

	/** Resolves once every client message received so far has been applied and fanned out. */
	whenIdle(): Promise<void> {
		return this.ingest.whenIdle();
	}

	/**
	 * Publishes a state as the device itself would (legacy `out` topic, or Maker `state` topic), then lets the
	 * platform apply it: state, history, and the fan-out to `in` / `feed` topics.
	 */
	async simulateDeviceState(
		assetId: string,
		value: unknown,
		options: DeviceStateOptions = {},
	): Promise<{ topic: string; payload: string }> {
		const asset = this.state.assets.find((candidate) => candidate.id === assetId);
		if (!asset) throw new Error(`Asset ${assetId} not found`);
		const typed = coerceValue(value, asset.profile);
		const at = parseAt(
			options.at instanceof Date ? options.at.toISOString() : options.at,
			this.now(),
		);
		const platform = options.platform ?? 'legacy';
		const topic = this.fanOut.deviceStateTopic(asset, platform);
		const payload =
			platform === 'legacy' && options.format !== 'json'
				? pipePayload(typed, at)
				: JSON.stringify({ value: typed, at });
		const qos = options.qos ?? 1;
		await this.broker.publish(topic, payload, { qos, retain: options.retain });
		await this.ingest.enqueue({ topic, payload: Buffer.from(payload), qos, retain: false }, null);
		return { topic, payload };
	}

	/** Any payload on any topic, straight through the broker (binary, huge, non-UTF-8, deeply nested JSON...). */
	async publishRaw(
		topic: string,
		payload: string | Buffer,
		options: RawPublishOptions = {},
	): Promise<void> {
		await this.broker.publish(topic, payload, { qos: options.qos ?? 0, retain: options.retain });
		if (options.asClient) {
			const buffer = typeof payload === 'string' ? Buffer.from(payload) : payload;
			await this.ingest.enqueue(
				{ topic, payload: buffer, qos: options.qos ?? 0, retain: false },
				null,
			);
		}
	}

	protected override async handleProviderControl(
		request: RecordedRequest,
	): Promise<EmulatorResponse | undefined> {
		if (!request.pathname.startsWith(smartLivingControlPrefix)) return undefined;
		return await handleSmartLivingControl(this, request);
	}

	// ---- REST ----------------------------------------------------------------------------------------------

	private readonly effects: SmartLivingEffects = {
		setState: (asset, value, at) => this.fanOut.applyState(asset, value, at, []),
		sendCommand: (asset, value, at, caller) =>
			this.fanOut.applyCommand(asset, value, at, {
				via: 'rest',
				platform: caller.platform,
				skipTopics: [],
			}),
		historyPageSize: () => this.settings.historyPageSize,
	};

	private handle(
		request: RecordedRequest,
		path: RouteParams,
		handler: SmartLivingHandler,
		options: SmartLivingRouteOptions = {},
	): EmulatorResponse | Promise<EmulatorResponse> {
		const caller = authenticateRequest(request, this.accounts, this.sessions);
		if ('status' in caller) return caller;
		if (options.legacyOnly && caller.platform === 'maker') {
			throw new HttpError(
				404,
				`The AllThingsTalk Maker API has no ${options.legacyOnly}: this call exists only on the legacy SmartLiving platform`,
			);
		}
		if (request.rawBody.length > 0 && request.body === undefined) {
			throw new HttpError(400, 'Could not parse the request body as JSON');
		}
		return handler({
			request,
			path,
			body: lowerKeys(request.body),
			caller,
			state: this.state,
			now: this.now(),
			effects: this.effects,
		});
	}
}
