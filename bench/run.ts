/**
 * `npm run bench`: runs every benchmark of issue 8 in turn, each in a fresh Node process (with --expose-gc
 * for the memory one), then prints the machine and a summary table of their verdicts. `node
 * .build/bench/run.js rateLimit mqttIngest` runs only the named ones; options (`--cpu-prof`) go to each.
 * Benchmarks 3 and 7 need a real n8n: one server is started for both, after the in-process benchmarks, so
 * that it does not load the machine while those run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

import type { StartedN8n } from './support/n8nServer';
import { startBenchN8n, writeFacts } from './support/n8nServer';
import type { BenchResult } from './support/report';
import { loadAverage, megabytes, table } from './support/report';

const benchmarks = [
	'overhead',
	'campaignOverhead',
	'concurrency',
	'rateLimit',
	'bulk',
	'memory',
	'httpRequestNode',
	'mqttIngest',
];
const needN8n = ['httpRequestNode', 'mqttIngest'];

/** "3. vs HTTP Request node" → 3: the summary follows the issue's numbering. */
const issueNumber = (result: BenchResult) => Number.parseInt(result.name, 10);

async function main(): Promise<number> {
	const only = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
	const options = process.argv.slice(2).filter((argument) => argument.startsWith('--'));
	const chosen = only.length > 0 ? benchmarks.filter((name) => only.includes(name)) : benchmarks;
	const folder = mkdtempSync(join(tmpdir(), 'n8n-telco-iot-bench-'));
	const results: BenchResult[] = [];
	const failed: string[] = [];
	const machine = `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${megabytes(totalmem())} memory (${megabytes(freemem())} free), Node ${process.version}`;
	console.log(`Machine: ${machine}\nLoad average at start: ${loadAverage()}\n`);
	const started = Date.now();
	let n8n: StartedN8n | undefined;
	let factsFile: string | undefined;
	try {
		for (const name of chosen) {
			if (needN8n.includes(name) && !n8n) {
				console.log(
					`\n=== starting n8n for ${chosen.filter((one) => needN8n.includes(one)).join(', ')} ===\n`,
				);
				n8n = await startBenchN8n();
				factsFile = writeFacts(folder, n8n.facts);
			}
			console.log(`\n=== ${name} (load average ${loadAverage()}) ===\n`);
			const resultFile = join(folder, `${name}.json`);
			// Benchmarks never ship; a process of their own keeps each one's memory and module state apart.
			const child = spawnSync(
				process.execPath,
				['--expose-gc', join(__dirname, `${name}.js`), ...options],
				{
					stdio: 'inherit',
					env: {
						...process.env,
						BENCH_RESULT: resultFile,
						N8N_USER_FOLDER: folder,
						N8N_DIAGNOSTICS_ENABLED: 'false',
						...(factsFile ? { BENCH_N8N_FACTS: factsFile } : {}),
					},
				},
			);
			if (child.status !== 0) {
				failed.push(name);
				continue;
			}
			results.push(JSON.parse(readFileSync(resultFile, 'utf8')) as BenchResult);
		}
	} finally {
		await n8n?.stop();
		rmSync(folder, { recursive: true, force: true });
	}
	results.sort((a, b) => issueNumber(a) - issueNumber(b));

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
	if (n8n)
		console.log(
			`\nn8n 2.41.1 for 3 and 7: packed, installed and ready in ${Math.round(n8n.startSeconds)} s`,
		);
	if (failed.length > 0) console.log(`\nFailed to run: ${failed.join(', ')}`);
	return failed.length > 0 ? 1 : 0;
}

main().then(
	(code) => (process.exitCode = code),
	(error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	},
);
