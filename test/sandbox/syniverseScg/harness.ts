import axios, { type AxiosInstance } from 'axios';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSandbox, type Sandbox, type SyniverseScgEmulator } from '../../../sandbox';

export const scgPath = '/scg-external-api/api/v1';

export interface ScgHarness {
	sandbox: Sandbox;
	emulator: SyniverseScgEmulator;
	/** `Authorization: Bearer sandbox-scg-token`, base URL = the emulator's host root. */
	api: AxiosInstance;
	/** The same, with `/scg-external-api/api/v1` as base. */
	scg: AxiosInstance;
	/** No credentials at all. */
	anonymous: AxiosInstance;
}

/**
 * Starts an SCG-only sandbox before all tests and resets it before each. Sends only move on
 * `emulator.flush()` (autoProgress off), so every test is deterministic; one test turns the timers back on.
 */
export function useScgSandbox(): ScgHarness {
	const harness = {} as ScgHarness;
	beforeAll(async () => {
		harness.sandbox = await startSandbox({ providers: ['syniverseScg'] });
		const emulator = harness.sandbox.emulators.syniverseScg;
		if (!emulator) throw new Error('syniverseScg emulator missing');
		harness.emulator = emulator;
		const headers = { Authorization: `Bearer ${emulator.credentials.accessToken}` };
		harness.anonymous = axios.create({ baseURL: emulator.url, validateStatus: () => true });
		harness.api = axios.create({ baseURL: emulator.url, validateStatus: () => true, headers });
		harness.scg = axios.create({
			baseURL: `${emulator.url}${scgPath}`,
			validateStatus: () => true,
			headers,
		});
	});
	beforeEach(() => {
		harness.emulator.reset();
		harness.emulator.applySettings({ autoProgress: false, retryDelayMs: 1 });
	});
	afterAll(() => harness.sandbox.close());
	return harness;
}

export interface ReceivedCall {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: unknown;
}

export interface Webhook {
	url: string;
	calls: ReceivedCall[];
	/** Status codes to answer, in order; 200 once they are used up. */
	answers: number[];
	close(): Promise<void>;
}

/** A local HTTP server standing in for the n8n webhook the Event Manager posts to. */
export async function startWebhook(): Promise<Webhook> {
	const calls: ReceivedCall[] = [];
	const answers: number[] = [];
	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			calls.push({
				method: request.method ?? '',
				url: request.url ?? '',
				headers: request.headers,
				body: text === '' ? undefined : JSON.parse(text),
			});
			response.writeHead(answers.shift() ?? 200, { 'content-type': 'application/json' });
			response.end('{"status":"ok"}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/events`,
		calls,
		answers,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** Registers a delivery configuration + SCG-Message subscription as the trigger node would. */
export async function subscribe(
	h: ScgHarness,
	addr: string,
	extra: Record<string, unknown> = {},
): Promise<{ configurationId: string; subscriptionId: string }> {
	const configuration = await h.api.post('/ess/v1/delivery-configurations', {
		'del-cfg-nm': 'n8n',
		'del-prtcl-cd': 'REST',
		addr,
		'del-fmt-cd': 'JSON',
		'is-active': true,
	});
	if (configuration.status !== 200) throw new Error(JSON.stringify(configuration.data));
	const subscription = await h.api.post('/ess/v1/topics/SCG-Message/subscriptions', {
		'del-cfg-id': configuration.data.id,
		'start-date': null,
		'end-date': null,
		...extra,
	});
	if (subscription.status !== 200) throw new Error(JSON.stringify(subscription.data));
	return { configurationId: configuration.data.id, subscriptionId: subscription.data.id };
}
