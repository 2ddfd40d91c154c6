import { Agent, request } from 'node:http';

export interface PlainRequest {
	method: string;
	url: URL;
	headers: Record<string, string>;
	body?: Buffer;
}

export interface PlainRun {
	statuses: Map<number, number>;
}

/**
 * The baseline client: Node's own `http` with a keep-alive agent, `concurrency` requests in flight, each
 * answer read and parsed as JSON (what any client must do), nothing else.
 */
export async function sendPlain(
	count: number,
	concurrency: number,
	requestFor: (index: number) => PlainRequest,
	keepAlive = true,
): Promise<PlainRun> {
	const agent = new Agent({ keepAlive, maxSockets: concurrency });
	const statuses = new Map<number, number>();
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const status = await sendOne(agent, requestFor(next++));
			statuses.set(status, (statuses.get(status) ?? 0) + 1);
		}
	};
	try {
		await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	} finally {
		agent.destroy();
	}
	return { statuses };
}

async function sendOne(agent: Agent, plain: PlainRequest): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const outgoing = request(
			plain.url,
			{
				method: plain.method,
				agent,
				headers: {
					...plain.headers,
					...(plain.body ? { 'content-length': String(plain.body.length) } : {}),
				},
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
					resolve(response.statusCode ?? 0);
				});
				response.on('error', reject);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(plain.body);
	});
}
