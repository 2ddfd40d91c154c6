import { randomUUID } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	ITriggerFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import mqtt from 'mqtt';

import type { HttpRequest, Platform } from '../../../nodes/SmartLiving/login';
import {
	LEGACY_DEFAULT_BROKER,
	MAKER_DEFAULT_BROKER,
	legacyLogin,
	platformOf,
} from '../../../nodes/SmartLiving/login';

/**
 * Broker connections of both platforms (docs/wire-formats/smartLiving.md#hosts,
 * docs/wire-formats/smartLiving.md#broker-login).
 */

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
 * What the broker wants: Maker takes the token as username (and any password, the SDK repeats it); legacy
 * takes `<clientId>:<clientId>` and the client key from a fresh login
 * (docs/wire-formats/smartLiving.md#broker-login). A refused login is a NodeApiError with the platform's own
 * words.
 */
export async function brokerLogin(
	context: IExecuteFunctions | ITriggerFunctions,
	credentials: ICredentialDataDecryptedObject,
	itemIndex?: number,
): Promise<BrokerLogin> {
	const platform = platformOf(credentials);
	const url = brokerUrl(credentials, platform);
	if (platform === 'maker') {
		const token = String(credentials.token ?? '');
		return { url, platform, options: { username: token, password: token } };
	}
	const httpRequest: HttpRequest = async (options) => await context.helpers.httpRequest(options);
	const login = await legacyLogin(httpRequest, credentials);
	if ('failure' in login)
		throw new NodeApiError(
			context.getNode(),
			{ message: login.failure },
			{ message: login.failure, itemIndex },
		);
	const { session } = login;
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

export type MqttClient = mqtt.MqttClient;
export type MqttClientOptions = mqtt.IClientOptions;
export type { DoneCallback, IConnackPacket, IPublishPacket } from 'mqtt';
export const connectBroker = mqtt.connect;
