#!/usr/bin/env node
// Installs the pinned n8n server once into .cache/ (git-ignored; the package does not depend on it),
// for `npm start` and the end-to-end tests. Dependency-free; run it under Node 24 (see with-node24.mjs).
//   node scripts/ensure-n8n.mjs        prints the path of the n8n executable
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '2.41.1';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const n8nDir = join(root, '.cache', `n8n-${N8N_VERSION}`);
export const n8nBin = join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
const readyMarker = join(n8nDir, '.installed');

function log(message) {
	process.stderr.write(`[n8n] ${message}\n`);
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
			if (code === 0) resolve();
			else reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output}`));
		});
	});
}

/** Node 24's headers ship in the `node` package; node-gyp uses them instead of downloading any. */
function nodeHeadersDir() {
	const candidates = [
		join(dirname(process.execPath), '..'),
		join(
			dirname(process.execPath),
			'..',
			'node_modules',
			`node-${process.platform}-${process.arch}`,
		),
	];
	return candidates.find((dir) => existsSync(join(dir, 'include', 'node', 'node_api.h')));
}

export async function ensureN8n() {
	if (existsSync(readyMarker) && existsSync(n8nBin)) return n8nBin;
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 24)
		throw new Error(`n8n ${N8N_VERSION} needs Node.js 24; this is ${process.versions.node}`);
	mkdirSync(n8nDir, { recursive: true });
	writeFileSync(
		join(n8nDir, 'package.json'),
		JSON.stringify({ name: 'n8n-runtime', private: true }, null, 2),
	);
	const started = Date.now();
	log(`installing n8n ${N8N_VERSION} into ${n8nDir} (once; about 7 minutes and 2.9 GB)`);
	// Install scripts are skipped: one of them (a Kafka client) would download zlib, which fails offline.
	await run(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${N8N_VERSION}`],
		{ cwd: n8nDir },
	);
	log('building sqlite3 for Node 24');
	const env = { ...process.env };
	const headers = nodeHeadersDir();
	if (headers) env.npm_config_nodedir = headers;
	await run('npm', ['rebuild', 'sqlite3'], { cwd: n8nDir, env });
	writeFileSync(readyMarker, new Date().toISOString());
	log(`n8n ${N8N_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return n8nBin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	ensureN8n().then(
		(bin) => process.stdout.write(`${bin}\n`),
		(error) => {
			log(error.message);
			process.exit(1);
		},
	);
}
