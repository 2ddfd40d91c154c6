/**
 * 1. Overhead: 2,000 Hologram SMS sends through this package's node in n8n's engine, against two baselines in
 * the same process and the same run: n8n's own HTTP Request node (n8n-nodes-base 2.41.1, the Hologram credential
 * as its predefined credential type), what a user would use instead, sending the same requests; and a plain
 * keep-alive HTTP client sending them at the same concurrency, the limit. Emulator with no added latency.
 * Then each node's CPU time per item, the emulator in a process of its own (less at the mercy of the load).
 *
 * `node .build/bench/overhead.js --cpu-prof` (or `node .build/bench/run.js overhead --cpu-prof`) adds a CPU
 * profile of one run of each node against the emulator in a process of its own, summarised by code.
 */
import './support/env';

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { RecordedRequest } from '../sandbox';
import { runNode } from '../test/harness/n8n';
import { reportProfile, profiled } from './support/cpuProfile';
import {
	DEVICE_ID,
	expectAllSent,
	smsItems,
	smsSendParameters,
	startHologram,
	startHologramProcess,
} from './support/hologram';
import { loadHttpRequestPeer } from './support/httpRequestPeer';
import type { PlainRequest } from './support/plainClient';
import { sendPlain } from './support/plainClient';
import type { BenchResult } from './support/report';
import { fixed, median, runBenchmark, table, timed } from './support/report';

const SENDS = 2000;
const CONCURRENCY = 10;
const ROUNDS = 5;
/** Runs of each node whose CPU time is measured (after one to warm up). */
const CPU_ROUNDS = 3;
/** Issue 17's targets: at least 1.5× n8n's HTTP Request node and 0.3× the plain client. */
const TARGET_VS_PEER = 1.5;
const TARGET_VS_PLAIN = 0.3;

type Subject = 'node' | 'peer' | 'plain';

