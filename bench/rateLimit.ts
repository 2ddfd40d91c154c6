/**
 * 4. Rate-limit accuracy: 200 Hologram SMS sends with the node's rate limit at R = 20 per second, through a
 * proxy that enforces R (sliding one-second window, 429 with Retry-After), vs the same run without the limit.
 */
import './support/env';

import { smsItems, startHologram } from './support/hologram';
import { RateLimitProxy } from './support/rateLimitProxy';
import type { BenchResult } from './support/report';
import { fixed, runBenchmark, table, timed } from './support/report';

const RATE = 20;
const SENDS = 200;
const CONCURRENCY = 5;

async function main(): Promise<BenchResult> {
	const hologram = await startHologram();
	const emulatorUrl = new URL(hologram.emulator.url);
	const proxy = new RateLimitProxy(emulatorUrl, RATE);
	const baseUrl = `${await proxy.start()}${emulatorUrl.pathname}`;
	const items = smsItems(SENDS);

	const measure = async (rateLimit: number) => {
		// The window starts empty: the previous run's requests are more than a second old by now.
		await new Promise((resolve) => setTimeout(resolve, 1100));
		hologram.emulator.reset();
		proxy.reset();
		const { ms, value } = await timed(
			async () =>
				await hologram.send(
					items,
					{ concurrency: CONCURRENCY, ...(rateLimit > 0 ? { rateLimit } : {}) },
					{ baseUrl, continueOnFail: true },
				),
		);
		const failed = value.items.filter((item) => item.json.error !== undefined).length;
		return {
			ms,
			sent: hologram.emulator.state.sentSms.length,
			failed,
			rejected: proxy.rejected,
			rate: proxy.measuredRate(),
			busiest: proxy.busiestSecond(),
			shortest: proxy.shortestSpan(),
		};
	};
	await measure(RATE);
	const limited = await measure(RATE);
	const unlimited = await measure(0);
	// For the explanation: the same with the node's limit set 2% under what the provider enforces.
	const margin = await measure(RATE * 0.98);
	await proxy.close();
	await hologram.sandbox.close();

	console.log(
		`\n4. Rate limit: ${SENDS} Hologram SMS → Send at concurrency ${CONCURRENCY} through a proxy allowing ${RATE} requests/s\n`,
	);
	const row = (label: string, run: typeof limited) => [
		label,
		`${fixed(run.ms / 1000, 2)} s`,
		String(run.sent),
		String(run.failed),
		String(run.rejected),
		fixed(run.rate, 2),
		String(run.busiest),
		`${fixed(run.shortest, 1)} ms`,
	];
	console.log(
		table(
			[
				'run',
				'time',
				'sent',
				'failed items',
				'429s',
				'accepted/s (first→last)',
				'most accepted in 1 s',
				`shortest span of ${RATE + 1} arrivals`,
			],
			[
				row(`node, Rate Limit ${RATE}/s`, limited),
				row('node, no rate limit', unlimited),
				row(`node, Rate Limit ${RATE * 0.98}/s (2% under R)`, margin),
			],
		),
	);
	const deviation = Math.abs(limited.rate - RATE) / RATE;
	const held = deviation <= 0.05 && limited.rejected === 0 && limited.sent === SENDS;
	return {
		name: '4. Rate limit',
		subject: `limit ${RATE}/s: ${fixed(limited.rate, 2)}/s, ${limited.rejected} × 429, ${limited.sent}/${SENDS} sent`,
		baseline: `no limit: ${unlimited.rejected} × 429, ${unlimited.failed} items failed, ${fixed(unlimited.ms / 1000, 1)} s`,
		ratio: `rate ${fixed((100 * limited.rate) / RATE, 1)}% of R, ${limited.rejected} × 429 (vs ${unlimited.rejected})`,
		target: 'within 5% of R, 0 × 429',
		held,
		note: `time ${fixed(limited.ms / 1000, 2)} s with the limit vs ${fixed(unlimited.ms / 1000, 2)} s without; shortest span of ${RATE + 1} requests ${fixed(limited.shortest, 1)} ms; with the limit 2% under R: ${fixed(margin.rate, 2)}/s and ${margin.rejected} × 429`,
	};
}

runBenchmark(main);
