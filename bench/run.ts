/**
 * `npm run bench`: runs every in-process benchmark of issue 8 in turn, each in a fresh Node process (with
 * --expose-gc for the memory one), then prints the machine and a summary table of their verdicts.
 * Benchmarks 3 and 7 need a real n8n server and are not run here (see BENCHMARKS.md).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

import type { BenchResult } from './support/report';
import { loadAverage, megabytes, table } from './support/report';

const benchmarks = ['overhead', 'concurrency', 'rateLimit', 'bulk', 'memory'];

function main(): number {
	const only = process.argv.slice(2);
	const chosen = only.length > 0 ? benchmarks.filter((name) => only.includes(name)) : benchmarks;
	const folder = mkdtempSync(join(tmpdir(), 'n8n-telco-iot-bench-'));
	const results: BenchResult[] = [];
	const failed: string[] = [];
	const machine = `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${megabytes(totalmem())} memory (${megabytes(freemem())} free), Node ${process.version}`;
	console.log(`Machine: ${machine}\nLoad average at start: ${loadAverage()}\n`);
	const started = Date.now();
	try {
		for (const name of chosen) {
			console.log(`\n=== ${name} (load average ${loadAverage()}) ===\n`);
			const resultFile = join(folder, `${name}.json`);
			// Benchmarks never ship; a process of their own keeps each one's memory and module state apart.
			const child = spawnSync(process.execPath, ['--expose-gc', join(__dirname, `${name}.js`)], {
				stdio: 'inherit',
				env: {
					...process.env,
					BENCH_RESULT: resultFile,
					N8N_USER_FOLDER: folder,
					N8N_DIAGNOSTICS_ENABLED: 'false',
				},
			});
			if (child.status !== 0) {
				failed.push(name);
				continue;
			}
			results.push(JSON.parse(readFileSync(resultFile, 'utf8')) as BenchResult);
		}
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}

	console.log(`\n\n=== Summary (${Math.round((Date.now() - started) / 1000)} s) ===\n`);
	console.log(`Machine: ${machine}; load average at the end: ${loadAverage()}\n`);
	console.log(
		table(
			['benchmark', 'subject', 'baseline', 'ratio', 'target', 'held', 'load (1 min)'],
			results.map((result) => [
				result.name,
				result.subject,
				result.baseline,
				result.ratio,
				result.target,
				result.held ? 'yes' : 'NO',
				result.load ?? '',
			]),
		),
	);
	for (const result of results) if (result.note) console.log(`\n${result.name}: ${result.note}`);
	console.log(
		'\n3. (vs the HTTP Request node) and 7. (MQTT ingest) need a real n8n server: not run here.',
	);
	if (failed.length > 0) console.log(`\nFailed to run: ${failed.join(', ')}`);
	return failed.length > 0 ? 1 : 0;
}

process.exitCode = main();
