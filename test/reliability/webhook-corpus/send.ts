import { Agent, request } from 'node:http';

import type { CorpusRequest } from './corpus';

export interface Answer {
	/** The HTTP status; 0 when no answer came (the connection failed). */
	status: number;
	body: string;
}

/** The header that ties a recorded request (and any run it started) to its corpus entry. */
export const CORPUS_ID_HEADER = 'x-corpus-id';

/**
 * Sends the requests to `origin` (http://host:port) over keep-alive connections, at most
 * `concurrency` at a time; answers come back in the order of the requests.
 */
export async function sendAll(
	origin: string,
	requests: CorpusRequest[],
	concurrency = 8,
): Promise<Answer[]> {
	const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
	const answers: Answer[] = new Array(requests.length);
	let next = 0;
	const worker = async () => {
		while (next < requests.length) {
			const index = next++;
			answers[index] = await sendOne(agent, origin, requests[index], String(index));
		}
	};
	try {
		await Promise.all(Array.from({ length: concurrency }, worker));
	} finally {
		agent.destroy();
	}
	return answers;
}

function sendOne(agent: Agent, origin: string, entry: CorpusRequest, id: string): Promise<Answer> {
	const { hostname, port } = new URL(origin);
	return new Promise((resolve) => {
		const outgoing = request(
			{ agent, hostname, port, method: entry.method, path: entry.path },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						body: Buffer.concat(chunks).toString().slice(0, 300),
					}),
				);
				response.on('error', (error) => resolve({ status: 0, body: error.message }));
			},
		);
		outgoing.on('error', (error) => resolve({ status: 0, body: error.message }));
		for (const [name, value] of Object.entries(entry.headers)) outgoing.setHeader(name, value);
		outgoing.setHeader(CORPUS_ID_HEADER, id);
		// Framed by length whatever the method: GET, HEAD and DELETE get no chunked encoding.
		outgoing.setHeader('content-length', entry.body.length);
		outgoing.end(entry.body);
	});
}
