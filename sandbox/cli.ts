import { registeredProviders, type ProviderName } from './emulators';
import { startSandbox } from './index';

interface CliArguments {
	providers: ProviderName[];
	ports: Partial<Record<ProviderName, number>>;
	host?: string;
}

const usage = `usage: node .build/sandbox/cli.js [provider ...] [--port provider=PORT ...] [--host H]
providers: ${registeredProviders.join(', ')}`;

function parseArguments(args: string[]): CliArguments {
	const parsed: CliArguments = { providers: [], ports: {} };
	for (let index = 0; index < args.length; index++) {
		const arg = args[index];
		if (arg === '--help' || arg === '-h') {
			console.log(usage);
			process.exit(0);
		} else if (arg === '--host') {
			parsed.host = args[++index];
		} else if (arg === '--port') {
			const [name, port] = (args[++index] ?? '').split('=');
			if (!name || !/^\d+$/.test(port ?? ''))
				throw new Error(`--port expects provider=PORT, got "${args[index] ?? ''}"`);
			parsed.ports[name as ProviderName] = Number(port);
		} else if (arg.startsWith('-')) {
			throw new Error(`Unknown option ${arg}`);
		} else {
			parsed.providers.push(arg as ProviderName);
		}
	}
	return parsed;
}

async function main(): Promise<void> {
	const args = parseArguments(process.argv.slice(2));
	const sandbox = await startSandbox({
		providers: args.providers.length > 0 ? args.providers : undefined,
		ports: args.ports,
		host: args.host,
	});
	const width = Math.max(...Object.keys(sandbox.urls).map((name) => name.length)) + 2;
	for (const [name, url] of Object.entries(sandbox.urls)) {
		console.log(`${name.padEnd(width)}${url}`);
		const emulator = (
			sandbox.emulators as Record<string, { describe(): Record<string, string> } | undefined>
		)[name];
		for (const [label, value] of Object.entries(emulator?.describe() ?? {}))
			console.log(`${''.padEnd(width)}${label}: ${value}`);
	}
	let closing = false;
	const shutdown = (signal: string) => {
		if (closing) return;
		closing = true;
		console.log(`${signal}: stopping the sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			(error: Error) => {
				console.error(error.message);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: Error) => {
	console.error(error.message);
	console.error(usage);
	process.exit(1);
});
