import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	body: unknown;
}

export interface LocalServer {
	url: string;
	seen: SeenRequest[];
	close(): Promise<void>;
}

type Handler = (
	request: SeenRequest,
) => { status?: number; body?: unknown } | Promise<{ status?: number; body?: unknown }>;

/** A tiny JSON API on a free port that records what it was sent, standing in for a provider. */
export async function startLocalServer(handler: Handler): Promise<LocalServer> {
	const seen: SeenRequest[] = [];
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString();
			const request: SeenRequest = {
				method: req.method ?? 'GET',
				path: req.url ?? '/',
				headers: req.headers,
				body: text ? (JSON.parse(text) as unknown) : undefined,
			};
			seen.push(request);
			void Promise.resolve(handler(request)).then(({ status = 200, body }) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(body === undefined ? '' : JSON.stringify(body));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
