/**
 * The Hologram emulator in a process of its own, as the provider is on another machine: the time it spends
 * answering then does not count against the node, which benchmark 2 measures. Prints `{"url", "apiKey"}`
 * once listening; driven through the sandbox's control endpoints; stops when stdin closes.
 */
import type { HologramEmulator } from '../sandbox';
import { startSandbox } from '../sandbox';

async function main(): Promise<void> {
	const sandbox = await startSandbox({ providers: ['hologram'] });
	const emulator = sandbox.emulators.hologram as HologramEmulator;
	console.log(JSON.stringify({ url: sandbox.urls.hologram, apiKey: emulator.apiKey }));
	process.stdin.resume();
	process.stdin.on('end', () => void sandbox.close().then(() => process.exit(0)));
}

void main();
