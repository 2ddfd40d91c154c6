#!/usr/bin/env node
// `npm start`: n8n with both packages installed as users install them, the provider sandbox, an owner account,
// sandbox credentials and the example workflows, on http://127.0.0.1:5678. Ctrl-C stops everything.
// Data lives in .cache/demo (git-ignored) and survives restarts; delete that folder to start over.
// Run it under Node 24 (`npm start` does, through with-node24.mjs).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join, relative } from 'node:path';

import { ensureN8n, selectedVersion } from './ensure-n8n.mjs';
import {
	ensureDataTables,
	exampleWorkflows,
	importWorkflow,
	packageNodeTypes,
	sandboxCredentials,
	upsertCredential,
} from './examples.mjs';
import {
	N8nClient,
	installPackages,
	packPackages,
	packageCredentialTypes,
	packages,
	root,
	run,
	startN8n,
	waitForReady,
} from './n8n-server.mjs';
import { loadSandbox, startEachEmulator } from './sandbox-build.mjs';

export const demoOwner = {
	email: 'demo@example.com',
	password: 'Demo-n8n-1',
	firstName: 'Demo',
	lastName: 'User',
};
const port = 5678;
const brokerPort = 5679;
/** Fixed sandbox ports, so a credential or a curl command written down keeps working. */
const sandboxPorts = {
	hologram: 4101,
	hoiio: 4102,
	vumiGo: 4103,
	syniverseScg: 4104,
	smartLiving: 4105,
};
// The SmartLiving emulator's MQTT broker reads its port from the environment.
process.env.SANDBOX_SMARTLIVING_MQTT_PORT ??= '4106';

const demoFolder = join(root, '.cache', 'demo');
const stateFile = join(demoFolder, 'demo-state.json');
const logFile = join(demoFolder, 'n8n.log');
const started = Date.now();

function log(message) {
	const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
	process.stdout.write(`[start ${seconds} s] ${message}\n`);
}

function portInUse(candidate) {
	return new Promise((resolve) => {
		const socket = createConnection({ port: candidate, host: '127.0.0.1' });
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});
}

function readState() {
	return existsSync(stateFile)
		? JSON.parse(readFileSync(stateFile, 'utf8'))
		: { credentials: {}, workflows: {} };
}

