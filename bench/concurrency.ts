/**
 * 2. Concurrency: 1,000 Hologram SMS sends with 50 ms added latency per request, concurrency 20 vs 1; and the
 * sweep over 1, 5, 10 and 20 at 50 ms and at 0 ms that the default concurrency is chosen from. The emulator
 * runs in its own process, as the provider would be on its own machine.
 */
import './support/env';

import { smsItems, startHologramProcess, type RemoteHologram } from './support/hologram';
import type { BenchResult } from './support/report';
import { fixed, median, runBenchmark, table, timed } from './support/report';

const SENDS = 1000;
const LATENCY_MS = 50;
const LEVELS = [1, 5, 10, 20];

async function main(): Promise<BenchResult> {
	const hologram = await startHologramProcess();
	const items = smsItems(SENDS);
	await sendAll(hologram, items.slice(0, 100), 10, 0);

	// 20 before and after the long sequential run, so a change in load during it shows in both.
	const slow = new Map<number, number[]>();
	const record = (concurrency: number, ms: number) =>
		slow.set(concurrency, [...(slow.get(concurrency) ?? []), ms]);
	for (const concurrency of [20, 1, 20, 5, 10]) {
		const ms = await sendAll(hologram, items, concurrency, LATENCY_MS);
		record(concurrency, ms);
		console.log(`  ${LATENCY_MS} ms latency, concurrency ${concurrency}: ${fixed(ms, 0)} ms`);
	}
	const fast = new Map<number, number[]>();
	for (let round = 0; round < 2; round++) {
		for (const concurrency of LEVELS) {
			const ms = await sendAll(hologram, items, concurrency, 0);
			fast.set(concurrency, [...(fast.get(concurrency) ?? []), ms]);
		}
	}
	hologram.stop();

	const slowMs = (concurrency: number) => median(slow.get(concurrency) ?? []);
	const fastMs = (concurrency: number) => median(fast.get(concurrency) ?? []);
	const perSecond = (ms: number) => (SENDS * 1000) / ms;
	console.log(
		`\n2. Concurrency: ${SENDS} Hologram SMS → Send; time of the node run (median where repeated)\n`,
	);
	console.log(
		table(
			[
				'concurrency',
				`${LATENCY_MS} ms: time`,
				'sends/s',
				'vs 1',
				'of ideal',
				'0 ms: time',
				'sends/s',
				'vs 1',
			],
			LEVELS.map((concurrency) => {
				const ideal = (SENDS / concurrency) * LATENCY_MS;
				return [
					String(concurrency),
					`${fixed(slowMs(concurrency), 0)} ms`,
					fixed(perSecond(slowMs(concurrency)), 0),
					`${fixed(slowMs(1) / slowMs(concurrency), 1)}×`,
					`${fixed((100 * ideal) / slowMs(concurrency), 0)}%`,
					`${fixed(fastMs(concurrency), 0)} ms`,
					fixed(perSecond(fastMs(concurrency)), 0),
					`${fixed(fastMs(1) / fastMs(concurrency), 1)}×`,
				];
			}),
		),
	);
	console.log(
		`\n"of ideal": ${SENDS} / concurrency × ${LATENCY_MS} ms, the time if the node added nothing to the latency.`,
	);
	const speedup = slowMs(1) / slowMs(20);
	return {
		name: '2. Concurrency',
		subject: `concurrency 20: ${fixed(slowMs(20) / 1000, 2)} s`,
		baseline: `concurrency 1: ${fixed(slowMs(1) / 1000, 1)} s`,
		ratio: `${fixed(speedup, 1)}× faster`,
		target: '≥ 15×',
		held: speedup >= 15,
		note: `${SENDS} sends, ${LATENCY_MS} ms latency; 5: ${fixed(slowMs(1) / slowMs(5), 1)}×, 10: ${fixed(slowMs(1) / slowMs(10), 1)}×; at 0 ms 5/10/20 give ${[5, 10, 20].map((level) => `${fixed(fastMs(1) / fastMs(level), 1)}×`).join('/')} over 1`,
	};
}

async function sendAll(
	hologram: RemoteHologram,
	items: ReturnType<typeof smsItems>,
	concurrency: number,
	latencyMs: number,
): Promise<number> {
	await hologram.reset();
	if (latencyMs > 0) await hologram.addLatency(latencyMs);
	const { ms, value } = await timed(async () => await hologram.send(items, { concurrency }));
	// A fast wrong run proves nothing: every item must have been sent, once.
	if (value.error) throw value.error;
	const sent = await hologram.sentCount();
	if (value.items.length !== items.length || sent !== items.length)
		throw new Error(
			`Expected ${items.length} SMS, the node output ${value.items.length} and sent ${sent}`,
		);
	return ms;
}

runBenchmark(main);
