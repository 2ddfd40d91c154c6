/**
 * SmartLiving / AllThingsTalk emulator state: one world (grounds, gateways, devices, assets, states and
 * history) that both the legacy SmartLiving API and the AllThingsTalk Maker API read and write.
 * Secrets (passwords, MQTT client keys, tokens) are deliberately not part of it: the state is dumped by
 * `GET /__sandbox/state`.
 */

export type SmartLivingAssetKind = 'sensor' | 'actuator' | 'virtual' | 'config';
export type SmartLivingPlatform = 'legacy' | 'maker';

export interface SmartLivingUser {
	id: string;
	username: string;
	name: string;
	email: string;
	/** `rmq:clientId`: the MQTT namespace `client/{clientId}/...`. Not a secret (the key is). */
	clientId: string;
}

export interface SmartLivingGround {
	id: string;
	name: string;
	title: string;
	description: string;
	ownerId: string;
	/** Users the ground is shared with; they see it with `GET /me/grounds?type=shared`. */
	sharedWith: string[];
	createdOn: string;
}

export interface SmartLivingGateway {
	id: string;
	name: string;
	title: string;
	description: string;
	groundId: string;
	createdOn: string;
}

export interface SmartLivingDevice {
	id: string;
	/** Unique within its gateway: `/gateway/{gatewayId}/device/{name}` addresses it. */
	name: string;
	title: string;
	description: string;
	groundId: string;
	gatewayId: string | null;
	createdOn: string;
}

export interface SmartLivingAssetState {
	value: unknown;
	/** ISO 8601. */
	at: string;
}

export interface SmartLivingAsset {
	id: string;
	/** Unique within its device (or gateway, for a gateway's own assets). */
	name: string;
	title: string;
	description: string;
	is: SmartLivingAssetKind;
	/** A JSON-schema profile; `type` is one of integer, number, boolean, string, object, array. */
	profile: Record<string, unknown>;
	/** Undefined, Primary, Secondary, Config or Battery. */
	style: string;
	/** Null for an asset of the gateway itself. */
	deviceId: string | null;
	/** Set only for an asset of the gateway itself. */
	gatewayId: string | null;
	state: SmartLivingAssetState | null;
	createdOn: string;
}

export interface SmartLivingHistoryPoint {
	assetId: string;
	value: unknown;
	at: string;
}

export interface SmartLivingCommand {
	assetId: string;
	value: unknown;
	at: string;
	via: 'rest' | 'mqtt';
	platform: SmartLivingPlatform;
}

export interface SmartLivingNotification {
	id: string;
	userId: string;
	message: string;
	at: string;
}

export interface SmartLivingEvent {
	assetId: string;
	topic: string;
	payload: string;
	at: string;
}

/** One message seen by the broker, from a client (`clientId`) or from the emulator itself (null). */
export interface SmartLivingMqttMessage {
	topic: string;
	clientId: string | null;
	qos: number;
	retain: boolean;
	bytes: number;
	/** The payload as UTF-8, cut at 1,000 characters. */
	preview: string;
	at: string;
}

/** A client message the platform could not apply (unknown asset, payload not matching the profile, ...). */
export interface SmartLivingRejectedMessage {
	topic: string;
	clientId: string | null;
	reason: string;
	at: string;
}

export interface SmartLivingState {
	users: SmartLivingUser[];
	grounds: SmartLivingGround[];
	gateways: SmartLivingGateway[];
	devices: SmartLivingDevice[];
	assets: SmartLivingAsset[];
	history: SmartLivingHistoryPoint[];
	commands: SmartLivingCommand[];
	events: SmartLivingEvent[];
	notifications: SmartLivingNotification[];
	mqtt: {
		/** Messages published per topic (clients and emulator), `$SYS` excluded. */
		counts: Record<string, number>;
		/** The last 2,000 messages. */
		messages: SmartLivingMqttMessage[];
		rejected: SmartLivingRejectedMessage[];
	};
}
