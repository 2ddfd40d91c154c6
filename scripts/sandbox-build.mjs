// Compiles the sandbox (sandbox/**/*.ts) to .build/sandbox/ and loads it, for `npm start` and the e2e tests.
// File-by-file transpilation (tsconfig.dev.json sets isolatedModules, so this is safe): about a second, and
// type errors in a provider folder still being written do not stop the demo. `npm test` type-checks.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'sandbox');
const outDir = join(root, '.build', 'sandbox');
const require = createRequire(import.meta.url);

function tsFiles(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return tsFiles(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
	});
}

/** Transpiles every sandbox file; returns the compiled entry point (`.build/sandbox/index.js`). */
export function compileSandbox() {
	const ts = require(join(root, 'node_modules', 'typescript'));
	const compilerOptions = {
		module: ts.ModuleKind.CommonJS,
		target: ts.ScriptTarget.ES2022,
		esModuleInterop: true,
		resolveJsonModule: true,
	};
	for (const file of tsFiles(sourceDir)) {
		const output = ts.transpileModule(readFileSync(file, 'utf8'), {
			compilerOptions,
			fileName: file,
		});
		const target = join(outDir, relative(sourceDir, file)).replace(/\.ts$/, '.js');
		mkdirSync(dirname(target), { recursive: true });
		writeFileSync(target, output.outputText);
	}
	return join(outDir, 'index.js');
}

/** The compiled sandbox module: `startSandbox`, `registeredProviders`, the emulator classes. */
export function loadSandbox() {
	return require(compileSandbox());
}

/**
 * Starts each registered emulator on its own, so one provider's emulator failing to start (a port in use,
 * work in progress) leaves the others running. `ports[name]` defaults to 0 (a free port). `urls` maps each
 * provider to its base URL, and `<provider>Mqtt` to the emulator's broker (`mqtt://host:port`) where it has one.
 */
export async function startEachEmulator(sandboxModule, ports = {}, log = () => {}) {
	const started = [];
	const urls = {};
	const failures = {};
	for (const name of sandboxModule.registeredProviders) {
		try {
			const sandbox = await sandboxModule.startSandbox({
				providers: [name],
				ports: { [name]: ports[name] ?? 0 },
			});
			started.push(sandbox);
			urls[name] = sandbox.urls[name];
			const emulator = sandbox.emulators[name];
			if (emulator?.mqttUrl) urls[`${name}Mqtt`] = emulator.mqttUrl;
			log(name, urls[name], emulator?.describe?.() ?? {});
		} catch (error) {
			failures[name] = error.message;
		}
	}
	return {
		urls,
		failures,
		close: () => Promise.all(started.map((sandbox) => sandbox.close())),
	};
}