async function main() {
	for (const candidate of [port, brokerPort]) {
		if (await portInUse(candidate))
			throw new Error(`port ${candidate} is in use: is another n8n (or npm start) running?`);
	}
	await ensureN8n();
	log(`n8n ${selectedVersion} is installed`);

	await run('npm', ['run', '--silent', 'build']);
	const tarballs = await packPackages();
	// A fresh install every start, so the demo always runs what the working tree builds.
	for (const { json } of packages)
		rmSync(join(demoFolder, '.n8n', 'nodes', 'node_modules', json.name), {
			recursive: true,
			force: true,
		});
	await installPackages(demoFolder, tarballs);
	rmSync(dirname(tarballs[0]), { recursive: true, force: true });
	log(
		`built and installed ${packages.map(({ json }) => `${json.name} ${json.version}`).join(' and ')} into ${relative(root, demoFolder)}/.n8n/nodes`,
	);

	const sandboxLines = [];
	const sandbox = await startEachEmulator(loadSandbox(), sandboxPorts, (name, url, details) => {
		sandboxLines.push(`  ${name.padEnd(14)}${url}`);
		for (const [label, value] of Object.entries(details))
			sandboxLines.push(`  ${''.padEnd(14)}${label}: ${value}`);
	});
	for (const [name, reason] of Object.entries(sandbox.failures))
		log(`sandbox ${name} did not start: ${reason}`);
	log(`sandbox started: ${Object.keys(sandbox.urls).join(', ')}`);

	const firstStart = !existsSync(join(demoFolder, '.n8n', 'database.sqlite'));
	mkdirSync(demoFolder, { recursive: true });
	writeFileSync(logFile, '');
	const n8n = startN8n({ userFolder: demoFolder, port, brokerPort, output: logFile });
	let stopping = false;
	const stop = async (reason, code) => {
		if (stopping) return;
		stopping = true;
		log(`${reason}: stopping n8n and the sandbox`);
		await n8n.stop();
		await sandbox.close();
		log('stopped');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop('Ctrl-C', 0));
	process.on('SIGTERM', () => void stop('SIGTERM', 0));
	process.on('exit', () => n8n.killNow());
	n8n.exited.then(({ code, signal }) => {
		if (!stopping)
			void stop(`n8n exited (${signal ?? `code ${code}`}; see ${relative(root, logFile)})`, 1);
	});

	log(
		`starting n8n${firstStart ? ' with a new database (the first start takes longer)' : ''}; log: ${relative(root, logFile)}`,
	);
	let nextNote = 15_000;
	await waitForReady(n8n, {
		onWait: (elapsed) => {
			if (elapsed < nextNote) return;
			nextNote += 15_000;
			log(`  n8n is still starting (${Math.round(elapsed / 1000)} s) ...`);
		},
	});
	log(`n8n is ready at ${n8n.url}`);

	const client = new N8nClient(n8n.url);
	const state = readState();
	if (!(await client.login(demoOwner))) {
		await client.setupOwner(demoOwner);
		log(`created the owner ${demoOwner.email}`);
	}
	client.apiKey = state.apiKey;
	if (!(await client.apiKeyWorks())) state.apiKey = await client.createApiKey('npm start');

	const { credentials, skipped: skippedCredentials } = sandboxCredentials(
		packageCredentialTypes(),
		sandbox.urls,
	);
	for (const credential of credentials) {
		const id = await upsertCredential(client, credential, state.credentials[credential.type]?.id);
		state.credentials[credential.type] = { id, name: credential.name };
	}
	// The campaign examples keep their recipients in n8n Data Tables, made (and seeded) on the first start.
	// n8n 1.123's Data Tables broke its SQLite database in our tests (README, n8n versions): not on 1.x.
	const withDataTables = Number(selectedVersion.split('.')[0]) >= 2;
	const dataTables = withDataTables ? await ensureDataTables(client) : {};
	const found = exampleWorkflows(packageNodeTypes());
	const usesDataTables = ({ workflow }) => JSON.stringify(workflow).includes('${dataTable.');
	const workflows = found.workflows.filter((example) => withDataTables || !usesDataTables(example));
	const skippedWorkflows = [
		...found.skipped,
		...found.workflows
			.filter((example) => !workflows.includes(example))
			.map(({ file }) => `${file}: its Data Tables need n8n 2.x`),
	];
	const imported = [];
	for (const { file, workflow } of workflows) {
		if (state.workflows[file]) continue; // Imported on an earlier start; the user may have changed it since.
		state.workflows[file] = await importWorkflow(client, workflow, state.credentials, dataTables);
		imported.push(file);
	}
	writeFileSync(stateFile, JSON.stringify(state, null, 2));
	for (const note of [...skippedCredentials, ...skippedWorkflows]) log(`skipped ${note}`);
	log(
		`credentials: ${credentials.map((credential) => credential.name).join(', ') || 'none'}; ` +
			`example workflows: ${imported.length} imported now, ${workflows.length - imported.length} from earlier starts`,
	);

	const hologram = sandbox.urls.hologram;
	process.stdout.write(
		[
			'',
			`n8n is running at ${n8n.url}  (ready in ${((Date.now() - started) / 1000).toFixed(0)} s)`,
			`  log in as ${demoOwner.email} / ${demoOwner.password}`,
			'',
			'Try first:',
			'  - Open the workflow "Hologram: device status API", or ask it from a terminal:',
			`      curl ${n8n.url}/webhook/hologram/devices`,
			`  - Pause a SIM:  curl -X POST -H 'content-type: application/json' -d '{"deviceId":3001}' ${n8n.url}/webhook/hologram/pause-sim`,
			'  - Create a workflow, add the Hologram node (credential "Hologram sandbox"), pick Device → Get Many,',
			'    and click Execute step.',
			hologram
				? `  - See what the sandbox holds: curl ${hologram.replace(/\/api\/1$/, '')}/__sandbox/state`
				: '',
			'',
			'Sandbox (local emulators of the provider APIs):',
			...sandboxLines,
			'',
			`Data: ${relative(root, demoFolder)} (kept between starts; delete it to start over). Ctrl-C stops everything.`,
			'',
		].join('\n'),
	);
}

main().catch((error) => {
	process.stderr.write(`[start] ${error.message}\n`);
	process.exit(1);
});
