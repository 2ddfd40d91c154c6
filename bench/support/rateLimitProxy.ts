import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A provider's rate limit, which the emulators do not enforce: a proxy in front of one that lets at most
 * `ratePerSecond` requests through in any sliding one-second window and answers the rest 429 with
 * `Retry-After` (whole seconds until the oldest request in the window leaves it).
 */
export class RateLimitProxy {
	/** Arrival times (performance.now()) of the requests let through. */
	readonly accepted: number[] = [];
	/** Arrival times of every request, rejected ones included. */
	readonly arrivals: number[] = [];
	rejected = 0;
	private readonly window: number[] = [];
	private readonly agent = new Agent({ keepAlive: true });
	private server?: Server;

	constructor(
		private readonly target: URL,
		private readonly ratePerSecond: number,
	) {}

	/** The proxy's origin; paths are passed through unchanged. */
	async start(): Promise<string> {
		const server = createServer((incoming, response) => {
			const now = performance.now();
			this.arrivals.push(now);
			while (this.window.length > 0 && this.window[0] <= now - 1000) this.window.shift();
			if (this.window.length >= this.ratePerSecond) {
				this.rejected++;
				incoming.resume();
				const retryAfter = Math.max(1, Math.ceil((this.window[0] + 1000 - now) / 1000));
				response.writeHead(429, {
					'content-type': 'application/json',
					'retry-after': String(retryAfter),
				});
				response.end(JSON.stringify({ success: false, error: 'Too many requests' }));
				return;
			}
			this.window.push(now);
			this.accepted.push(now);
			this.forward(incoming, (status, headers, body) => {
				response.writeHead(status, headers);
				response.end(body);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		this.server = server;
		return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	}

	reset(): void {
		this.accepted.length = 0;
		this.arrivals.length = 0;
		this.window.length = 0;
		this.rejected = 0;
	}

	/** Requests per second of the accepted requests, from the first arrival to the last. */
	measuredRate(): number {
		const count = this.accepted.length;
		if (count < 2) return 0;
		return ((count - 1) * 1000) / (this.accepted[count - 1] - this.accepted[0]);
	}

	/** The most requests that arrived in any one-second window (closed at both ends). */
	busiestSecond(): number {
		let most = 0;
		let start = 0;
		for (let end = 0; end < this.accepted.length; end++) {
			while (this.accepted[end] - this.accepted[start] > 1000) start++;
			most = Math.max(most, end - start + 1);
		}
		return most;
	}

	/**
	 * The shortest time in which `ratePerSecond + 1` requests arrived: under 1,000 ms means the sender
	 * went over the limit somewhere, by however little.
	 */
	shortestSpan(): number {
		let shortest = Number.POSITIVE_INFINITY;
		for (let end = this.ratePerSecond; end < this.arrivals.length; end++)
			shortest = Math.min(shortest, this.arrivals[end] - this.arrivals[end - this.ratePerSecond]);
		return shortest;
	}

	async close(): Promise<void> {
		this.agent.destroy();
		const server = this.server;
		if (!server) return;
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	}

	private forward(
		incoming: IncomingMessage,
		answer: (status: number, headers: IncomingMessage['headers'], body: Buffer) => void,
	): void {
		const outgoing = request(
			new URL(incoming.url ?? '/', this.target),
			{ method: incoming.method, headers: incoming.headers, agent: this.agent },
			(upstream) => {
				const chunks: Buffer[] = [];
				upstream.on('data', (chunk: Buffer) => chunks.push(chunk));
				upstream.on('end', () =>
					answer(upstream.statusCode ?? 502, upstream.headers, Buffer.concat(chunks)),
				);
			},
		);
		outgoing.on('error', () => answer(502, {}, Buffer.from('{"error":"proxy"}')));
		incoming.pipe(outgoing);
	}
}
