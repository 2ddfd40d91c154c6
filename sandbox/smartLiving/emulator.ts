import { defaultHost, HttpEmulator } from '../core/http-emulator';
import type { RouteParams } from '../core/router';
import { HttpError, type EmulatorResponse, type RecordedRequest } from '../core/types';
import { EmbeddedBroker, type BrokerMessage } from './broker';
import { handleLogin, type LegacyAccount } from './login';
import {
	canSeeDevice,
	canSeeGround,
	findAsset,
	findDeviceAsset,
	findGatewayAsset,
	findGatewayDevice,
	findDevice,
	findGateway,
	type Caller,
} from './records';
import { registerSmartLivingRoutes } from './routes';
import type {
	SmartLivingEffects,
	SmartLivingHandler,
	SmartLivingRouteOptions,
} from './routes/context';
import { SessionStore } from './sessions';
import {
	seedSmartLivingState,
	smartLivingSeed,
	type SmartLivingAsset,
	type SmartLivingPlatform,
	type SmartLivingState,
} from './state';
import {
	legacyTopic,
	makerTopic,
	parseLegacyTopic,
	parseMakerTopic,
	topicMatches,
	type LegacyAddress,
	type LegacyKind,
} from './topics';
import {
	coerceValue,
	jsonStatePayload,
	lowerKeys,
	parseAt,
	parsePayload,
	pipePayload,
	plainCommandPayload,
	type PayloadCasing,
} from './values';

export interface MakerTokenScope {
	/** Devices the token may use directly (a device token). */
	deviceIds?: string[];
	/** Grounds whose devices the token may use (a ground token). */
	groundIds?: string[];
}

export interface SmartLivingSettings {
	/** Keys of the JSON on legacy `in` state topics: `value`/`at`, `Value`/`At`, or alternating per change. */
	legacyPayloadCasing: PayloadCasing | 'alternate';
	/** A command also becomes the asset's state, as if the device obeyed at once. */
	echoCommandsAsState: boolean;
	/** QoS of what the platform publishes (REST changes, fan-out); 1 so persistent sessions queue it. */
	publishQos: 0 | 1;
	/** History points per page of `/states`. */
	historyPageSize: number;
	/** `expires_in` of new legacy access tokens, in seconds. */
	accessTokenLifetime: number;
}

export interface SmartLivingEmulatorOptions extends Partial<SmartLivingSettings> {
	/** Legacy login of the main user; default `sandbox-user` / `sandbox-password`. */
	username?: string;
	password?: string;
	/** MQTT broker port; default `$SANDBOX_SMARTLIVING_MQTT_PORT`, else a free port. */
	mqttPort?: number;
	/** Maker tokens and what they reach; default the seeded device and ground tokens. */
	makerTokens?: Record<string, MakerTokenScope>;
	/** Clock for new records and token expiry; default the real time. */
	now?: () => Date;
}

type MqttIdentity =
	| { platform: 'legacy'; userId: string; clientId: string }
	| { platform: 'maker'; token: string };

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

const defaultSettings: SmartLivingSettings = {
	legacyPayloadCasing: 'lower',
	echoCommandsAsState: true,
	publishQos: 1,
	historyPageSize: 50,
	accessTokenLifetime: 3600,
};

const maxLoggedMessages = 2000;
const controlPrefix = '/__sandbox/smartLiving/';

function deniedResponse(message: string): EmulatorResponse {
	return {
		status: 401,
		body: { message },
		headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
	};
}

/**
 * SmartLiving (2016, legacy) and AllThingsTalk Maker on one world (wire notes §4): the REST API at
 * `url` = `http://host:port` and a real MQTT broker at `mqttUrl` = `mqtt://host:port`. Every state or command
 * change, whichever way it arrives, is applied once and published on every matching topic of both platforms.
 */
