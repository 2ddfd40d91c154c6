import type { ProviderName, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';

/**
 * Starts the given emulators once for a test file, on free ports, and resets their state, recorded
 * requests and faults before every test so tests never see each other's changes.
 */
export function useSandbox(providers: ProviderName[]): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ providers });
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	beforeEach(() => {
		for (const emulator of Object.values(sandbox?.emulators ?? {})) emulator.reset();
	});
	return () => {
		if (!sandbox) throw new Error('The sandbox has not started');
		return sandbox;
	};
}
