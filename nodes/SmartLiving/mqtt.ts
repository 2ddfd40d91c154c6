import { randomUUID } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	ITriggerFunctions,
} from 'n8n-workflow';
import mqtt from 'mqtt';

import type { HttpRequest, Platform } from './login';
import { LEGACY_DEFAULT_BROKER, MAKER_DEFAULT_BROKER, legacyLogin, platformOf } from './login';

/** Broker connections of both platforms (wire notes §4.4, §4.6) and the payload formats they carry. */

export interface BrokerLogin {
	url: string;
	options: mqtt.IClientOptions;
	platform: Platform;
	/** Legacy topics start with `client/{clientId}`. */
	legacyClientId?: string;
}

/** Host, port and scheme; a host typed as `mqtt://host:port` is accepted too. */
function brokerUrl(credentials: ICredentialDataDecryptedObject, platform: Platform): string {
	const tls = credentials.brokerTls === true;
	const typed = String(credentials.brokerHost ?? '').trim();
	let host = typed || (platform === 'maker' ? MAKER_DEFAULT_BROKER : LEGACY_DEFAULT_BROKER);
	let port = Number(credentials.brokerPort) || 0;
	if (host.includes('://')) {
		const parsed = new URL(host);
		host = parsed.hostname;
		port ||= Number(parsed.port) || 0;
	}
	port ||= tls ? 8883 : 1883;
	return `${tls ? 'mqtts' : 'mqtt'}://${host}:${port}`;
}

/**
 * What the broker wants: Maker takes the token as username (and any password, the SDK repeats it);
 * legacy takes `<clientId>:<clientId>` and the client key from a fresh login (wire notes §4.4).
 */
export async function brokerLogin(
	context: IExecuteFunctions | ITriggerFunctions,
	credentials: ICredentialDataDecryptedObject,
): Promise<BrokerLogin> {
	const platform = platformOf(credentials);
	const url = brokerUrl(credentials, platform);
	if (platform === 'maker') {
		const token = String(credentials.token ?? '');
		return { url, platform, options: { username: token, password: token } };
	}
	const httpRequest: HttpRequest = async (options) => await context.helpers.httpRequest(options);
	const session = await legacyLogin(httpRequest, credentials);
	return {
		url,
		platform,
		legacyClientId: session.mqttClientId,
		options: {
			username: `${session.mqttClientId}:${session.mqttClientId}`,
			password: session.mqttClientKey,
		},
	};
}

/** A client of its own for one action (a command over MQTT): never shared, no session kept. */
export function oneShotClientId(): string {
	return `n8n-sl-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** Publishes one message with QoS 1 and waits for the broker to take it, then disconnects. */
export async function publishOnce(
	login: BrokerLogin,
	topic: string,
	payload: string,
	timeoutMs: number,
): Promise<void> {
	const client = mqtt.connect(login.url, {
		...login.options,
		clientId: oneShotClientId(),
		clean: true,
		reconnectPeriod: 0,
		connectTimeout: timeoutMs,
		protocolVersion: 4,
	});
	try {
		await new Promise<void>((resolve, reject) => {
			client.once('error', reject);
			client.once('close', () => reject(new Error('the broker closed the connection')));
			client.once('connect', () => {
				client.publish(topic, payload, { qos: 1, retain: false }, (error) =>
					error ? reject(error) : resolve(),
				);
			});
		});
	} finally {
		client.end(true);
	}
}

/** A command as the SDK published it on legacy: primitives as plain text, the rest as JSON (wire notes §4.4). */
export function legacyCommandPayload(value: unknown): string {
	return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

export type MqttClient = mqtt.MqttClient;
export const connectBroker = mqtt.connect;

export interface ParsedPayload {
	value?: unknown;
	at?: string;
	/** Why the payload could not be read; the raw text is still emitted. */
	parseError?: string;
}

/** Unix seconds or milliseconds, or an ISO text, to ISO 8601. */
function isoTime(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = Number(value);
	const date = Number.isFinite(number)
		? new Date(number < 1e12 ? number * 1000 : number)
		: new Date(String(value));
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * Deeper JSON than this is kept as text: JSON.parse copes with any depth, but n8n copies and saves
 * execution data recursively, and a value 100,000 levels deep overflows the stack there.
 */
export const MAX_JSON_DEPTH = 100;

/** How deeply the brackets of a JSON text nest, counted without parsing (strings skipped). */
function jsonDepth(text: string): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const char = text.charCodeAt(index);
		if (inString) {
			if (char === 0x5c) index++;
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) inString = true;
		else if (char === 0x7b || char === 0x5b) deepest = Math.max(deepest, ++depth);
		else if (char === 0x7d || char === 0x5d) depth--;
	}
	return deepest;
}

type JsonResult = { json: unknown } | { error: 'invalid' | 'tooDeep' };

function readJson(text: string): JsonResult {
	if (jsonDepth(text) > MAX_JSON_DEPTH) return { error: 'tooDeep' };
	try {
		return { json: JSON.parse(text) as unknown };
	} catch {
		return { error: 'invalid' };
	}
}

const TOO_DEEP = `The message is JSON nested more than ${MAX_JSON_DEPTH} levels deep; it is kept as text`;

/** `true`, `12.5`, `"text"`: device payloads carry primitives as text (wire notes §4.4). */
function primitive(text: string): unknown {
	const trimmed = text.trim();
	if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
	if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
	const read = readJson(trimmed);
	return 'json' in read ? read.json : text;
}

/**
 * Reads a message: `{"value","at"}` JSON (also spelt `Value`/`At`, as the legacy broker sent it),
 * `<unix-seconds>|<value>` device payloads, a bare JSON value or plain text. Never throws.
 */
export function parsePayload(raw: string): ParsedPayload {
	const text = raw.trim();
	if (text === '') return { parseError: 'The message is empty' };
	const pipe = /^(\d{9,13})\|([\s\S]*)$/.exec(text);
	if (pipe) {
		const value = primitive(pipe[2]);
		const result: ParsedPayload = { value, at: isoTime(pipe[1]) };
		if (value === pipe[2] && jsonDepth(pipe[2]) > MAX_JSON_DEPTH) result.parseError = TOO_DEEP;
		return result;
	}
	const read = readJson(text);
	if ('error' in read) {
		if (read.error === 'tooDeep') return { parseError: TOO_DEEP };
		if (text.startsWith('{') || text.startsWith('['))
			return { parseError: 'The message looks like JSON but cannot be read as JSON' };
		return { value: text };
	}
	const json = read.json;
	if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
		const object = json as IDataObject;
		const hasValue = 'value' in object || 'Value' in object;
		if (hasValue) {
			const at = object.at ?? object.At;
			const result: ParsedPayload = { value: object.value ?? object.Value };
			if (at !== undefined && at !== null) {
				result.at = isoTime(at);
				if (result.at === undefined) result.parseError = `"at" is not a time: ${String(at)}`;
			}
			return result;
		}
	}
	return { value: json };
}
