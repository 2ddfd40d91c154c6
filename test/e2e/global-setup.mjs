// Starts what every e2e test talks to, once per run: the sandbox (every registered emulator, free ports) and a
// real n8n (2.41.1, or the version in TELCO_IOT_N8N_VERSION) with both packed packages (the main one and the
// MQTT companion) installed as a user's n8n installs them, an owner, an API key and one sandbox credential
// per credential type (examples/credentials/). The facts go to a JSON file that
// test/e2e/n8n-client.ts reads; global-teardown.mjs stops everything.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { ensureN8n } from '../../scripts/ensure-n8n.mjs';
import { sandboxCredentials, upsertCredential } from '../../scripts/examples.mjs';
import {
	N8nClient,
	freePort,
	installPackages,
	packPackages,
	packageCredentialTypes,
	startN8n,
	waitForReady,
} from '../../scripts/n8n-server.mjs';
import { loadSandbox, startEachEmulator } from '../../scripts/sandbox-build.mjs';

export const e2eOwner = {
	email: 'e2e@example.com',
	password: 'E2e-password-1',
	firstName: 'End',
	lastName: 'ToEnd',
};

function log(message) {
	process.stderr.write(`[e2e setup] ${message}\n`);
}

export default async function globalSetup() {
	const started = Date.now();
	const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
	await ensureN8n();
	const userFolder = mkdtempSync(join(tmpdir(), 'telco-iot-e2e-'));
	const running = { userFolder };
	globalThis.__telcoIotE2e = running;
	try {
		const tarballs = await packPackages();
		await installPackages(userFolder, tarballs);
		rmSync(dirname(tarballs[0]), { recursive: true, force: true });
		log(`installed both packed packages into ${userFolder} (${elapsed()})`);

		running.sandbox = await startEachEmulator(loadSandbox());
		for (const [name, reason] of Object.entries(running.sandbox.failures))
			log(`sandbox ${name} did not start: ${reason}`);

		const logFile = join(userFolder, 'n8n.log');
		running.logFile = logFile;
		running.n8n = startN8n({
			userFolder,
			port: await freePort(),
			brokerPort: await freePort(),
			encryptionKey: randomBytes(24).toString('hex'),
			output: logFile,
		});
		await waitForReady(running.n8n);
		log(`n8n is ready at ${running.n8n.url} (${elapsed()})`);

		const client = new N8nClient(running.n8n.url);
		await client.setupOwner(e2eOwner);
		await client.createApiKey('e2e');
		// Which n8n the tests talk to, as the server states it (n8n-client.ts `N8n.major`).
		const { version: n8nVersion, executionMode } = await client.serverFacts();
		const credentials = {};
		const { credentials: templates, skipped } = sandboxCredentials(
			packageCredentialTypes(),
			running.sandbox.urls,
		);
		for (const note of skipped) log(`skipped ${note}`);
		for (const credential of templates) {
			credentials[credential.type] = {
				id: await upsertCredential(client, credential),
				name: credential.name,
			};
		}

		const factsFile = join(userFolder, 'e2e-facts.json');
		writeFileSync(
			factsFile,
			JSON.stringify(
				{
					n8nUrl: running.n8n.url,
					n8nVersion,
					executionMode,
					apiKey: client.apiKey,
					owner: e2eOwner,
					sandbox: running.sandbox.urls,
					credentials,
					logFile,
				},
				null,
				2,
			),
		);
		process.env.TELCO_IOT_E2E_FACTS = factsFile;
		log(`ready (${elapsed()})`);
	} catch (error) {
		if (running.logFile && existsSync(running.logFile))
			log(
				`n8n log (last lines):\n${readFileSync(running.logFile, 'utf8').split('\n').slice(-40).join('\n')}`,
			);
		const { default: globalTeardown } = await import('./global-teardown.mjs');
		await globalTeardown();
		throw error;
	}
}
