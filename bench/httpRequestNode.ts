/**
 * 3. Against n8n's HTTP Request node, in a real n8n: the same 1,000-recipient SMS campaign (one message
 * request per recipient) through our Syniverse SCG node and through the HTTP Request node, against the SCG
 * emulator behind a proxy that enforces R requests per second (429 with Retry-After above it). Our node runs
 * with Rate Limit = R; the HTTP Request node with its batching options set to the limit, the same slowed down,
 * and without batching, each with Retry On Fail. 429s are counted by the proxy, sends and duplicates from the
 * emulator's state; time is the execution's startedAt → stoppedAt.
 */
import { randomUUID } from 'node:crypto';

import { SyniverseScgEmulator, defaultScgCredentials, scgSeed } from '../sandbox';
import type { Execution, Workflow, WorkflowNode } from './support/n8nServer';
import { connectBenchN8n, executionMs } from './support/n8nServer';
import { RateLimitProxy } from './support/rateLimitProxy';
import type { BenchResult } from './support/report';
import { fixed, runBenchmark, table } from './support/report';

const RATE = Number(process.env.BENCH_RATE ?? 50);
const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 1000);
const SEND_PATH = '/scg-external-api/api/v1/messaging/message_requests';
const SENDER = scgSeed.activeSenderId;

/** The campaign: one recipient per item, all distinct. */
const campaign = Array.from({ length: RECIPIENTS }, (_value, index) => ({
	to: `+1408555${String(1000 + index).padStart(4, '0')}`,
	text: `Campaign message ${index + 1}`,
}));

interface Variant {
	label: string;
	node: Omit<WorkflowNode, 'name' | 'position'>;
}

interface Outcome {
	label: string;
	status: string;
	ms: number;
	/** Distinct recipients the provider accepted a message request for. */
	reached: number;
	/** Message requests beyond the first to the same recipient. */
	duplicates: number;
	rejected: number;
	accepted: number;
	rate: number;
	busiest: number;
	/** Shortest time in which R + 1 requests arrived: under 1,000 ms means over the limit somewhere. */
	shortest: number;
	error?: string;
}

/** Webhook (answers at once) → Split Out the recipients → the send node. */
function campaignWorkflow(name: string, path: string, send: Variant['node']): Workflow {
	return {
		name,
		nodes: [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			{
				name: 'Recipients',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.recipients', include: 'noOtherFields', options: {} },
			},
			{ name: 'Send', position: [440, 0], ...send },
		],
		connections: {
			Webhook: { main: [[{ node: 'Recipients', type: 'main', index: 0 }]] },
			Recipients: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
		},
	};
}

