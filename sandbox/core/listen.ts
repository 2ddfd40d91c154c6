import type { Server } from 'node:net';

/** Starts listening (an HTTP server is a net server too); rejects when the port cannot be bound. */
export async function listen(server: Server, port: number, host: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen({ port, host, backlog: 4096 }, () => {
			server.off('error', reject);
			resolve();
		});
	});
}
