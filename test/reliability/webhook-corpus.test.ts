/**
 * Hostile input for the webhook triggers: a generated corpus of more than a thousand malformed requests
 * per trigger (test/reliability/webhook-corpus/), sent over real HTTP to the trigger running behind the
 * harness's webhook endpoint. None may start a run, throw out of webhook(), or get anything but a 4xx
 * (401 for a missing or wrong secret); afterwards a valid event still starts exactly one run, and the
 * same event delivered again starts none.
 */
import { hoiioSeed } from '../../sandbox';
import { useHoiio } from '../hoiio/useHoiio';
import type { RunningWebhookTrigger } from '../harness/n8n';
import { startWebhookTrigger } from '../harness/n8n';
import { useScg } from '../syniverseScg/useScg';
import type { CorpusRequest } from './webhook-corpus/corpus';
import {
	SECRET_PARAMETER,
	hoiioCorpus,
	incomingFax,
	incomingSms,
	smsStatus,
} from './webhook-corpus/hoiio';
import { jsonCorpus } from './webhook-corpus/json';
import { scgDelivery, scgWire } from './webhook-corpus/scg';
import type { Answer } from './webhook-corpus/send';
import { CORPUS_ID_HEADER, sendAll } from './webhook-corpus/send';
import { vumiEvent, vumiMessage, vumiWire } from './webhook-corpus/vumiGo';
import { tallyCase } from './tally';

const SUITE = 'webhook corpus';
const SEED = 20261126;

const scg = useScg();
const hoiio = useHoiio();

/** The trigger node's own static data (n8n keeps it under `node:<name>`). */
function nodeData(running: RunningWebhookTrigger): Record<string, unknown> {
	const key = Object.keys(running.staticData).find((name) => name.startsWith('node:'));
	return (key ? running.staticData[key] : {}) as Record<string, unknown>;
}

interface Outcome {
	request: CorpusRequest;
	answer: Answer;
	runs: number;
}

/**
 * Sends the corpus and tallies each request: a run it started counts as duplicated. Returns the
 * requests whose answer or effect was wrong, described for the failure message.
 */
async function sendCorpus(
	trigger: string,
	running: RunningWebhookTrigger,
	corpus: CorpusRequest[],
): Promise<string[]> {
	const origin = new URL(running.url).origin;
	const runsBefore = running.runs.length;
	const errorsBefore = running.errors.length;
	const answers = await sendAll(origin, corpus);
	const runsById = new Map<string, number>();
	for (const run of running.runs.slice(runsBefore)) {
		const id = String(run.request.headers[CORPUS_ID_HEADER]);
		runsById.set(id, (runsById.get(id) ?? 0) + 1);
	}
	const outcomes: Outcome[] = corpus.map((request, index) => ({
		request,
		answer: answers[index],
		runs: runsById.get(String(index)) ?? 0,
	}));
	const wrong: string[] = [];
	for (const { request, answer, runs } of outcomes) {
		tallyCase({
			suite: SUITE,
			name: `${trigger}, ${request.group}: ${request.name}`,
			lost: 0,
			duplicated: runs,
		});
		const statusOk =
			request.expect === 'unauthorized'
				? answer.status === 401
				: answer.status >= 400 && answer.status < 500 && answer.status !== 401;
		if (!statusOk || runs > 0) {
			wrong.push(
				`${request.group}: ${request.name} → ${answer.status} ${answer.body.slice(0, 120)}` +
					`${runs > 0 ? ` and ${runs} run(s)` : ''}`,
			);
		}
	}
	for (const error of running.errors.slice(errorsBefore))
		wrong.push(`webhook() threw: ${error.message}`);
	return wrong;
}

/** Sends valid requests one after the other; returns the statuses and the runs each started. */
async function sendValid(
	running: RunningWebhookTrigger,
	requests: CorpusRequest[],
): Promise<Array<{ status: number; runs: number }>> {
	const results: Array<{ status: number; runs: number }> = [];
	for (const request of requests) {
		const before = running.runs.length;
		const [answer] = await sendAll(new URL(running.url).origin, [request], 1);
		results.push({ status: answer.status, runs: running.runs.length - before });
	}
	return results;
}

function groupSizes(corpus: CorpusRequest[]): Record<string, number> {
	const sizes: Record<string, number> = {};
	for (const request of corpus) sizes[request.group] = (sizes[request.group] ?? 0) + 1;
	return sizes;
}