export class SmartLivingEmulator extends HttpEmulator<SmartLivingState> {
	protected readonly basePath = '';
	readonly settings: SmartLivingSettings;
	private readonly initialSettings: SmartLivingSettings;
	private readonly accounts: LegacyAccount[];
	private readonly makerTokens: Map<string, MakerTokenScope>;
	private readonly sessions: SessionStore;
	private readonly broker: EmbeddedBroker<MqttIdentity>;
	private readonly now: () => Date;
	private readonly mqttPortOption: number;
	private casingFlip = false;
	private ingestQueue: Promise<void> = Promise.resolve();

	constructor(options: SmartLivingEmulatorOptions = {}) {
		super();
		this.now = options.now ?? (() => new Date());
		const { username, password, mqttPort, makerTokens } = options;
		this.initialSettings = { ...defaultSettings };
		for (const key of Object.keys(defaultSettings) as (keyof SmartLivingSettings)[]) {
			if (options[key] !== undefined) Object.assign(this.initialSettings, { [key]: options[key] });
		}
		this.settings = { ...this.initialSettings };
		this.mqttPortOption = mqttPort ?? Number(process.env.SANDBOX_SMARTLIVING_MQTT_PORT ?? 0);
		this.accounts = [
			{
				userId: smartLivingSeed.userId,
				username: username ?? smartLivingSeed.username,
				password: password ?? smartLivingSeed.password,
				clientId: smartLivingSeed.clientId,
				clientKey: smartLivingSeed.clientKey,
			},
			{ ...smartLivingSeed.friend },
		];
		this.makerTokens = new Map(
			Object.entries(
				makerTokens ?? {
					[smartLivingSeed.makerDeviceToken]: { deviceIds: [smartLivingSeed.deviceIds.thermostat] },
					[smartLivingSeed.makerGroundToken]: { groundIds: [smartLivingSeed.groundIds.home] },
				},
			),
		);
		this.sessions = new SessionStore(() => this.settings.accessTokenLifetime, this.now);
		this.broker = new EmbeddedBroker<MqttIdentity>({
			authenticate: (user, pass) => this.mqttAuthenticate(user, pass),
			canPublish: (identity, topic) => this.mqttCanPublish(identity, topic),
			canSubscribe: (identity, filter) => this.mqttCanSubscribe(identity, filter),
			canReceive: (identity, topic) => this.mqttCanReceive(identity, topic),
			onMessage: (message, from) => this.onMqttMessage(message, from),
		});
		this.routes.add('POST', '/login', (request) =>
			handleLogin(request, this.accounts, this.sessions),
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
		const main = this.accounts[0];
		const lines: Record<string, string> = {
			'MQTT broker': this.mqttUrl,
			'Legacy login': `${main.username} / ${main.password}`,
			'Legacy MQTT': `user ${main.clientId}:${main.clientId}, password ${main.clientKey}`,
		};
		for (const [token, scope] of this.makerTokens) {
			const isGround = (scope.groundIds ?? []).length > 0;
			const reach = isGround ? scope.groundIds : scope.deviceIds;
			lines[`Maker ${isGround ? 'ground' : 'device'} token`] =
				`${token} (${(reach ?? []).join(', ')})`;
		}
		return lines;
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
		await this.ingestQueue;
		await this.broker.close();
		await super.close();
	}

	/** Also forgets issued tokens and restores the settings; the broker's sessions stay (see `wipeBroker`). */
	override reset(): void {
		super.reset();
		this.sessions.clear();
		Object.assign(this.settings, this.initialSettings);
		this.casingFlip = false;
	}

	protected seedState(): SmartLivingState {
		const state = seedSmartLivingState();
		const main = state.users.find((user) => user.id === smartLivingSeed.userId);
		if (main) main.username = this.accounts[0].username;
		return state;
	}

	protected errorBody(_status: number, message: string): unknown {
		return { message };
	}

	// ---- test controls -------------------------------------------------------------------------------------

	/** Every issued access token answers 401 from now on (refresh tokens keep working). */
	expireAccessTokens(): number {
		return this.sessions.expireAccessTokens();
	}

	/** Refresh tokens stop working, so a client has to log in with the password again. */
	revokeRefreshTokens(): number {
		return this.sessions.revokeRefreshTokens();
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
		if (downtimeMs > 0) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
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

	/** Messages published on topics matching `filter` (MQTT wildcards allowed); all messages without one. */
	messageCount(filter = '#'): number {
		return Object.entries(this.state.mqtt.counts)
			.filter(([topic]) => topicMatches(filter, topic))
			.reduce((sum, [, count]) => sum + count, 0);
	}

	/** Resolves once every client message received so far has been applied and fanned out. */
	async whenIdle(): Promise<void> {
		let current: Promise<void>;
		do {
			current = this.ingestQueue;
			await current;
		} while (current !== this.ingestQueue);
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
		let topic: string;
		let payload: string;
		if (options.platform === 'maker') {
			if (asset.deviceId === null) throw new Error('A gateway asset has no Maker topic');
			topic = makerTopic(asset.deviceId, asset.name, 'state');
			payload = JSON.stringify({ value: typed, at });
		} else {
			const owner = this.groundOwner(asset);
			topic = legacyTopic(owner.clientId, 'out', this.deviceSideAddress(asset), 'state');
			payload =
				options.format === 'json' ? JSON.stringify({ value: typed, at }) : pipePayload(typed, at);
		}
		await this.broker.publish(topic, payload, { qos: options.qos ?? 1, retain: options.retain });
		await this.enqueueIngest(
			{ topic, payload: Buffer.from(payload), qos: options.qos ?? 1, retain: false },
			null,
		);
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
			await this.enqueueIngest(
				{ topic, payload: buffer, qos: options.qos ?? 0, retain: false },
				null,
			);
		}
	}

	// ---- REST ----------------------------------------------------------------------------------------------

	private handle(
		request: RecordedRequest,
		path: RouteParams,
		handler: SmartLivingHandler,
		options: SmartLivingRouteOptions = {},
	): EmulatorResponse | Promise<EmulatorResponse> {
		const caller = this.authenticateRequest(request);
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

	/** Bearer login token or Maker token; the old device protocol's `Auth-ClientId`/`Auth-ClientKey` too. */
	private authenticateRequest(request: RecordedRequest): Caller | EmulatorResponse {
		const authorization = request.headers.authorization ?? '';
		const bearer = /^bearer\s+(.+)$/i.exec(authorization.trim())?.[1];
		if (bearer) {
			const session = this.sessions.resolve(bearer);
			if (session === 'expired') return deniedResponse('The access token has expired');
			if (session) return { platform: 'legacy', userId: session.userId };
			const maker = this.makerCaller(bearer);
			if (maker) return maker;
			return deniedResponse('Authorization has been denied for this request.');
		}
		const clientId = request.headers['auth-clientid'];
		const clientKey = request.headers['auth-clientkey'];
		const account = this.accounts.find(
			(candidate) => candidate.clientId === clientId && candidate.clientKey === clientKey,
		);
		if (clientId && account) return { platform: 'legacy', userId: account.userId };
		return deniedResponse('Authorization has been denied for this request.');
	}

	private makerCaller(token: string): Caller | undefined {
		const scope = this.makerTokens.get(token);
		if (!scope) return undefined;
		return {
			platform: 'maker',
			kind: scope.groundIds && scope.groundIds.length > 0 ? 'ground' : 'device',
			deviceIds: scope.deviceIds ?? [],
			groundIds: scope.groundIds ?? [],
		};
	}

	private readonly effects: SmartLivingEffects = {
		setState: (asset, value, at) => this.applyState(asset, value, at, []),
		sendCommand: (asset, value, at, caller) =>
			this.applyCommand(asset, value, at, 'rest', caller.platform, []),
		historyPageSize: () => this.settings.historyPageSize,
	};

	protected override async handleProviderControl(
		request: RecordedRequest,
	): Promise<EmulatorResponse | undefined> {
		if (!request.pathname.startsWith(controlPrefix)) return undefined;
		const action = `${request.method} ${request.pathname.slice(controlPrefix.length).replace(/\/+$/, '')}`;
		const body = lowerKeys(request.body);
		try {
			switch (action) {
				case 'POST expire-tokens':
					return { status: 200, body: { expired: this.expireAccessTokens() } };
				case 'POST revoke-refresh-tokens':
					return { status: 200, body: { revoked: this.revokeRefreshTokens() } };
				case 'GET settings':
					return { status: 200, body: this.settings };
				case 'POST settings':
					this.updateSettings(request.body);
					return { status: 200, body: this.settings };
				case 'POST device-state': {
					if (typeof body.assetid !== 'string')
						return { status: 400, body: { error: 'assetId is required' } };
					const sent = await this.simulateDeviceState(body.assetid, body.value, {
						platform: body.platform === 'maker' ? 'maker' : 'legacy',
						format: body.format === 'json' ? 'json' : 'pipe',
						at: typeof body.at === 'string' ? body.at : undefined,
						retain: body.retain === true,
					});
					return { status: 200, body: sent };
				}
				case 'POST mqtt/publish': {
					if (typeof body.topic !== 'string')
						return { status: 400, body: { error: 'topic is required' } };
					const payload =
						typeof body.payloadbase64 === 'string'
							? Buffer.from(body.payloadbase64, 'base64')
							: typeof body.payload === 'string'
								? body.payload
								: JSON.stringify(body.payload ?? null);
					await this.publishRaw(body.topic, payload, {
						qos: body.qos === 1 ? 1 : 0,
						retain: body.retain === true,
						asClient: body.asclient === true,
					});
					return { status: 200, body: { published: true } };
				}
				case 'GET mqtt':
					return {
						status: 200,
						body: {
							url: this.mqttUrl,
							listening: this.broker.listening,
							clients: this.mqttClientIds,
							counts: this.state.mqtt.counts,
						},
					};
				case 'POST mqtt/stop':
					await this.stopBroker();
					return { status: 200, body: { listening: false } };
				case 'POST mqtt/start':
					if (!this.broker.listening) await this.startBroker();
					return { status: 200, body: { listening: true } };
				case 'POST mqtt/restart':
					await this.restartBroker(typeof body.downtimems === 'number' ? body.downtimems : 0);
					return { status: 200, body: { listening: true } };
				case 'POST mqtt/wipe':
					await this.wipeBroker();
					return { status: 200, body: { listening: this.broker.listening } };
				default:
					return {
						status: 404,
						body: { error: `Unknown SmartLiving control endpoint: ${action}` },
					};
			}
		} catch (error) {
			return { status: 400, body: { error: (error as Error).message } };
		}
	}

	private updateSettings(input: unknown): void {
		const patch = (
			typeof input === 'object' && input !== null ? input : {}
		) as Partial<SmartLivingSettings>;
		if (patch.legacyPayloadCasing !== undefined) {
			if (!['lower', 'capitalized', 'alternate'].includes(patch.legacyPayloadCasing)) {
				throw new Error('legacyPayloadCasing must be lower, capitalized or alternate');
			}
			this.settings.legacyPayloadCasing = patch.legacyPayloadCasing;
		}
		if (typeof patch.echoCommandsAsState === 'boolean')
			this.settings.echoCommandsAsState = patch.echoCommandsAsState;
		if (patch.publishQos === 0 || patch.publishQos === 1)
			this.settings.publishQos = patch.publishQos;
		if (Number.isInteger(patch.historyPageSize) && (patch.historyPageSize ?? 0) > 0) {
			this.settings.historyPageSize = patch.historyPageSize as number;
		}
		if (typeof patch.accessTokenLifetime === 'number' && patch.accessTokenLifetime > 0) {
			this.settings.accessTokenLifetime = patch.accessTokenLifetime;
		}
	}

	// ---- one world, two platforms: apply a change once, publish it everywhere --------------------------------

	private async applyState(
		asset: SmartLivingAsset,
		value: unknown,
		at: string,
		skipTopics: string[],
	): Promise<void> {
		asset.state = { value, at };
		this.state.history.push({ assetId: asset.id, value, at });
		const casing = this.nextCasing();
		const legacyPayload = jsonStatePayload(value, at, casing);
		const makerPayload = jsonStatePayload(value, at);
		const topics: [string, string][] = [];
		for (const clientId of this.legacyAudience(asset)) {
			for (const address of this.legacyAddresses(asset)) {
				topics.push([legacyTopic(clientId, 'in', address, 'state'), legacyPayload]);
			}
		}
		if (asset.deviceId !== null) {
			topics.push([makerTopic(asset.deviceId, asset.name, 'feed'), makerPayload]);
			topics.push([makerTopic(asset.deviceId, asset.name, 'state'), makerPayload]);
		}
		await this.publishAll(topics, skipTopics);
	}

	private async applyCommand(
		asset: SmartLivingAsset,
		value: unknown,
		at: string,
		via: 'rest' | 'mqtt',
		platform: SmartLivingPlatform,
		skipTopics: string[],
	): Promise<void> {
		this.state.commands.push({ assetId: asset.id, value, at, via, platform });
		const topics: [string, string][] = [];
		for (const clientId of this.legacyAudience(asset)) {
			for (const address of this.legacyAddresses(asset)) {
				topics.push([legacyTopic(clientId, 'in', address, 'command'), plainCommandPayload(value)]);
			}
		}
		if (asset.deviceId !== null) {
			topics.push([makerTopic(asset.deviceId, asset.name, 'command'), jsonStatePayload(value, at)]);
		}
		await this.publishAll(topics, skipTopics);
		if (this.settings.echoCommandsAsState) await this.applyState(asset, value, at, []);
	}

	private async publishAll(
		topics: [string, string | Buffer][],
		skipTopics: string[],
	): Promise<void> {
		for (const [topic, payload] of topics) {
			if (skipTopics.includes(topic)) continue;
			await this.broker.publish(topic, payload, { qos: this.settings.publishQos });
		}
	}

	private nextCasing(): PayloadCasing {
		const setting = this.settings.legacyPayloadCasing;
		if (setting !== 'alternate') return setting;
		this.casingFlip = !this.casingFlip;
		return this.casingFlip ? 'capitalized' : 'lower';
	}

	/** The client ids of the users who see the asset's ground (its owner and those it is shared with). */
	private legacyAudience(asset: SmartLivingAsset): string[] {
		const ground = this.assetGround(asset);
		if (!ground) return [];
		return this.state.users
			.filter((user) => canSeeGround({ platform: 'legacy', userId: user.id }, ground))
			.map((user) => user.clientId);
	}

	private assetGround(asset: SmartLivingAsset) {
		const groundId =
			asset.deviceId !== null
				? this.state.devices.find((device) => device.id === asset.deviceId)?.groundId
				: this.state.gateways.find((gateway) => gateway.id === asset.gatewayId)?.groundId;
		return this.state.grounds.find((ground) => ground.id === groundId);
	}

	private groundOwner(asset: SmartLivingAsset) {
		const ground = this.assetGround(asset);
		const owner = this.state.users.find((user) => user.id === ground?.ownerId);
		if (!owner) throw new Error(`Asset ${asset.id} has no owner`);
		return owner;
	}

	/** Every legacy topic address of an asset: by id, by device id, and by gateway (and device name). */
	private legacyAddresses(asset: SmartLivingAsset): LegacyAddress[] {
		const addresses: LegacyAddress[] = [{ level: 'asset', assetId: asset.id }];
		const device = this.state.devices.find((candidate) => candidate.id === asset.deviceId);
		if (device) {
			addresses.push({ level: 'deviceAsset', deviceId: device.id, assetName: asset.name });
			if (device.gatewayId !== null) {
				addresses.push({
					level: 'gatewayDeviceAsset',
					gatewayId: device.gatewayId,
					deviceName: device.name,
					assetName: asset.name,
				});
			}
		}
		if (asset.gatewayId !== null) {
			addresses.push({ level: 'gatewayAsset', gatewayId: asset.gatewayId, assetName: asset.name });
		}
		return addresses;
	}

	/** Where the device library publishes: by device id, or through its gateway. */
	private deviceSideAddress(asset: SmartLivingAsset): LegacyAddress {
		if (asset.gatewayId !== null) {
			return { level: 'gatewayAsset', gatewayId: asset.gatewayId, assetName: asset.name };
		}
		const device = this.state.devices.find((candidate) => candidate.id === asset.deviceId);
		if (device?.gatewayId) {
			return {
				level: 'gatewayDeviceAsset',
				gatewayId: device.gatewayId,
				deviceName: device.name,
				assetName: asset.name,
			};
		}
		return { level: 'deviceAsset', deviceId: asset.deviceId ?? '', assetName: asset.name };
	}

	// ---- MQTT ----------------------------------------------------------------------------------------------

	private mqttAuthenticate(
		username: string | undefined,
		password: Buffer | undefined,
	): MqttIdentity | undefined {
		if (!username || !password || password.length === 0) return undefined;
		const secret = password.toString('utf8');
		const legacy = /^(.+):(.+)$/.exec(username);
		if (legacy && legacy[1] === legacy[2]) {
			const account = this.accounts.find(
				(candidate) => candidate.clientId === legacy[1] && candidate.clientKey === secret,
			);
			if (account)
				return { platform: 'legacy', userId: account.userId, clientId: account.clientId };
		}
		if (this.makerTokens.has(username)) return { platform: 'maker', token: username };
		return undefined;
	}

	private makerCanUseDevice(identity: { token: string }, deviceId: string): boolean {
		const caller = this.makerCaller(identity.token);
		const device = this.state.devices.find((candidate) => candidate.id === deviceId);
		return caller !== undefined && device !== undefined && canSeeDevice(this.state, caller, device);
	}

	/** Publishing needs a well-formed topic of one's own namespace (legacy) or devices (Maker). */
	private mqttCanPublish(identity: MqttIdentity, topic: string): boolean {
		if (identity.platform === 'legacy')
			return parseLegacyTopic(topic)?.clientId === identity.clientId;
		const parsed = parseMakerTopic(topic);
		return parsed !== undefined && this.makerCanUseDevice(identity, parsed.deviceId);
	}

	/** Legacy: `client/{ownClientId}/...`; Maker: `device/{id}/...` for a reachable device, or `device/+/...`. */
	private mqttCanSubscribe(identity: MqttIdentity, filter: string): boolean {
		const parts = filter.split('/');
		if (identity.platform === 'legacy') {
			return parts.length >= 3 && parts[0] === 'client' && parts[1] === identity.clientId;
		}
		return (
			parts.length >= 2 &&
			parts[0] === 'device' &&
			(parts[1] === '+' || this.makerCanUseDevice(identity, parts[1]))
		);
	}

	/** Wildcard subscriptions are narrowed per message to what the client may see. */
	private mqttCanReceive(identity: MqttIdentity, topic: string): boolean {
		const parts = topic.split('/');
		if (identity.platform === 'legacy')
			return parts[0] === 'client' && parts[1] === identity.clientId;
		return parts[0] === 'device' && parts.length > 1 && this.makerCanUseDevice(identity, parts[1]);
	}

	private onMqttMessage(
		message: BrokerMessage,
		from: { clientId: string; identity: MqttIdentity } | undefined,
	): void {
		const mqtt = this.state.mqtt;
		mqtt.counts[message.topic] = (mqtt.counts[message.topic] ?? 0) + 1;
		mqtt.messages.push({
			topic: message.topic,
			clientId: from?.clientId ?? null,
			qos: message.qos,
			retain: message.retain,
			bytes: message.payload.length,
			preview: message.payload.toString('utf8').slice(0, 1000),
			at: this.now().toISOString(),
		});
		if (mqtt.messages.length > maxLoggedMessages)
			mqtt.messages.splice(0, mqtt.messages.length - maxLoggedMessages);
		if (from) void this.enqueueIngest(message, from.clientId);
	}

	/** Client messages are applied one at a time, in arrival order. */
	private enqueueIngest(message: BrokerMessage, clientId: string | null): Promise<void> {
		const next = this.ingestQueue
			.then(() => this.ingest(message, clientId))
			.catch((error: Error) => this.reject(message.topic, clientId, error.message));
		this.ingestQueue = next;
		return next;
	}

	private reject(topic: string, clientId: string | null, reason: string): void {
		const rejected = this.state.mqtt.rejected;
		rejected.push({ topic, clientId, reason, at: this.now().toISOString() });
		if (rejected.length > maxLoggedMessages)
			rejected.splice(0, rejected.length - maxLoggedMessages);
	}

	private async ingest(message: BrokerMessage, clientId: string | null): Promise<void> {
		const legacy = parseLegacyTopic(message.topic);
		if (legacy)
			return this.ingestLegacy(
				message,
				legacy.clientId,
				legacy.direction,
				legacy.address,
				legacy.kind,
				clientId,
			);
		const maker = parseMakerTopic(message.topic);
		if (!maker)
			return this.reject(message.topic, clientId, 'topic matches neither platform grammar');
		const device = this.state.devices.find((candidate) => candidate.id === maker.deviceId);
		const asset =
			device && this.tryFind(() => findDeviceAsset(this.state, device, maker.assetName));
		if (!asset) return this.reject(message.topic, clientId, 'unknown device or asset');
		if (maker.kind === 'feed') return;
		const parsed = parsePayload(message.payload, asset.profile, this.now());
		if (!parsed.ok) return this.reject(message.topic, clientId, parsed.reason);
		const at = parsed.at ?? this.now().toISOString();
		if (maker.kind === 'state') await this.applyState(asset, parsed.value, at, [message.topic]);
		else await this.applyCommand(asset, parsed.value, at, 'mqtt', 'maker', [message.topic]);
	}

	private async ingestLegacy(
		message: BrokerMessage,
		topicClientId: string,
		direction: 'in' | 'out',
		address: LegacyAddress,
		kind: LegacyKind,
		clientId: string | null,
	): Promise<void> {
		const user = this.state.users.find((candidate) => candidate.clientId === topicClientId);
		if (!user) return this.reject(message.topic, clientId, `unknown client id ${topicClientId}`);
		const caller: Caller = { platform: 'legacy', userId: user.id };
		if (address.level === 'device' || address.level === 'gatewayDevice') return;
		const asset = this.tryFind(() => this.findLegacyAsset(caller, address));
		if (!asset) return this.reject(message.topic, clientId, 'unknown asset');
		if (kind === 'event') {
			this.state.events.push({
				assetId: asset.id,
				topic: message.topic,
				payload: message.payload.toString('utf8'),
				at: this.now().toISOString(),
			});
			if (direction === 'out') {
				const topics = this.legacyAudience(asset).flatMap((id) =>
					this.legacyAddresses(asset).map((each): [string, Buffer] => [
						legacyTopic(id, 'in', each, 'event'),
						message.payload,
					]),
				);
				await this.publishAll(topics, []);
			}
			return;
		}
		if (direction === 'out' && kind === 'command') return;
		const parsed = parsePayload(message.payload, asset.profile, this.now());
		if (!parsed.ok) return this.reject(message.topic, clientId, parsed.reason);
		const at = parsed.at ?? this.now().toISOString();
		if (kind === 'state') await this.applyState(asset, parsed.value, at, [message.topic]);
		else await this.applyCommand(asset, parsed.value, at, 'mqtt', 'legacy', [message.topic]);
	}

	private findLegacyAsset(caller: Caller, address: LegacyAddress): SmartLivingAsset {
		const state = this.state;
		switch (address.level) {
			case 'asset':
				return findAsset(state, caller, address.assetId);
			case 'deviceAsset':
				return findDeviceAsset(
					state,
					findDevice(state, caller, address.deviceId),
					address.assetName,
				);
			case 'gatewayAsset':
				return findGatewayAsset(
					state,
					findGateway(state, caller, address.gatewayId),
					address.assetName,
				);
			case 'gatewayDeviceAsset':
				return findDeviceAsset(
					state,
					findGatewayDevice(state, caller, address.gatewayId, address.deviceName),
					address.assetName,
				);
			default:
				throw new Error('not an asset address');
		}
	}

	private tryFind<T>(find: () => T): T | undefined {
		try {
			return find();
		} catch {
			return undefined;
		}
	}
}
