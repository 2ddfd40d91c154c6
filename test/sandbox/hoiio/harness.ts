import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

import { startSandbox, type HoiioEmulator, type Sandbox } from '../../../sandbox';

export interface HoiioHarness {
	sandbox: Sandbox;
	emulator: HoiioEmulator;
	/** Never throws on an HTTP status, so tests assert on it. */
	http: AxiosInstance;
	/** The emulator's origin, for `/__sandbox/...` control calls. */
	control: AxiosInstance;
	/** POSTs form-encoded parameters with the sandbox credentials, as the node will. */
	post(path: string, params?: Record<string, string>): Promise<AxiosResponse>;
	/** GETs with everything in the query string, as the Python SDK does. */
	get(path: string, params?: Record<string, string>): Promise<AxiosResponse>;
}

/** Starts a Hoiio-only sandbox on a free port before all tests, resets it before each, closes it after. */
export function useHoiioSandbox(): HoiioHarness {
	const harness = {} as HoiioHarness;
	beforeAll(async () => {
		harness.sandbox = await startSandbox({ providers: ['hoiio'] });
		const emulator = harness.sandbox.emulators.hoiio;
		if (!emulator) throw new Error('hoiio emulator missing');
		harness.emulator = emulator;
		harness.http = axios.create({ baseURL: emulator.url, validateStatus: () => true });
		harness.control = axios.create({
			baseURL: new URL(emulator.url).origin,
			validateStatus: () => true,
		});
		const credentials = () => ({ app_id: emulator.appId, access_token: emulator.accessToken });
		harness.post = (path, params = {}) =>
			harness.http.post(path, new URLSearchParams({ ...credentials(), ...params }).toString(), {
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			});
		harness.get = (path, params = {}) =>
			harness.http.get(path, { params: { ...credentials(), ...params } });
	});
	beforeEach(() => {
		harness.emulator.reset();
		harness.emulator.setNotifyDelay('manual');
	});
	afterAll(() => harness.sandbox.close());
	return harness;
}

export interface ReceivedNotification {
	method: string;
	path: string;
	query: Record<string, string>;
	/** The form body, parsed. */
	body: Record<string, string>;
	contentType: string;
}

export interface Receiver {
	url: string;
	received: ReceivedNotification[];
	/** The query string and the form body merged, as the Hoiio Trigger will do. */
	merged(): Record<string, string>[];
	/** Answers this HTTP status from now on (default 200). */
	respondWith(status: number): void;
}

/** A local HTTP server standing in for an n8n webhook; started once per file, cleared before each test. */
export function useReceiver(): Receiver {
	const received: ReceivedNotification[] = [];
	let status = 200;
	const server = createServer((request: IncomingMessage, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const url = new URL(request.url ?? '/', 'http://receiver');
			received.push({
				method: request.method ?? '',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				body: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
				contentType: request.headers['content-type'] ?? '',
			});
			response.writeHead(status).end('ok');
		});
	});
	const receiver: Receiver = {
		url: '',
		received,
		merged: () => received.map((entry) => ({ ...entry.query, ...entry.body })),
		respondWith: (next) => {
			status = next;
		},
	};
	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	beforeEach(() => {
		received.length = 0;
		status = 200;
	});
	afterAll(
		() =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	);
	return receiver;
}

/** A one-page PDF as the API wants it (base64). */
export const onePagePdf = Buffer.from(
	'%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
	'latin1',
);