const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function jsonRequest(path: string, authorization: string, body: unknown): CorpusRequest {
	return {
		group: 'valid',
		name: 'valid',
		method: 'POST',
		path,
		headers: { 'content-type': 'application/json; charset=utf-8', authorization },
		body: Buffer.from(JSON.stringify(body)),
		expect: 'refused',
	};
}

/** The checks every trigger gets, given how to reach it and what is valid for it. */
function describeCorpus(
	trigger: string,
	setup: {
		start(): Promise<RunningWebhookTrigger>;
		corpus(running: RunningWebhookTrigger): CorpusRequest[];
		/** Valid requests, each a new event for each `id`. */
		valid(running: RunningWebhookTrigger, id: string): CorpusRequest[];
		/** The first valid event again, as the provider redelivers it. */
		redelivery(running: RunningWebhookTrigger, id: string): CorpusRequest;
	},
) {
	describe(trigger, () => {
		let running: RunningWebhookTrigger;
		beforeAll(async () => {
			running = await setup.start();
		});
		afterAll(async () => {
			await running?.deactivate();
		});

		test('more than a thousand malformed requests each get a 4xx (401 without the secret) and start no run', async () => {
			const corpus = setup.corpus(running);
			expect(corpus.length).toBeGreaterThanOrEqual(1000);
			const wrong = await sendCorpus(trigger, running, corpus);

			expect({ requests: corpus.length, groups: groupSizes(corpus), wrong }).toMatchObject({
				wrong: [],
			});
			expect(running.runs).toHaveLength(0);
			expect(running.errors).toEqual([]);
			// Nothing reached Object.prototype through a `__proto__` or `constructor` key.
			expect(({} as Record<string, unknown>).polluted).toBeUndefined();
			expect(Object.keys(Object.prototype)).toEqual([]);
		});

		test('after the corpus, each kind of valid event starts one run, and its redelivery none', async () => {
			const valid = setup.valid(running, 'after-corpus');
			const results = await sendValid(running, valid);
			const redelivered = await sendValid(running, [
				setup.redelivery(running, 'after-corpus'),
				valid[0],
			]);

			results.forEach(({ runs }, index) =>
				tallyCase({
					suite: SUITE,
					name: `${trigger}, valid after the corpus: event ${index}`,
					lost: runs === 0 ? 1 : 0,
					duplicated: Math.max(0, runs - 1),
				}),
			);
			redelivered.forEach(({ runs }, index) =>
				tallyCase({
					suite: SUITE,
					name: `${trigger}, redelivery ${index} of a valid event`,
					lost: 0,
					duplicated: runs,
				}),
			);
			expect(results).toEqual(valid.map(() => ({ status: 200, runs: 1 })));
			expect(redelivered).toEqual([
				{ status: 200, runs: 0 },
				{ status: 200, runs: 0 },
			]);
			expect(running.errors).toEqual([]);
		});
	});
}

describeCorpus('Syniverse SCG Trigger', {
	start: async () =>
		await startWebhookTrigger({
			node: 'syniverseScgTrigger',
			parameters: {
				events: ['message_state_change', 'message_request_state_change', 'mo_message_received'],
			},
			credentials: scg.credentials(),
		}),
	corpus: (running) =>
		jsonCorpus(
			scgWire('n8n', String(nodeData(running).webhookSecret)),
			new URL(running.url).pathname,
			SEED,
		),
	valid: (running, id) => {
		const auth = basic('n8n', String(nodeData(running).webhookSecret));
		const path = new URL(running.url).pathname;
		return [
			jsonRequest(path, auth, scgDelivery(`${id}-mo`)),
			jsonRequest(path, auth, scgDelivery(`${id}-state`, 'message_state_change')),
			jsonRequest(path, auth, [
				scgDelivery(`${id}-batch-1`, 'message_request_state_change'),
				scgDelivery(`${id}-batch-2`, 'message_state_change'),
			]),
		];
	},
	// The Event Manager retries with the same event_id and a higher attempt.
	redelivery: (running, id) =>
		jsonRequest(
			new URL(running.url).pathname,
			basic('n8n', String(nodeData(running).webhookSecret)),
			scgDelivery(`${id}-mo`, 'mo_message_received', 2),
		),
});

const VUMI_USER = 'vumi';
const VUMI_PASSWORD = 'corpus-push-secret-7f3a9c';

