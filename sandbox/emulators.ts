import { HologramEmulator } from './hologram/emulator';
import { HoiioEmulator } from './hoiio/emulator';
import { SmartLivingEmulator } from './smartLiving/emulator';
import { SyniverseScgEmulator } from './syniverseScg/emulator';
import { VumiGoEmulator } from './vumiGo/emulator';

export type ProviderName = 'hologram' | 'vumiGo' | 'hoiio' | 'smartLiving' | 'syniverseScg';

/** What `startSandbox` and the CLI need from any emulator (HTTP now, an MQTT broker later). */
export interface StartableEmulator {
	readonly url: string;
	start(port?: number, host?: string): Promise<string>;
	close(): Promise<void>;
	describe(): Record<string, string>;
}

/**
 * Provider name → factory. A new emulator slots in by adding one entry here; `index.ts` and `cli.ts`
 * derive everything else from this table.
 */
export const emulatorFactories = {
	hologram: () => new HologramEmulator(),
	hoiio: () => new HoiioEmulator(),
	vumiGo: () => new VumiGoEmulator(),
	syniverseScg: () => new SyniverseScgEmulator(),
	smartLiving: () => new SmartLivingEmulator(),
} satisfies Partial<Record<ProviderName, () => StartableEmulator>>;

export type RegisteredProvider = keyof typeof emulatorFactories;
export type RegisteredEmulators = {
	[P in RegisteredProvider]: ReturnType<(typeof emulatorFactories)[P]>;
};

export const registeredProviders = Object.keys(emulatorFactories) as RegisteredProvider[];

export function isRegisteredProvider(name: string): name is RegisteredProvider {
	return Object.prototype.hasOwnProperty.call(emulatorFactories, name);
}
