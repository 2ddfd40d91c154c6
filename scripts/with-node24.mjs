#!/usr/bin/env node
// Runs an npm script under Node.js 24, which n8n 2.x needs, on a machine whose own Node is older.
// Dependency-free on purpose: it is what makes the dependencies installable in the first place.
//   node scripts/with-node24.mjs <npm script> [args...]
// 1. When the running Node is older than 24, installs the `node@24` package from the npm registry into
//    .tools/node24 (git-ignored) once, and puts its bin folder first on PATH.
// 2. Runs `npm ci` when node_modules is missing or older than package-lock.json.
// 3. Runs `npm run <script>` with that PATH.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [script, ...args] = process.argv.slice(2);
if (!script) {
	process.stderr.write('usage: node scripts/with-node24.mjs <npm script> [args...]\n');
	process.exit(2);
}

function run(command, commandArgs, env) {
	const result = spawnSync(command, commandArgs, { cwd: root, env, stdio: 'inherit' });
	if (result.error) throw result.error;
	return result.status ?? 1;
}

function log(message) {
	process.stderr.write(`[with-node24] ${message}\n`);
}

const env = { ...process.env };
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
	const toolsDir = join(root, '.tools', 'node24');
	const binDir = join(toolsDir, 'node_modules', 'node', 'bin');
	if (!existsSync(join(binDir, 'node'))) {
		log(
			`Node ${process.versions.node} is too old for n8n 2.x: installing node@24 into .tools/node24 (once)`,
		);
		mkdirSync(toolsDir, { recursive: true });
		// The project's .npmrc skips install scripts, but the `node` package sets up its binary in one;
		// npm 12 runs it only when the package.json of the folder installed into allows it.
		writeFileSync(
			join(toolsDir, 'package.json'),
			`${JSON.stringify({ name: 'node24', private: true, allowScripts: { node: true } }, null, 2)}\n`,
		);
		const status = run(
			'npm',
			[
				'install',
				'--prefix',
				toolsDir,
				'--ignore-scripts=false',
				'--no-save',
				'--no-audit',
				'--no-fund',
				'node@24',
			],
			env,
		);
		if (status !== 0 || !existsSync(join(binDir, 'node'))) {
			log('could not install node@24 from the npm registry');
			process.exit(status || 1);
		}
	}
	env.PATH = `${binDir}${delimiter}${env.PATH ?? ''}`;
}

const lockFile = join(root, 'package-lock.json');
const installedMarker = join(root, 'node_modules', '.package-lock.json');
const needsInstall =
	!existsSync(installedMarker) ||
	(existsSync(lockFile) && statSync(lockFile).mtimeMs > statSync(installedMarker).mtimeMs);
if (needsInstall) {
	log('installing dependencies (npm ci)');
	const status = run('npm', ['ci', '--no-audit', '--no-fund'], env);
	if (status !== 0) process.exit(status);
}

// Ctrl-C reaches the whole foreground process group: let the script (npm start stops n8n and the sandbox)
// finish its own shutdown instead of returning the prompt while it is still printing.
process.on('SIGINT', () => {});
process.exit(run('npm', ['run', '--silent', script, '--', ...args], env));