describeCorpus('Vumi Go Trigger', {
	start: async () =>
		await startWebhookTrigger({
			node: 'vumiGoTrigger',
			typeVersion: 2,
			parameters: {
				events: ['message', 'ack', 'nack', 'delivery_report'],
				authentication: 'basicAuth',
			},
			credentials: { vumiGoPushAuthApi: { user: VUMI_USER, password: VUMI_PASSWORD } },
		}),
	corpus: (running) =>
		jsonCorpus(vumiWire(VUMI_USER, VUMI_PASSWORD), new URL(running.url).pathname, SEED + 1),
	valid: (running, id) => {
		const auth = basic(VUMI_USER, VUMI_PASSWORD);
		const path = new URL(running.url).pathname;
		return [
			jsonRequest(path, auth, vumiMessage(`${id}-message`)),
			jsonRequest(path, auth, vumiEvent(`${id}-ack`, 'ack')),
			jsonRequest(path, auth, vumiEvent(`${id}-nack`, 'nack')),
			jsonRequest(path, auth, vumiEvent(`${id}-report`, 'delivery_report')),
		];
	},
	// Vumi Go retries a push after a 5xx: the same message, the same message_id.
	redelivery: (running, id) =>
		jsonRequest(
			new URL(running.url).pathname,
			basic(VUMI_USER, VUMI_PASSWORD),
			vumiMessage(`${id}-message`),
		),
});

// n8n's server decodes the body with the declared charset inside the try of its body parser, so a
// charset Node does not know is a body it cannot parse: 422, before any node sees the call. The
// corpora send such bodies too (JSON and form); this is the case on its own, with the answer in full.
test('a valid event whose body declares an unknown charset gets a 422 from the webhook server and starts no run', async () => {
	const running = await startWebhookTrigger({
		node: 'vumiGoTrigger',
		typeVersion: 2,
		parameters: {
			events: ['message'],
			authentication: 'basicAuth',
		},
		credentials: { vumiGoPushAuthApi: { user: VUMI_USER, password: VUMI_PASSWORD } },
	});
	try {
		const request = jsonRequest(
			new URL(running.url).pathname,
			basic(VUMI_USER, VUMI_PASSWORD),
			vumiMessage('unknown-charset'),
		);
		request.headers['content-type'] = 'application/json; charset=nonsense';
		const [answer] = await sendAll(new URL(running.url).origin, [request], 1);
		tallyCase({
			suite: SUITE,
			name: 'unknown charset on a valid event',
			lost: 0,
			duplicated: running.runs.length,
		});

		expect(answer.status).toBe(422);
		expect(JSON.parse(answer.body)).toMatchObject({ message: 'Failed to parse request body' });
		expect(running.runs).toHaveLength(0);
		expect(running.errors).toEqual([]);
	} finally {
		await running.deactivate();
	}
});

/** A Hoiio notification as the sandbox sends it: in the query string and as a form body. */
function hoiioRequest(running: RunningWebhookTrigger, parameters: Array<[string, string]>) {
	const secret = String(nodeData(running).secret);
	const form = new URLSearchParams(parameters).toString();
	const query = `${SECRET_PARAMETER}=${encodeURIComponent(secret)}&${form}`;
	return {
		group: 'valid',
		name: 'valid',
		method: 'POST',
		path: `${new URL(running.url).pathname}?${query}`,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: Buffer.from(form),
		expect: 'refused' as const,
	};
}

describeCorpus('Hoiio Trigger', {
	start: async () =>
		await startWebhookTrigger({
			node: 'hoiioTrigger',
			parameters: {
				events: ['incomingSms', 'incomingFax', 'smsStatus', 'callStatus', 'faxStatus', 'ivrResult'],
				hoiioNumber: hoiioSeed.sgNumber,
			},
			credentials: hoiio.credentials(),
		}),
	corpus: (running) =>
		hoiioCorpus(new URL(running.url).pathname, String(nodeData(running).secret), SEED + 2),
	valid: (running, id) => [
		hoiioRequest(running, incomingSms(`AA-SI-${id}`)),
		hoiioRequest(running, incomingFax(`AA-F-${id}`)),
		hoiioRequest(running, smsStatus(`AA-S-${id}`)),
	],
	// Hoiio does not retry, but a resent request is the same notification twice.
	redelivery: (running, id) => hoiioRequest(running, incomingSms(`AA-SI-${id}`)),
});
