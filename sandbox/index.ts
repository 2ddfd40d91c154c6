import { defaultHost } from './core/http-emulator';
import {
	emulatorFactories,
	isRegisteredProvider,
	registeredProviders,
	type ProviderName,
	type RegisteredEmulators,
	type StartableEmulator,
} from './emulators';

export type { ProviderName } from './emulators';
export { emulatorFactories, registeredProviders } from './emulators';
export { HttpEmulator } from './core/http-emulator';
export type { Fault, FaultMatch } from './core/faults';
export type { EmulatorResponse, RecordedRequest } from './core/types';
export { HologramEmulator, defaultHologramApiKey } from './hologram/emulator';
export { hologramSeed } from './hologram/state';
export type * from './hologram/state';
export { SmartLivingEmulator } from './smartLiving/emulator';
export type {
	DeviceStateOptions as SmartLivingDeviceStateOptions,
	MakerTokenScope as SmartLivingMakerTokenScope,
	RawPublishOptions as SmartLivingRawPublishOptions,
	SmartLivingEmulatorOptions,
	SmartLivingSettings,
} from './smartLiving/emulator';
export { smartLivingSeed } from './smartLiving/seed';
export type * from './smartLiving/state';
export {
	HoiioEmulator,
	defaultHoiioAccessToken,
	defaultHoiioAppId,
	defaultHoiioNotifyDelayMs,
} from './hoiio/emulator';
export type { HoiioEmulatorOptions } from './hoiio/emulator';
export type { NotifyDelay as HoiioNotifyDelay } from './hoiio/notifier';
export type {
	IncomingCallInput as HoiioIncomingCallInput,
	IncomingFaxInput as HoiioIncomingFaxInput,
	IncomingSmsInput as HoiioIncomingSmsInput,
} from './hoiio/inbound';
export { hoiioSeed } from './hoiio/state';
export type * from './hoiio/state';
export { SyniverseScgEmulator } from './syniverseScg/emulator';
export type {
	FlushOptions as SyniverseScgFlushOptions,
	InboundMessage as SyniverseScgInboundMessage,
	SyniverseScgEmulatorOptions,
} from './syniverseScg/emulator';
export { defaultScgCredentials } from './syniverseScg/auth';
export { scgSeed, seedAttachmentContent as scgSeedAttachmentContent } from './syniverseScg/state';
export type * from './syniverseScg/state';
export {
	VumiGoEmulator,
	defaultVumiGoConversationToken,
	defaultVumiGoConversationTokens,
	defaultVumiGoToken,
} from './vumiGo/emulator';
export type {
	ConversationConfig as VumiGoConversationConfig,
	EventInput as VumiGoEventInput,
	InboundMessageInput as VumiGoInboundMessageInput,
	VumiGoEmulatorOptions,
} from './vumiGo/emulator';
export { vumiGoSeed } from './vumiGo/state';
export type * from './vumiGo/state';

export interface StartSandboxOptions {
	/** Default: every registered emulator. */
	providers?: ProviderName[];
	/** Default 0: a free port each. */
	ports?: Partial<Record<ProviderName, number>>;
	/** Default 127.0.0.1. */
	host?: string;
}

export interface Sandbox {
	urls: Partial<Record<ProviderName, string>>;
	emulators: Partial<RegisteredEmulators>;
	close(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
	const providers = options.providers ?? registeredProviders;
	const unknown = providers.filter((name) => !isRegisteredProvider(name));
	if (unknown.length > 0) {
		throw new Error(
			`No sandbox emulator is registered for ${unknown.join(', ')} (available: ${registeredProviders.join(', ')})`,
		);
	}
	const started: StartableEmulator[] = [];
	const urls: Sandbox['urls'] = {};
	const emulators: Record<string, StartableEmulator> = {};
	const close = async () => {
		await Promise.all(started.map((emulator) => emulator.close()));
	};
	try {
		for (const name of new Set(providers as (keyof typeof emulatorFactories)[])) {
			const emulator = emulatorFactories[name]();
			await emulator.start(options.ports?.[name] ?? 0, options.host ?? defaultHost);
			started.push(emulator);
			urls[name] = emulator.url;
			emulators[name] = emulator;
		}
	} catch (error) {
		// A port already in use must not leave the emulators started before it running.
		await close();
		throw error;
	}
	return { urls, emulators: emulators as Partial<RegisteredEmulators>, close };
}
