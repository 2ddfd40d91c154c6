/**
 * SmartLiving's own control endpoints, under `/__sandbox/smartLiving/` (no auth, never recorded): expire or
 * revoke tokens, change settings, publish as a device or raw bytes, and stop, start, restart or wipe the broker.
 */
import { controlAction } from '../core/control';
import type { EmulatorResponse, RecordedRequest } from '../core/types';
import type { SmartLivingEmulator } from './emulator';
import { lowerKeys } from './values';

export const smartLivingControlPrefix = '/__sandbox/smartLiving/';

/** One endpoint: what it answers with 200; a thrown error answers 400 with its message. */
type ControlAction = (
	emulator: SmartLivingEmulator,
	body: Record<string, unknown>,
	request: RecordedRequest,
) => unknown;

async function deviceState(emulator: SmartLivingEmulator, body: Record<string, unknown>) {
	if (typeof body.assetid !== 'string') throw new Error('assetId is required');
	return await emulator.simulateDeviceState(body.assetid, body.value, {
		platform: body.platform === 'maker' ? 'maker' : 'legacy',
		format: body.format === 'json' ? 'json' : 'pipe',
		at: typeof body.at === 'string' ? body.at : undefined,
		retain: body.retain === true,
	});
}

/** `payloadBase64` for bytes, `payload` as text, or anything else as its JSON. */
async function publish(emulator: SmartLivingEmulator, body: Record<string, unknown>) {
	if (typeof body.topic !== 'string') throw new Error('topic is required');
	const payload =
		typeof body.payloadbase64 === 'string'
			? Buffer.from(body.payloadbase64, 'base64')
			: typeof body.payload === 'string'
				? body.payload
				: JSON.stringify(body.payload ?? null);
	await emulator.publishRaw(body.topic, payload, {
		qos: body.qos === 1 ? 1 : 0,
		retain: body.retain === true,
		asClient: body.asclient === true,
	});
	return { published: true };
}

const actions = new Map<string, ControlAction>([
	['POST expire-tokens', (emulator) => ({ expired: emulator.expireAccessTokens() })],
	['POST revoke-refresh-tokens', (emulator) => ({ revoked: emulator.revokeRefreshTokens() })],
	['GET settings', (emulator) => emulator.settings],
	[
		'POST settings',
		(emulator, _body, request) => {
			emulator.updateSettings(request.body);
			return emulator.settings;
		},
	],
	['POST device-state', deviceState],
	['POST mqtt/publish', publish],
	[
		'GET mqtt',
		(emulator) => ({
			url: emulator.mqttUrl,
			listening: emulator.brokerListening,
			clients: emulator.mqttClientIds,
			subscriptions: emulator.mqttSubscriptions,
			counts: emulator.state.mqtt.counts,
		}),
	],
	[
		'POST mqtt/stop',
		async (emulator) => {
			await emulator.stopBroker();
			return { listening: false };
		},
	],
	[
		'POST mqtt/start',
		async (emulator) => {
			if (!emulator.brokerListening) await emulator.startBroker();
			return { listening: true };
		},
	],
	[
		'POST mqtt/restart',
		async (emulator, body) => {
			await emulator.restartBroker(typeof body.downtimems === 'number' ? body.downtimems : 0);
			return { listening: true };
		},
	],
	[
		'POST mqtt/wipe',
		async (emulator) => {
			await emulator.wipeBroker();
			return { listening: emulator.brokerListening };
		},
	],
]);

export async function handleSmartLivingControl(
	emulator: SmartLivingEmulator,
	request: RecordedRequest,
): Promise<EmulatorResponse> {
	const action = controlAction(request, smartLivingControlPrefix);
	const run = actions.get(action);
	if (!run)
		return { status: 404, body: { error: `Unknown SmartLiving control endpoint: ${action}` } };
	try {
		return { status: 200, body: await run(emulator, lowerKeys(request.body), request) };
	} catch (error) {
		return { status: 400, body: { error: (error as Error).message } };
	}
}
