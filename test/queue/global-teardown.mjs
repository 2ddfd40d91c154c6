// Stops what global-setup.mjs started: the webhook processes and workers first (a worker still running a job
// needs the database), then the main, the balancer, the sandbox, PostgreSQL and Redis, and removes the
// temporary folders (kept with E2E_KEEP=1, to read the logs after a failure).
import { removeFolder } from '../../scripts/n8n-server.mjs';

export default async function globalTeardown() {
	const running = globalThis.__telcoIotQueue;
	if (!running) return;
	globalThis.__telcoIotQueue = undefined;
	await Promise.all(
		[...(running.webhooks ?? []), ...(running.workers ?? [])].map((one) => one.server.stop()),
	);
	await running.main?.stop();
	await running.balancer?.stop();
	await running.sandbox?.close();
	await running.postgres?.stop();
	await running.redis?.stop();
	if (process.env.E2E_KEEP === '1')
		process.stderr.write(`[queue teardown] kept ${running.baseFolder}\n`);
	else removeFolder(running.baseFolder);
}
