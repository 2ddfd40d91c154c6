import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import axios, { type AxiosInstance } from 'axios';

import {
	defaultVumiGoConversationToken,
	defaultVumiGoToken,
	startSandbox,
	vumiGoSeed,
	VumiGoEmulator,
	type Sandbox,
	type VumiGoEmulatorOptions,
} from '../../../sandbox';

export interface VumiGoHarness {
	emulator: VumiGoEmulator;
	/** Bearer token of the seeded account, against `<url>` = `/api/v1/go`. */
	api: AxiosInstance;
	/** No credentials, against `<url>`. */
	anonymous: AxiosInstance;
	/** Basic `sandbox-account:sandbox-conv-token`, against `<url>/http_api_nostream`. */
	httpApi: AxiosInstance;
	/** The emulator's origin, for `/__sandbox/...`. */
	control: AxiosInstance;
	/** One JSON-RPC call; answers the whole response body. */
	rpc(method: string, params?: unknown[], id?: number): Promise<Record<string, unknown>>;
}

/**
 * Starts a Vumi Go emulator before all tests (through `startSandbox`, or directly when options are given),
 * resets it before each, closes it after. No client ever throws on an HTTP status.
 */
export function useVumiGoSandbox(options?: VumiGoEmulatorOptions): VumiGoHarness {
	const harness = {} as VumiGoHarness;
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		if (options) {
			harness.emulator = new VumiGoEmulator(options);
			await harness.emulator.start();
		} else {
			sandbox = await startSandbox({ providers: ['vumiGo'] });
			const emulator = sandbox.emulators.vumiGo;
			if (!emulator) throw new Error('vumiGo emulator missing');
			harness.emulator = emulator;
		}
		const emulator = harness.emulator;
		const validateStatus = () => true;
		harness.anonymous = axios.create({ baseURL: emulator.url, validateStatus });
		harness.api = axios.create({
			baseURL: emulator.url,
			validateStatus,
			headers: { authorization: `Bearer ${defaultVumiGoToken}` },
		});
		harness.httpApi = axios.create({
			baseURL: emulator.httpApiUrl,
			validateStatus,
			auth: { username: vumiGoSeed.accountKey, password: defaultVumiGoConversationToken },
		});
		harness.control = axios.create({ baseURL: new URL(emulator.url).origin, validateStatus });
		harness.rpc = async (method, params = [], id = 1) =>
			(await harness.api.post('/api/', { jsonrpc: '2.0', method, params, id })).data;
	});
	beforeEach(() => harness.emulator.reset());
	afterAll(async () => {
		await harness.emulator.flushCallbacks();
		if (sandbox) await sandbox.close();
		else await harness.emulator.close();
	});
	return harness;
}

export interface ReceivedPush {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	body: unknown;
}

export interface PushReceiver {
	/** `http://127.0.0.1:<port>` */
	url: string;
	received: ReceivedPush[];
	/** Statuses to answer in turn; 200 once they run out. */
	statuses: number[];
}

/** A local HTTP server standing in for the user's webhook (an n8n webhook URL in the node's tests). */
export function usePushReceiver(): PushReceiver {
	const receiver: PushReceiver = { url: '', received: [], statuses: [] };
	let server: Server;
	beforeAll(async () => {
		server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				receiver.received.push({
					method: request.method ?? '',
					path: request.url ?? '',
					headers: request.headers,
					body: text === '' ? undefined : JSON.parse(text),
				});
				response.writeHead(receiver.statuses.shift() ?? 200, { 'content-type': 'text/plain' });
				response.end('ok');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	beforeEach(() => {
		receiver.received.length = 0;
		receiver.statuses.length = 0;
	});
	afterAll(async () => {
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	});
	return receiver;
}
