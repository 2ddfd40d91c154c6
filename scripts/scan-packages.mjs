// n8n's community-package scanner (@n8n/scan-community-package), run here as n8n runs it before verifying a
// package for n8n Cloud: on the source (the files `n8n-node lint` covers) and on the packed tarball (compiled
// .js and package.json). Its CLI also checks npm provenance and downloads both from the registry; that part
// needs a published version, so this script packs and reads the local checkout instead.
//   node scripts/scan-packages.mjs      (after npm run build)
// Fails when the main package has any error, or the MQTT companion has an error other than the ones that
// forbid the `mqtt` dependency it exists for (see isMqttDependencyFinding).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import {
	analyzePackage,
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';
import { ESLint } from 'eslint';
import glob from 'fast-glob';

import { packedPackage, publishedPackages } from './packages.mjs';

/** What the scanner's CLI lints in the tarball it downloads (analyzePackageByName in scanner.mjs). */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
const MQTT_IMPORT = /^(Import|Require|Dynamic import) of 'mqtt(\/[^']*)?' is not allowed\./;

/**
 * The companion's findings that only say "this package depends on mqtt", which is why it is a package of its
 * own: its package.json `dependencies` (and nothing but `mqtt` in them), and importing or requiring `mqtt`.
 */
function isMqttDependencyFinding(finding, packageJson) {
	if (finding.ruleId === '@n8n/community-nodes/no-runtime-dependencies') {
		return (
			finding.file === 'package.json' &&
			Object.keys(packageJson.dependencies ?? {}).join() === 'mqtt'
		);
	}
	return (
		finding.ruleId === '@n8n/community-nodes/no-restricted-imports' &&
		MQTT_IMPORT.test(finding.message)
	);
}

/**
 * The scanner's findings in `dir`, one entry per message. analyzePackage only answers passed/failed with a
 * printed report of errors, so the same lint (same ESLint options, config and file list) runs once more
 * for the list; the two must agree on the verdict.
 */
async function scan(dir, patterns) {
	const verdict = await analyzePackage(dir, patterns);
	if (verdict.error) throw verdict.error;
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = files.length > 0 ? await eslint.lintFiles(files) : [];
	const findings = results.flatMap((result) =>
		result.messages.map((message) => ({
			file: relative(dir, result.filePath),
			line: message.line,
			column: message.column,
			severity: message.severity === 2 ? 'error' : 'warning',
			ruleId: message.ruleId ?? '(parser)',
			message: message.message,
		})),
	);
	const errors = findings.filter((finding) => finding.severity === 'error').length;
	if (verdict.passed !== (errors === 0)) {
		throw new Error(
			`analyzePackage says ${verdict.passed ? 'passed' : 'failed'} but the same lint found ${errors} errors in ${dir}`,
		);
	}
	return findings;
}

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.error) throw result.error;
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stderr}`);
	}
	return result.stdout;
}

/** `npm pack` of the package, unpacked into a folder of `workDir` as the scanner unpacks a download. */
function packAndUnpack(dir, workDir) {
	const packed = packedPackage(run('npm', ['pack', '--json', '--pack-destination', workDir], dir));
	const unpacked = join(workDir, 'package');
	mkdirSync(unpacked);
	run('tar', ['-xzf', packed.filename, '-C', unpacked, '--strip-components=1'], workDir);
	return { unpacked, tarball: packed.filename, files: packed.files.map((file) => file.path) };
}

function report(label, findings, allowed) {
	const errors = findings.filter((finding) => finding.severity === 'error');
	const warnings = findings.length - errors.length;
	const allowedErrors = errors.filter(allowed).length;
	process.stdout.write(
		`  ${label}: ${errors.length} errors${allowedErrors ? ` (${allowedErrors} for the mqtt dependency)` : ''}, ${warnings} warnings\n`,
	);
	for (const finding of findings) {
		const note = finding.severity === 'error' && allowed(finding) ? '  [mqtt dependency]' : '';
		process.stdout.write(
			`    ${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.message}  ${finding.ruleId}${note}\n`,
		);
	}
	return errors.length - allowedErrors;
}

let blocking = 0;
for (const { dir, companion, packageJson } of publishedPackages()) {
	const label = `${packageJson.name}@${packageJson.version}`;
	const allowed = companion
		? (finding) => isMqttDependencyFinding(finding, packageJson)
		: () => false;
	process.stdout.write(`\n[scan] ${label}${companion ? ' (MQTT companion)' : ''}\n`);
	const workDir = mkdtempSync(join(tmpdir(), 'scan-packages-'));
	try {
		const { unpacked, files } = packAndUnpack(dir, workDir);
		if (!files.some((file) => file.startsWith('dist/'))) {
			throw new Error(`${label}: the tarball has no dist/; run npm run build first`);
		}
		blocking += report('source', await scan(dir, SOURCE_FILE_PATTERNS), allowed);
		blocking += report('tarball', await scan(unpacked, TARBALL_FILE_PATTERNS), allowed);
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
}
if (blocking > 0) {
	process.stderr.write(
		`\n[scan] ${blocking} errors would stop n8n from verifying the package(s)\n`,
	);
	process.exit(1);
}
process.stdout.write('\n[scan] passed\n');
