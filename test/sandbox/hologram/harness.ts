import axios, { type AxiosInstance } from 'axios';

import { startSandbox, type HologramEmulator, type Sandbox } from '../../../sandbox';

export interface HologramHarness {
	sandbox: Sandbox;
	emulator: HologramEmulator;
	/** Authenticated with HTTP Basic; never throws on an HTTP status, so tests assert on it. */
	api: AxiosInstance;
	/** No credentials at all. */
	anonymous: AxiosInstance;
}

/** Starts a Hologram-only sandbox on a free port before all tests, resets it before each, closes it after. */
export function useHologramSandbox(): HologramHarness {
	const harness = {} as HologramHarness;
	beforeAll(async () => {
		harness.sandbox = await startSandbox({ providers: ['hologram'] });
		const emulator = harness.sandbox.emulators.hologram;
		if (!emulator) throw new Error('hologram emulator missing');
		harness.emulator = emulator;
		harness.anonymous = axios.create({ baseURL: emulator.url, validateStatus: () => true });
		harness.api = axios.create({
			baseURL: emulator.url,
			validateStatus: () => true,
			auth: { username: 'apikey', password: emulator.apiKey },
		});
	});
	beforeEach(() => harness.emulator.reset());
	afterAll(() => harness.sandbox.close());
	return harness;
}
