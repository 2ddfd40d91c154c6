import { isRecord } from '../core/body';
import type { SmartLivingState } from './state';
import type { PayloadCasing } from './values';

/** Behaviour a test may change at run time (`POST /__sandbox/smartLiving/settings`); `reset()` restores it. */
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

/** What the emulator's parts share: the state (a new one after each reset), the settings and the clock. */
export interface SmartLivingWorld {
	readonly state: SmartLivingState;
	readonly settings: SmartLivingSettings;
	readonly now: () => Date;
}

const defaultSettings: SmartLivingSettings = {
	legacyPayloadCasing: 'lower',
	echoCommandsAsState: true,
	publishQos: 1,
	historyPageSize: 50,
	accessTokenLifetime: 3600,
};

/** The defaults, overridden by the settings given as emulator options. */
export function initialSettings(options: Partial<SmartLivingSettings>): SmartLivingSettings {
	const settings = { ...defaultSettings };
	for (const key of Object.keys(defaultSettings) as (keyof SmartLivingSettings)[]) {
		if (options[key] !== undefined) Object.assign(settings, { [key]: options[key] });
	}
	return settings;
}

/** Applies the valid fields of a settings patch; an unknown casing is refused, other bad values ignored. */
export function patchSettings(settings: SmartLivingSettings, input: unknown): void {
	const patch = (isRecord(input) ? input : {}) as Partial<SmartLivingSettings>;
	if (patch.legacyPayloadCasing !== undefined) {
		if (!['lower', 'capitalized', 'alternate'].includes(patch.legacyPayloadCasing)) {
			throw new Error('legacyPayloadCasing must be lower, capitalized or alternate');
		}
		settings.legacyPayloadCasing = patch.legacyPayloadCasing;
	}
	if (typeof patch.echoCommandsAsState === 'boolean')
		settings.echoCommandsAsState = patch.echoCommandsAsState;
	if (patch.publishQos === 0 || patch.publishQos === 1) settings.publishQos = patch.publishQos;
	if (Number.isInteger(patch.historyPageSize) && (patch.historyPageSize ?? 0) > 0) {
		settings.historyPageSize = patch.historyPageSize as number;
	}
	if (typeof patch.accessTokenLifetime === 'number' && patch.accessTokenLifetime > 0) {
		settings.accessTokenLifetime = patch.accessTokenLifetime;
	}
}