async function main(): Promise<BenchResult> {
	const hologram = await startHologram();
	const { emulator } = hologram;
	const target = { baseUrl: hologram.sandbox.urls.hologram as string, apiKey: emulator.apiKey };
	const items = smsItems(SENDS);
	const peer = await loadHttpRequestPeer();

	// Warm-up, and each node's request as the emulator saw it: the plain client copies ours, and the HTTP
	// Request node must send the same method, path, body and credentials.
	emulator.reset();
	expectAllSent(await hologram.send(items, { concurrency: CONCURRENCY }), emulator, SENDS);
	const template = emulator.requests[0];
	emulator.reset();
	expectAllSent(await peer.send(items, target), emulator, SENDS);
	const peerHeaders = sameRequest(template, emulator.requests[0]);
	const plainRequest = plainRequestLike(template, emulator.url);
	const bodyOf = (index: number) =>
		Buffer.from(JSON.stringify({ deviceid: DEVICE_ID, body: items[index].text }));
	if (!bodyOf(0).equals(template.rawBody))
		throw new Error(`The plain body ${bodyOf(0).toString()} differs from the node's`);
	const requestFor = (index: number) => ({ ...plainRequest, body: bodyOf(index) });
	await sendPlain(SENDS, CONCURRENCY, requestFor);

	const times: Record<Subject, number[]> = { node: [], peer: [], plain: [] };
	const runOnce: Record<Subject, () => Promise<void>> = {
		node: async () => {
			emulator.reset();
			const { ms, value } = await timed(
				async () => await hologram.send(items, { concurrency: CONCURRENCY }),
			);
			expectAllSent(value, emulator, SENDS);
			times.node.push(ms);
		},
		peer: async () => {
			emulator.reset();
			const { ms, value } = await timed(async () => await peer.send(items, target));
			expectAllSent(value, emulator, SENDS);
			times.peer.push(ms);
		},
		plain: async () => {
			emulator.reset();
			const { ms, value } = await timed(
				async () => await sendPlain(SENDS, CONCURRENCY, requestFor),
			);
			if (value.statuses.get(200) !== SENDS || emulator.state.sentSms.length !== SENDS)
				throw new Error(`The plain client got ${JSON.stringify([...value.statuses])}`);
			times.plain.push(ms);
		},
	};
	// Interleaved, each round starting with another one, so a change in the machine's load hits all three.
	const order: Subject[] = ['plain', 'node', 'peer'];
	for (let round = 0; round < ROUNDS; round++)
		for (let turn = 0; turn < order.length; turn++) await runOnce[order[(round + turn) % 3]]();

	// Once each, to explain the gaps: the node without per-item expressions, the node with as many requests
	// in flight as it allows, and a plain client that opens a connection per request as n8n's helper does.
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
				credentials: { hologramApi: target },
				items: items.map(() => ({})),
			}),
	);
	expectAllSent(fixedParameters.value, emulator, SENDS);
	emulator.reset();
	const widest = await timed(async () => await hologram.send(items, { concurrency: 100 }));
	expectAllSent(widest.value, emulator, SENDS);
	emulator.reset();
	const noKeepAlive = await timed(
		async () => await sendPlain(SENDS, CONCURRENCY, requestFor, false),
	);
	await hologram.sandbox.close();

	const perSecond = (ms: number) => (SENDS * 1000) / ms;
	const node = perSecond(median(times.node));
	const httpRequest = perSecond(median(times.peer));
	const plain = perSecond(median(times.plain));
	const vsPeer = node / httpRequest;
	const vsPlain = node / plain;
	console.log(
		`1. Overhead: ${SENDS} Hologram SMS → Send, no added latency, ${ROUNDS} rounds interleaved; this node at concurrency ${CONCURRENCY} (its default), n8n's HTTP Request node ${peer.version} (n8n-nodes-base ${peer.packageVersion}) without batching (every request in flight at once: it has no limit, batching only spaces the starts), plain client at concurrency ${CONCURRENCY}\n`,
	);
	console.log(
		`HTTP Request node's request: same method, path, body and Basic auth as the node's; other headers ${peerHeaders}\n`,
	);
	console.log(
		table(
			[
				'round',
				'node (ms)',
				'node sends/s',
				'HTTP Request (ms)',
				'HTTP Request sends/s',
				'plain (ms)',
				'plain sends/s',
			],
			times.node.map((ms, round) => [
				String(round + 1),
				fixed(ms, 0),
				fixed(perSecond(ms), 0),
				fixed(times.peer[round], 0),
				fixed(perSecond(times.peer[round]), 0),
				fixed(times.plain[round], 0),
				fixed(perSecond(times.plain[round]), 0),
			]),
		),
	);
	const once = `node with fixed parameters (no expressions) ${fixed(perSecond(fixedParameters.ms), 0)}/s; node at concurrency 100 ${fixed(perSecond(widest.ms), 0)}/s; plain client without keep-alive ${fixed(perSecond(noKeepAlive.ms), 0)}/s`;
	console.log(`\nonce each: ${once}`);
	const verdict = (ratio: number, target: number) =>
		`${fixed(ratio, 2)}× (target ≥ ${target}×: ${ratio >= target ? 'held' : 'missed'})`;
	console.log(
		`\nmedian: node ${fixed(node, 0)} sends/s, HTTP Request node ${fixed(httpRequest, 0)} sends/s, plain ${fixed(plain, 0)} sends/s: ${verdict(vsPeer, TARGET_VS_PEER)} the HTTP Request node, ${verdict(vsPlain, TARGET_VS_PLAIN)} the plain client`,
	);
	// Within one round the three ran minutes apart at most: the spread shows how much the load moved them.
	const perRound = (other: number[]) =>
		times.node.map((ms, round) => `${fixed(other[round] / ms, 2)}×`).join(', ');
	console.log(
		`per round: node vs HTTP Request node ${perRound(times.peer)}; node vs plain ${perRound(times.plain)}`,
	);

	const cpu = await cpuPerItem(peer);
	const cpuLine = `CPU per item, emulator in its own process (median of ${CPU_ROUNDS}): node ${fixed(cpu.node, 0)} µs, HTTP Request node ${fixed(cpu.peer, 0)} µs, ${fixed(cpu.peer / cpu.node, 2)}× the node's`;
	console.log(`\n${cpuLine}`);
	if (process.argv.includes('--cpu-prof')) await profileBoth(peer);
	return {
		name: '1. Overhead',
		subject: `node ${fixed(node, 0)} sends/s`,
		baseline: `HTTP Request node ${fixed(httpRequest, 0)} sends/s; plain keep-alive client ${fixed(plain, 0)} sends/s`,
		ratio: `${verdict(vsPeer, TARGET_VS_PEER)} HTTP Request node, ${verdict(vsPlain, TARGET_VS_PLAIN)} plain`,
		target: `≥ ${TARGET_VS_PEER}× HTTP Request, ≥ ${TARGET_VS_PLAIN}× plain`,
		held: vsPeer >= TARGET_VS_PEER && vsPlain >= TARGET_VS_PLAIN,
		note: `${SENDS} sends, median of ${ROUNDS} interleaved rounds; node at concurrency ${CONCURRENCY}, HTTP Request node without batching (no in-flight limit), plain at ${CONCURRENCY}; once each: ${once}; ${cpuLine}`,
	};
}

/**
 * The checks behind "the same requests": method, path, body bytes and Authorization must match; the other
 * headers are n8n's own for each node (its HTTP helper's defaults), listed for the reader.
 */
