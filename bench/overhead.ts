/**
 * 1. Overhead: 2,000 Hologram SMS sends through the node in n8n's engine vs a plain keep-alive HTTP client
 * sending the same requests at the same concurrency, against the emulator with no added latency.
 */
import './support/env';

import type { RecordedRequest } from '../sandbox';
import { runNode } from '../test/harness/n8n';
import {
	DEVICE_ID,
	expectAllSent,
	smsItems,
	smsSendParameters,
	startHologram,
} from './support/hologram';
import type { PlainRequest } from './support/plainClient';
import { sendPlain } from './support/plainClient';
import type { BenchResult } from './support/report';
import { fixed, median, runBenchmark, table, timed } from './support/report';

const SENDS = 2000;
const CONCURRENCY = 10;
const ROUNDS = 3;

async function main(): Promise<BenchResult> {
	const hologram = await startHologram();
	const { emulator } = hologram;
	const items = smsItems(SENDS);

	// Warm-up, and the node's own request as the emulator saw it: the plain client copies it.
	emulator.reset();
	expectAllSent(await hologram.send(items, { concurrency: CONCURRENCY }), emulator, SENDS);
	const template = emulator.requests[0];
	const plainRequest = plainRequestLike(template, emulator.url);
	const bodyOf = (index: number) =>
		Buffer.from(JSON.stringify({ deviceid: DEVICE_ID, body: items[index].text }));
	if (!bodyOf(0).equals(template.rawBody))
		throw new Error(`The plain body ${bodyOf(0).toString()} differs from the node's`);
	const requestFor = (index: number) => ({ ...plainRequest, body: bodyOf(index) });
	await sendPlain(SENDS, CONCURRENCY, requestFor);

	const nodeMs: number[] = [];
	const plainMs: number[] = [];
	const runNodeOnce = async () => {
		emulator.reset();
		const { ms, value } = await timed(
			async () => await hologram.send(items, { concurrency: CONCURRENCY }),
		);
		expectAllSent(value, emulator, SENDS);
		nodeMs.push(ms);
	};
	const runPlainOnce = async () => {
		emulator.reset();
		const { ms, value } = await timed(async () => await sendPlain(SENDS, CONCURRENCY, requestFor));
		if (value.statuses.get(200) !== SENDS || emulator.state.sentSms.length !== SENDS)
			throw new Error(`The plain client got ${JSON.stringify([...value.statuses])}`);
		plainMs.push(ms);
	};
	// Interleaved, alternating which goes first, so a change in the machine's load hits both.
	for (let round = 0; round < ROUNDS; round++) {
		if (round % 2 === 0) {
			await runPlainOnce();
			await runNodeOnce();
		} else {
			await runNodeOnce();
			await runPlainOnce();
		}
	}
	// Once each, to explain the gap: the node without per-item expressions, and a plain client that opens
	// a connection per request as n8n's HTTP helper does.
	emulator.reset();
	const fixedParameters = await timed(
		async () =>
			await runNode({
				node: 'hologram',
				parameters: {
					...smsSendParameters({ concurrency: CONCURRENCY }),
					deviceId: DEVICE_ID,
					message: 'Campaign message',
				},
				credentials: {
					hologramApi: {
						apiKey: emulator.apiKey,
						baseUrl: hologram.sandbox.urls.hologram as string,
					},
				},
				items: items.map(() => ({})),
			}),
	);
	expectAllSent(fixedParameters.value, emulator, SENDS);
	emulator.reset();
	const noKeepAlive = await timed(
		async () => await sendPlain(SENDS, CONCURRENCY, requestFor, false),
	);
	await hologram.sandbox.close();

	const perSecond = (ms: number) => (SENDS * 1000) / ms;
	const node = perSecond(median(nodeMs));
	const plain = perSecond(median(plainMs));
	const ratio = node / plain;
	console.log(
		`1. Overhead: ${SENDS} Hologram SMS → Send, concurrency ${CONCURRENCY}, no added latency, ${ROUNDS} rounds interleaved\n`,
	);
	console.log(
		table(
			['round', 'node (ms)', 'node sends/s', 'plain (ms)', 'plain sends/s'],
			nodeMs.map((ms, round) => [
				String(round + 1),
				fixed(ms, 0),
				fixed(perSecond(ms), 0),
				fixed(plainMs[round], 0),
				fixed(perSecond(plainMs[round]), 0),
			]),
		),
	);
	console.log(
		`\nonce each: node with fixed parameters (no expressions) ${fixed(perSecond(fixedParameters.ms), 0)} sends/s; plain client without keep-alive ${fixed(perSecond(noKeepAlive.ms), 0)} sends/s`,
	);
	console.log(
		`\nmedian: node ${fixed(node, 0)} sends/s, plain ${fixed(plain, 0)} sends/s: ${fixed(ratio, 2)}×`,
	);
	return {
		name: '1. Overhead',
		subject: `node ${fixed(node, 0)} sends/s`,
		baseline: `plain keep-alive client ${fixed(plain, 0)} sends/s`,
		ratio: `${fixed(ratio, 2)}× plain throughput`,
		target: '≥ 0.5×',
		held: ratio >= 0.5,
		note: `${SENDS} sends at concurrency ${CONCURRENCY}, median of ${ROUNDS} interleaved rounds; once each: node without expressions ${fixed(perSecond(fixedParameters.ms), 0)}/s, plain without keep-alive ${fixed(perSecond(noKeepAlive.ms), 0)}/s`,
	};
}

/** Method, URL and headers of the node's request, minus what the plain client sets itself. */
function plainRequestLike(recorded: RecordedRequest, emulatorUrl: string): PlainRequest {
	const skip = new Set(['host', 'connection', 'content-length', 'transfer-encoding']);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(recorded.headers))
		if (!skip.has(name)) headers[name] = value;
	return { method: recorded.method, url: new URL(recorded.path, emulatorUrl), headers };
}

runBenchmark(main);
