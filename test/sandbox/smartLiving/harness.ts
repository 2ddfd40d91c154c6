import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

import {
	smartLivingSeed,
	startSandbox,
	type Sandbox,
	type SmartLivingEmulator,
} from '../../../sandbox';

export interface ReceivedMessage {
	topic: string;
	payload: Buffer;
	text: string;
	qos: number;
	retain: boolean;
}

/** An MQTT client that keeps every message it receives, for assertions. */
export interface RecordingClient {
	client: MqttClient;
	messages: ReceivedMessage[];
	/** Resolves once `count` messages (in total) matching `topic` have arrived. */
	waitFor(
		count: number,
		topic?: (topic: string) => boolean,
		timeoutMs?: number,
	): Promise<ReceivedMessage[]>;
}

export interface SmartLivingHarness {
	sandbox: Sandbox;
	emulator: SmartLivingEmulator;
	/** No credentials; never throws on an HTTP status. */
	anonymous: AxiosInstance;
	/** POSTs a body byte for byte under a JSON content type, as the SDK sends its form-encoded login. */
	postLogin(body: string): Promise<AxiosResponse>;
	/** Legacy password login; returns the token response. */
	login(username?: string, password?: string): Promise<Record<string, unknown>>;
	/** An API client with `Authorization: Bearer <token>`. */
	bearer(token: string): AxiosInstance;
	/** Logs in as the sandbox user and returns a client with the access token. */
	legacy(): Promise<AxiosInstance>;
	makerDevice: AxiosInstance;
	makerGround: AxiosInstance;
	/** Connects to the embedded broker; closed after each test. */
	connect(options: IClientOptions): Promise<RecordingClient>;
	/** The sandbox user's legacy MQTT login. */
	legacyMqttOptions: IClientOptions;
}

/** Retries an assertion until it passes: the broker applies client messages after acknowledging them. */
export async function eventually(assertion: () => void, timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			assertion();
			return;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
}

function recording(client: MqttClient): RecordingClient {
	const messages: ReceivedMessage[] = [];
	const waiters: (() => void)[] = [];
	client.on('message', (topic, payload, packet) => {
		messages.push({
			topic,
			payload,
			text: payload.toString('utf8'),
			qos: packet.qos,
			retain: packet.retain,
		});
		for (const waiter of [...waiters]) waiter();
	});
	return {
		client,
		messages,
		waitFor: (count, filter = () => true, timeoutMs = 5000) =>
			new Promise((resolve, reject) => {
				const check = () => {
					const matching = messages.filter((message) => filter(message.topic));
					if (matching.length < count) return false;
					clearTimeout(timer);
					waiters.splice(waiters.indexOf(check), 1);
					resolve(matching);
					return true;
				};
				const timer = setTimeout(() => {
					waiters.splice(waiters.indexOf(check), 1);
					reject(new Error(`Timed out waiting for ${count} messages, got ${messages.length}`));
				}, timeoutMs);
				waiters.push(check);
				check();
			}),
	};
}

/** Starts a SmartLiving-only sandbox before all tests, resets it (and wipes the broker) before each. */
export function useSmartLivingSandbox(): SmartLivingHarness {
	const harness = {} as SmartLivingHarness;
	const clients: MqttClient[] = [];
	beforeAll(async () => {
		harness.sandbox = await startSandbox({ providers: ['smartLiving'] });
		const emulator = harness.sandbox.emulators.smartLiving;
		if (!emulator) throw new Error('smartLiving emulator missing');
		harness.emulator = emulator;
		const baseURL = emulator.url;
		harness.anonymous = axios.create({ baseURL, validateStatus: () => true });
		harness.bearer = (token) =>
			axios.create({
				baseURL,
				validateStatus: () => true,
				headers: { authorization: `Bearer ${token}` },
			});
		harness.postLogin = (body) =>
			harness.anonymous.post('/login', body, {
				headers: { 'content-type': 'application/json' },
				transformRequest: [(data: unknown) => data],
			});
		harness.login = async (
			username = smartLivingSeed.username,
			password = smartLivingSeed.password,
		) => {
			const response = await harness.postLogin(
				`grant_type=password&username=${username}&password=${password}&client_id=maker`,
			);
			if (response.status !== 200)
				throw new Error(`login failed: ${JSON.stringify(response.data)}`);
			return response.data as Record<string, unknown>;
		};
		harness.legacy = async () => harness.bearer(String((await harness.login()).access_token));
		harness.makerDevice = harness.bearer(smartLivingSeed.makerDeviceToken);
		harness.makerGround = harness.bearer(smartLivingSeed.makerGroundToken);
		harness.legacyMqttOptions = {
			username: `${smartLivingSeed.clientId}:${smartLivingSeed.clientId}`,
			password: smartLivingSeed.clientKey,
		};
		harness.connect = async (options) => {
			const client = await mqtt.connectAsync(emulator.mqttUrl, { reconnectPeriod: 0, ...options });
			clients.push(client);
			return recording(client);
		};
	});
	beforeEach(async () => {
		harness.emulator.reset();
		await harness.emulator.wipeBroker();
	});
	afterEach(async () => {
		await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
	});
	afterAll(() => harness.sandbox.close());
	return harness;
}
