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