/** n8n's HTTP Request node sending the same message request our node sends, with Retry On Fail. */
function httpRequestNode(url: string, batch?: { batchSize: number; batchInterval: number }) {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		retryOnFail: true,
		maxTries: 3,
		waitBetweenTries: 1000,
		parameters: {
			method: 'POST',
			url,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'Authorization', value: `Bearer ${defaultScgCredentials.accessToken}` },
				],
			},
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ from: "${SENDER}", to: [$json.to], body: $json.text }) }}`,
			options: batch ? { batching: { batch } } : {},
		},
	};
}

async function main(): Promise<BenchResult> {
	const emulator = new SyniverseScgEmulator({ autoProgress: false });
	const emulatorUrl = new URL(await emulator.start());
	const proxy = new RateLimitProxy(emulatorUrl, RATE);
	const proxyUrl = await proxy.start();
	const { n8n, close } = await connectBenchN8n();
	const credential = await n8n.createCredential('SCG bench (rate-limited)', 'syniverseScgApi', {
		accessToken: defaultScgCredentials.accessToken,
		baseUrl: proxyUrl,
	});

	const ours: Variant = {
		label: `our SCG node, Rate Limit ${RATE}/s, concurrency 10 (default)`,
		node: {
			type: 'n8n-nodes-telco-iot.syniverseScg',
			typeVersion: 1,
			parameters: {
				resource: 'messageRequest',
				operation: 'create',
				sender: SENDER,
				recipients: '={{ $json.to }}',
				messageType: 'SMS',
				message: '={{ $json.text }}',
				additionalFields: {},
				requestOptions: { rateLimit: RATE },
			},
			credentials: { syniverseScgApi: credential },
		},
	};
	// For the explanation: with n8n's per-request cost under load, 10 in flight cannot keep up with R.
	const oursWider: Variant = {
		label: `our SCG node, Rate Limit ${RATE}/s, concurrency 25`,
		node: {
			...ours.node,
			parameters: {
				...ours.node.parameters,
				requestOptions: { rateLimit: RATE, concurrency: 25 },
			},
		},
	};
	const sendUrl = `${proxyUrl}${SEND_PATH}`;
	const atLimit: Variant = {
		label: `HTTP Request, batch ${RATE} every 1,000 ms (= R), retry on fail`,
		node: httpRequestNode(sendUrl, { batchSize: RATE, batchInterval: 1000 }),
	};
	const spaced: Variant = {
		label: `HTTP Request, batch 1 every ${fixed(1000 / RATE, 0)} ms (= R), retry on fail`,
		node: httpRequestNode(sendUrl, { batchSize: 1, batchInterval: Math.round(1000 / RATE) }),
	};
	const slowed: Variant = {
		label: `HTTP Request, batch ${RATE} every 1,100 ms (R slowed 9%), retry on fail`,
		node: httpRequestNode(sendUrl, { batchSize: RATE, batchInterval: 1100 }),
	};
	const naive: Variant = {
		label: 'HTTP Request, no batching, retry on fail',
		node: httpRequestNode(sendUrl),
	};

	const run = async (variant: Variant): Promise<Outcome> => {
		const path = `bench-scg-${randomUUID()}`;
		const id = await n8n.createWorkflow(
			campaignWorkflow(`bench 3: ${variant.label}`, path, variant.node),
		);
		try {
			await n8n.activate(id);
			// The proxy's window starts empty: the previous run's requests are more than a second old by now.
			await new Promise((resolve) => setTimeout(resolve, 1500));
			emulator.reset();
			proxy.reset();
			const status = await n8n.webhook(path, { recipients: campaign });
			if (status !== 200) throw new Error(`webhook ${path}: ${status}`);
			const execution: Execution = await n8n.finishedExecution(id, 600_000);
			const perRecipient = new Map<string, number>();
			for (const request of emulator.state.messageRequests)
				for (const to of request.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
			const sends = [...perRecipient.values()].reduce((sum, count) => sum + count, 0);
			const outcome: Outcome = {
				label: variant.label,
				status: execution.status,
				ms: executionMs(execution),
				reached: campaign.filter((item) => perRecipient.has(item.to)).length,
				duplicates: sends - perRecipient.size,
				rejected: proxy.rejected,
				accepted: proxy.accepted.length,
				rate: proxy.measuredRate(),
				busiest: proxy.busiestSecond(),
				shortest: proxy.shortestSpan(),
				error: execution.data?.resultData.error?.message,
			};
			console.log(
				`  ${variant.label}: ${outcome.status} in ${fixed(outcome.ms / 1000, 1)} s, ${outcome.reached}/${RECIPIENTS} reached, ${outcome.duplicates} duplicates, ${outcome.rejected} × 429`,
			);
			return outcome;
		} finally {
			await n8n.removeWorkflow(id);
		}
	};

	const only = (process.env.BENCH_VARIANTS ?? '').split(',').filter(Boolean);
	const variants = [ours, atLimit, slowed, spaced, naive, oursWider].filter(
		(_variant, index) => only.length === 0 || only.includes(String(index)),
	);
	console.log(
		`\n3. ${RECIPIENTS} SCG message requests in a real n8n, provider limit R = ${RATE} requests/s (ideal ${fixed(RECIPIENTS / RATE, 1)} s)\n`,
	);
	const outcomes: Outcome[] = [];
	try {
		for (const variant of variants) outcomes.push(await run(variant));
	} finally {
		await n8n.deleteCredential(credential.id);
		await close();
		await proxy.close();
		await emulator.close();
	}

	console.log(
		`\n${table(
			[
				'run',
				'execution',
				'time',
				'reached',
				'duplicates',
				'429s',
				'accepted/s (first→last)',
				'most accepted in 1 s',
				`shortest span of ${RATE + 1} arrivals`,
			],
			outcomes.map((outcome) => [
				outcome.label,
				outcome.status,
				`${fixed(outcome.ms / 1000, 1)} s`,
				`${outcome.reached}/${RECIPIENTS}`,
				String(outcome.duplicates),
				String(outcome.rejected),
				fixed(outcome.rate, 1),
				String(outcome.busiest),
				`${fixed(outcome.shortest, 0)} ms`,
			]),
		)}\n`,
	);
	for (const outcome of outcomes)
		if (outcome.error) console.log(`${outcome.label}: ${outcome.error}`);

	const subject = outcomes.find((outcome) => outcome.label === ours.label);
	const baseline = outcomes.find((outcome) => outcome.label === atLimit.label);
	if (!subject || !baseline)
		throw new Error('BENCH_VARIANTS must include 0 (ours) and 1 (HTTP Request at the limit)');
	const complete = (outcome: Outcome) =>
		outcome.status === 'success' && outcome.reached === RECIPIENTS && outcome.duplicates === 0;
	// The fastest HTTP Request set-up that did the whole campaign once, with no 429: what a user must settle for.
	const clean = outcomes
		.filter(
			(outcome) =>
				outcome.label.startsWith('HTTP Request') && complete(outcome) && outcome.rejected === 0,
		)
		.sort((a, b) => a.ms - b.ms)[0];
	const held =
		complete(subject) &&
		subject.rejected === 0 &&
		subject.ms <= baseline.ms &&
		(!clean || subject.ms <= clean.ms);
	const describe = (outcome: Outcome) =>
		`${outcome.status}, ${fixed(outcome.ms / 1000, 1)} s, ${outcome.rejected} × 429, ${outcome.duplicates} duplicates, ${outcome.reached}/${RECIPIENTS} reached`;
	return {
		name: '3. vs HTTP Request node',
		subject: `ours: ${describe(subject)}`,
		baseline: `HTTP Request batching at R: ${describe(baseline)}`,
		ratio: `${fixed(baseline.ms / subject.ms, 2)}× its speed${clean ? `; ${fixed(clean.ms / subject.ms, 2)}× the fastest clean HTTP Request set-up` : ''}`,
		target: '≥ 1× as fast, 0 × 429, 0 duplicates',
		held,
		note: outcomes
			.filter((outcome) => outcome !== subject && outcome !== baseline)
			.map((outcome) => `${outcome.label}: ${describe(outcome)}`)
			.join('; '),
	};
}

runBenchmark(main);
