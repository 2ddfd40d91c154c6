import {
	createServer,
	STATUS_CODES,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import { parseBody, parseSearchParams, readRawBody } from './body';
import { controlPrefix, handleControlRequest } from './control';
import { delay } from './delay';
import { FaultQueue, type Fault } from './faults';
import { listen } from './listen';
import { RouteTable } from './router';
import { HttpError, type EmulatorResponse, type RecordedRequest } from './types';

export const defaultHost = '127.0.0.1';

/**
 * The plumbing every HTTP emulator shares: a real server, request recording, fault injection, control
 * endpoints and reset. A provider subclass seeds its state, registers routes and shapes its error envelope.
 */
export abstract class HttpEmulator<State> {
	/** The provider's path prefix, e.g. '/api/1'; part of `url`. */
	protected abstract readonly basePath: string;
	readonly requests: RecordedRequest[] = [];
	readonly faults = new FaultQueue();
	protected readonly routes = new RouteTable();
	private server?: Server;
	private currentState?: State;
	private boundHost = defaultHost;

	protected abstract seedState(): State;
	/** The provider's own error body, used for handler errors and status faults. */
	protected abstract errorBody(status: number, message: string): unknown;

	/** Lines the CLI prints under the URL, such as the sandbox credentials. */
	describe(): Record<string, string> {
		return {};
	}

	get state(): State {
		this.currentState ??= this.seedState();
		return this.currentState;
	}

	/** Restores the seeded state and forgets recorded requests and queued faults. */
	reset(): void {
		this.currentState = this.seedState();
		this.requests.length = 0;
		this.faults.clear();
	}

	get port(): number {
		const address = this.server?.address() as AddressInfo | null | undefined;
		if (!address) throw new Error('The emulator is not started');
		return address.port;
	}

	get url(): string {
		const host = this.boundHost.includes(':') ? `[${this.boundHost}]` : this.boundHost;
		return `http://${host}:${this.port}${this.basePath}`;
	}

	async start(port = 0, host = defaultHost): Promise<string> {
		if (this.server) throw new Error('The emulator is already started');
		const server = createServer((request, response) => void this.onRequest(request, response));
		await listen(server, port, host);
		this.server = server;
		this.boundHost = host;
		return this.url;
	}

	/** Also closes keep-alive sockets, so a test runner is not held open by idle connections. */
	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	}

	/**
	 * Provider control endpoints (e.g. `/__sandbox/<provider>/...` to inject inbound events); answer undefined to
	 * fall through to the shared ones. Same rules: no auth, never recorded.
	 */
	protected handleProviderControl?(
		request: RecordedRequest,
	): EmulatorResponse | undefined | Promise<EmulatorResponse | undefined>;

	protected faultMessage(status: number): string {
		return STATUS_CODES[status] ?? 'Error';
	}

	/** Routes the request inside `basePath` and turns thrown HttpErrors into the provider's envelope. */
	protected async dispatch(request: RecordedRequest): Promise<EmulatorResponse> {
		const inside =
			request.pathname === this.basePath || request.pathname.startsWith(`${this.basePath}/`);
		if (!inside) return this.errorResponse(404, 'Not found');
		const match = this.routes.match(request.method, request.pathname.slice(this.basePath.length));
		if (match.kind === 'notFound') return this.errorResponse(404, 'Not found');
		if (match.kind === 'methodNotAllowed') return this.errorResponse(405, 'Method not allowed');
		try {
			return await match.handler(request, match.params);
		} catch (error) {
			if (error instanceof HttpError) return this.errorResponse(error.status, error.message);
			return this.errorResponse(500, `Emulator failure: ${(error as Error).message}`);
		}
	}

	private errorResponse(status: number, message: string): EmulatorResponse {
		return { status, body: this.errorBody(status, message) };
	}

	private async onRequest(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
		try {
			const request = recordRequest(incoming, await readRawBody(incoming));
			if (request.pathname.startsWith(controlPrefix)) {
				send(
					response,
					(await this.handleProviderControl?.(request)) ?? handleControlRequest(this, request),
				);
				return;
			}
			this.requests.push(request);
			await this.answer(request, this.faults.take(request.method, request.pathname), response);
		} catch (error) {
			if (!response.headersSent)
				send(response, { status: 500, body: { error: (error as Error).message } });
		}
	}

	private async answer(
		request: RecordedRequest,
		fault: Fault | undefined,
		response: ServerResponse,
	): Promise<void> {
		switch (fault?.type) {
			case undefined:
				return send(response, await this.dispatch(request));
			case 'latency':
				await delay(fault.ms);
				return send(response, await this.dispatch(request));
			case 'status': {
				const headers: Record<string, string> = {
					'content-type': fault.contentType ?? 'application/json',
				};
				if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
				const rawBody =
					fault.body ??
					JSON.stringify(this.errorBody(fault.status, this.faultMessage(fault.status)));
				return send(response, { status: fault.status, rawBody, headers });
			}
			case 'drop':
				if (fault.when === 'afterHandling') await this.dispatch(request);
				response.socket?.destroy();
				return;
			case 'malformedJson': {
				const full = serialize(await this.dispatch(request));
				// Any strict prefix of a JSON object or array is invalid JSON.
				const truncated =
					full.startsWith('{') || full.startsWith('[')
						? full.slice(0, Math.max(1, Math.floor(full.length / 2)))
						: '{"success":tr';
				return send(response, {
					status: 200,
					rawBody: truncated,
					headers: { 'content-type': 'application/json' },
				});
			}
			case 'htmlError': {
				const status = fault.status ?? 502;
				return send(response, {
					status,
					rawBody: htmlErrorPage(status),
					headers: { 'content-type': 'text/html' },
				});
			}
			case 'emptyBody':
				await this.dispatch(request);
				return send(response, {
					status: fault.status ?? 200,
					rawBody: '',
					headers: { 'content-type': 'application/json' },
				});
		}
	}
}

function recordRequest(incoming: IncomingMessage, rawBody: Buffer): RecordedRequest {
	const path = incoming.url ?? '/';
	const queryStart = path.indexOf('?');
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(incoming.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return {
		method: (incoming.method ?? 'GET').toUpperCase(),
		path,
		pathname: queryStart === -1 ? path : path.slice(0, queryStart),
		query: queryStart === -1 ? {} : parseSearchParams(path.slice(queryStart + 1)),
		headers,
		rawBody,
		body: parseBody(rawBody, headers['content-type']),
		receivedAt: new Date().toISOString(),
	};
}

function serialize(response: EmulatorResponse): string {
	if (response.rawBody !== undefined) return response.rawBody.toString();
	return response.body === undefined ? '' : JSON.stringify(response.body);
}

function send(response: ServerResponse, answer: EmulatorResponse): void {
	if (response.destroyed) return;
	// A Buffer rawBody goes out byte for byte (binary downloads); strings and JSON as UTF-8.
	const payload =
		answer.status !== 204 && Buffer.isBuffer(answer.rawBody)
			? answer.rawBody
			: Buffer.from(answer.status === 204 ? '' : serialize(answer));
	const headers: Record<string, string | number> = { ...answer.headers };
	if (answer.rawBody === undefined && payload.length > 0 && !hasHeader(headers, 'content-type')) {
		headers['content-type'] = 'application/json; charset=utf-8';
	}
	headers['content-length'] = payload.length;
	response.writeHead(answer.status, headers);
	response.end(payload);
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
	return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function htmlErrorPage(status: number): string {
	const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
