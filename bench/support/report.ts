import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

/** What one benchmark hands to the summary: its subject and baseline side by side, and the verdict. */
export interface BenchResult {
	name: string;
	subject: string;
	baseline: string;
	/** e.g. "0.62× plain throughput". */
	ratio: string;
	target: string;
	held: boolean;
	/** One line on why the target was missed, or anything the reader must know about the figures. */
	note?: string;
	/** Load average (1 min) when the benchmark started and ended. */
	load?: string;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const start = performance.now();
	const value = await work();
	return { ms: performance.now() - start, value };
}

export function fixed(value: number, digits = 1): string {
	return value.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
	});
}

export function megabytes(bytes: number): string {
	return `${fixed(bytes / 1024 / 1024)} MB`;
}

export function loadAverage(): string {
	return loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');
}

/** Columns padded to their widest cell, as a Markdown table. */
export function table(header: string[], rows: string[][]): string {
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
	);
	const line = (cells: string[]) =>
		`| ${cells.map((cell, column) => (cell ?? '').padEnd(widths[column])).join(' | ')} |`;
	return [
		line(header),
		line(widths.map((width) => '-'.repeat(width))),
		...rows.map((row) => line(row)),
	].join('\n');
}

/**
 * Runs one benchmark as a program: prints its verdict, hands the result to `npm run bench` through the
 * file named in BENCH_RESULT, and exits (emulators and agents hold no process open after this).
 */
export function runBenchmark(main: () => Promise<BenchResult>): void {
	const loadAtStart = loadavg()[0].toFixed(2);
	main()
		.then((result) => {
			const complete = { ...result, load: `${loadAtStart} → ${loadavg()[0].toFixed(2)}` };
			console.log(
				`\n${complete.name}: ${complete.ratio} (target ${complete.target}): ${complete.held ? 'HELD' : 'MISSED'}`,
			);
			if (complete.note) console.log(`  ${complete.note}`);
			console.log(`  load average ${complete.load}`);
			if (process.env.BENCH_RESULT)
				writeFileSync(process.env.BENCH_RESULT, JSON.stringify(complete));
			process.exit(0);
		})
		.catch((error: unknown) => {
			console.error(error);
			process.exit(1);
		});
}