function sameRequest(ours: RecordedRequest, theirs: RecordedRequest): string {
	const problems: string[] = [];
	if (ours.method !== theirs.method) problems.push(`method ${theirs.method}`);
	if (ours.path !== theirs.path) problems.push(`path ${theirs.path}`);
	if (!ours.rawBody.equals(theirs.rawBody)) problems.push(`body ${theirs.rawBody.toString()}`);
	if (ours.headers.authorization !== theirs.headers.authorization) problems.push('authorization');
	if (problems.length > 0)
		throw new Error(
			`The HTTP Request node's request differs from the node's: ${problems.join(', ')}`,
		);
	const ignore = new Set(['host', 'connection', 'content-length', 'authorization']);
	const names = new Set([...Object.keys(ours.headers), ...Object.keys(theirs.headers)]);
	const differing = [...names]
		.filter((name) => !ignore.has(name) && ours.headers[name] !== theirs.headers[name])
		.map(
			(name) =>
				`${name}: ${JSON.stringify(ours.headers[name] ?? null)} vs ${JSON.stringify(theirs.headers[name] ?? null)}`,
		);
	return differing.length === 0
		? 'identical too'
		: `differ (node vs HTTP Request): ${differing.join('; ')}`;
}

/** Method, URL and headers of the node's request, minus what the plain client sets itself. */
function plainRequestLike(recorded: RecordedRequest, emulatorUrl: string): PlainRequest {
	const skip = new Set(['host', 'connection', 'content-length', 'transfer-encoding']);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(recorded.headers))
		if (!skip.has(name)) headers[name] = value;
	return { method: recorded.method, url: new URL(recorded.path, emulatorUrl), headers };
}

/**
 * The CPU time of this process per item for each node, the emulator in a process of its own: what an item
 * costs, whatever the machine's load does to the round trips the timed rounds wait on (10 at a time for
 * the node, all at once for the HTTP Request node). The first round warms up and is not counted.
 */
async function cpuPerItem(
	peer: Awaited<ReturnType<typeof loadHttpRequestPeer>>,
): Promise<{ node: number; peer: number }> {
	const remote = await startHologramProcess();
	const target = { baseUrl: remote.url, apiKey: remote.apiKey };
	const items = smsItems(SENDS);
	const runs = {
		node: async () => await remote.send(items, { concurrency: CONCURRENCY }),
		peer: async () => await peer.send(items, target),
	};
	const costs: Record<'node' | 'peer', number[]> = { node: [], peer: [] };
	try {
		for (let round = 0; round <= CPU_ROUNDS; round++) {
			for (const subject of round % 2 === 0
				? (['node', 'peer'] as const)
				: (['peer', 'node'] as const)) {
				await remote.reset();
				const before = process.cpuUsage();
				const run = await runs[subject]();
				const used = process.cpuUsage(before);
				if (run.error) throw run.error;
				const sent = await remote.sentCount();
				if (run.items.length !== SENDS || sent !== SENDS)
					throw new Error(
						`${subject}: ${run.items.length} items out, ${sent} SMS sent of ${SENDS}`,
					);
				if (round > 0) costs[subject].push((used.user + used.system) / SENDS);
			}
		}
	} finally {
		remote.stop();
	}
	return { node: median(costs.node), peer: median(costs.peer) };
}

/**
 * One profiled run of each node, the emulator in a process of its own so that only the node's side is in
 * the profile (n8n's engine, the harness's credential store and the node).
 */
async function profileBoth(peer: Awaited<ReturnType<typeof loadHttpRequestPeer>>): Promise<void> {
	const remote = await startHologramProcess();
	const target = { baseUrl: remote.url, apiKey: remote.apiKey };
	const items = smsItems(SENDS);
	try {
		await remote.send(items, { concurrency: CONCURRENCY });
		await peer.send(items, target);
		const folder = join(__dirname, 'profiles');
		mkdirSync(folder, { recursive: true });
		const ours = await profiled(async () => await remote.send(items, { concurrency: CONCURRENCY }));
		if (ours.value.error) throw ours.value.error;
		reportProfile(
			`this node, ${SENDS} sends`,
			ours.profile,
			join(folder, 'overhead-node.cpuprofile'),
			SENDS,
		);
		const theirs = await profiled(async () => await peer.send(items, target));
		if (theirs.value.error) throw theirs.value.error;
		reportProfile(
			`HTTP Request node, ${SENDS} sends`,
			theirs.profile,
			join(folder, 'overhead-http-request.cpuprofile'),
			SENDS,
		);
	} finally {
		remote.stop();
	}
}

runBenchmark(main);
