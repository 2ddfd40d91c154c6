#!/usr/bin/env node
// Installs a pinned n8n server once into .cache/ (git-ignored; the package does not depend on it), for
// `npm start` and the end-to-end tests, and checks before every use that its database driver loads.
// Dependency-free; run it under Node 24 (see with-node24.mjs).
//   node scripts/ensure-n8n.mjs [version]     prints the path of the n8n executable
// The version is N8N_VERSION unless given, or set in TELCO_IOT_N8N_VERSION (CI runs the e2e suite on both).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The n8n the demo and the tests run by default. */
export const N8N_VERSION = '2.41.1';
/** The newest n8n 1.x that installs here: the oldest line the package is tested on. */
export const N8N_1X_VERSION = '1.123.81';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The version this process runs: TELCO_IOT_N8N_VERSION when set, otherwise N8N_VERSION. */
export const selectedVersion = process.env.TELCO_IOT_N8N_VERSION || N8N_VERSION;

export function n8nDirFor(version = selectedVersion) {
	return join(root, '.cache', `n8n-${version}`);
}
export function n8nBinFor(version = selectedVersion) {
	return join(n8nDirFor(version), 'node_modules', 'n8n', 'bin', 'n8n');
}
export const n8nDir = n8nDirFor();
export const n8nBin = n8nBinFor();

/**
 * npm 12 runs a dependency's install script only when the project's package.json allows it (earlier
 * versions only warn), so `npm rebuild sqlite3` would skip the driver's build in silence without this.
 */
const ALLOW_SCRIPTS = { sqlite3: true };

/**
 * What the install folder's package.json needs per version. n8n 1.x depends on an xlsx tarball on a host
 * these machines cannot reach; the same release from the npm registry replaces it.
 */
function runtimeManifest(version) {
	const manifest = { name: 'n8n-runtime', private: true, allowScripts: ALLOW_SCRIPTS };
	if (version.startsWith('1.')) manifest.overrides = { xlsx: '0.18.5' };
	return manifest;
}

/** An install made before the manifest allowed the driver's build gets the permission added. */
function allowDriverBuild(dir) {
	const file = join(dir, 'package.json');
	const manifest = JSON.parse(readFileSync(file, 'utf8'));
	manifest.allowScripts = { ...manifest.allowScripts, ...ALLOW_SCRIPTS };
	writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

function log(message) {
	process.stderr.write(`[n8n] ${message}\n`);
}

/**
 * The environment for npm inside the install folder. Under `npm run`, npm hands the project's .npmrc
 * settings (ignore-scripts=true) to children as npm_config_* variables; they must not reach this install,
 * whose sqlite3 build is an install script.
 */
function npmEnvironment() {
	const env = {};
	for (const [name, value] of Object.entries(process.env))
		if (name.toLowerCase() !== 'npm_config_ignore_scripts') env[name] = value;
	const headers = nodeHeadersDir();
	// Node 24's headers ship in the `node` package; node-gyp uses them instead of downloading any.
	if (headers) env.npm_config_nodedir = headers;
	return env;
}

/** Runs a command, showing a heartbeat so a 7-minute install does not look stuck. */
function run(command, args, options) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const keep = (chunk) => {
			output = (output + chunk.toString()).slice(-20_000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const heartbeat = setInterval(() => {
			const seconds = Math.round((Date.now() - started) / 1000);
			log(`  still working (${seconds} s) ...`);
		}, 30_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearInterval(heartbeat);
			if (code === 0) resolve(output);
			else reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output}`));
		});
	});
}

function nodeHeadersDir() {
	const candidates = [
		join(dirname(process.execPath), '..'),
		join(dirname(process.execPath), '..', 'node_modules', `node-${process.platform}-${process.arch}`),
	];
	return candidates.find((dir) => existsSync(join(dir, 'include', 'node', 'node_api.h')));
}

/**
 * Opens an in-memory database with the install's own sqlite3, under the Node that will run n8n. Returns
 * undefined when it works, otherwise what went wrong.
 */
export function sqliteDriverProblem(version = selectedVersion) {
	const dir = n8nDirFor(version);
	const probe = `
		const sqlite3 = require(require.resolve('sqlite3', { paths: [require.resolve('n8n/package.json')] }));
		const db = new sqlite3.Database(':memory:');
		db.get('select 1 as one', (error, row) => {
			if (error || row.one !== 1) { console.error(error ? error.message : 'wrong answer'); process.exit(1); }
			db.close(() => process.exit(0));
		});`;
	const result = spawnSync(process.execPath, ['-e', probe], { cwd: dir, encoding: 'utf8' });
	if (result.status === 0) return undefined;
	const lines = (result.stderr || result.error?.message || `exit ${result.status}`).trim().split('\n');
	return (lines.find((line) => /Error\b/.test(line)) ?? lines[0]).trim();
}

async function buildSqliteDriver(version) {
	log('building sqlite3 (the database driver) for this Node');
	allowDriverBuild(n8nDirFor(version));
	await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
		cwd: n8nDirFor(version),
		env: npmEnvironment(),
	});
}

async function install(version) {
	const dir = n8nDirFor(version);
	// The folder may be a link to a cache outside the clone (CI): empty it, keep the link.
	mkdirSync(dir, { recursive: true });
	for (const stale of ['node_modules', 'package-lock.json'])
		rmSync(join(dir, stale), { recursive: true, force: true });
	writeFileSync(join(dir, 'package.json'), JSON.stringify(runtimeManifest(version), null, 2));
	log(`installing n8n ${version} into ${dir} (once; about 7 minutes and 2.9 GB)`);
	// Install scripts are skipped: one of them (a Kafka client) would download zlib, which fails offline.
	await run(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${version}`],
		{ cwd: dir, env: npmEnvironment() },
	);
}

/**
 * Makes sure n8n `version` is installed and its database driver loads under this Node; installs or
 * repairs it when not, and fails with what to do when the repair does not help. The `.installed` marker is
 * written only after the driver check passed.
 */
export async function ensureN8n(version = selectedVersion) {
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 24)
		throw new Error(`n8n ${version} is run here on Node.js 24; this is ${process.versions.node}`);
	const dir = n8nDirFor(version);
	const bin = n8nBinFor(version);
	const readyMarker = join(dir, '.installed');
	const started = Date.now();
	if (!existsSync(readyMarker) || !existsSync(bin)) {
		rmSync(readyMarker, { force: true });
		await install(version);
		await buildSqliteDriver(version);
	}
	let problem = sqliteDriverProblem(version);
	if (problem) {
		rmSync(readyMarker, { force: true });
		log(`the database driver does not load (${problem}); rebuilding it`);
		await buildSqliteDriver(version);
		problem = sqliteDriverProblem(version);
	}
	if (problem)
		throw new Error(
			`n8n ${version}'s database driver (sqlite3) does not load: ${problem}. It is compiled with ` +
				`python3, make and g++; install those, then delete ${dir} and run the command again.`,
		);
	if (!existsSync(readyMarker)) {
		writeFileSync(readyMarker, new Date().toISOString());
		log(`n8n ${version} is ready in ${Math.round((Date.now() - started) / 1000)} s`);
	}
	return bin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	ensureN8n(process.argv[2]).then(
		(bin) => process.stdout.write(`${bin}\n`),
		(error) => {
			log(error.message);
			process.exit(1);
		},
	);
}
