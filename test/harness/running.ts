/** Triggers and webhook endpoints still active, so a failed test cannot leave a server open. */
const running = new Set<() => Promise<void>>();

/** Registers what deactivates a trigger or webhook; returns what unregisters it. */
export function trackRunning(stop: () => Promise<void>): () => void {
	running.add(stop);
	return () => running.delete(stop);
}

/**
 * Deactivates every trigger and webhook a test left active (`afterEach(stopAllTriggers)`), as the
 * server deactivates a workflow: close functions run, webhooks are deleted, servers close.
 */
export async function stopAllTriggers(): Promise<void> {
	const stops = [...running];
	running.clear();
	await Promise.allSettled(stops.map(async (stop) => await stop()));
}
