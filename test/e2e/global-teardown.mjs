// Stops what global-setup.mjs started: the n8n process group (server and task runner), the sandbox, and the
// temporary user folder (kept with E2E_KEEP=1, to read n8n.log after a failure).
import { removeFolder } from '../../scripts/n8n-server.mjs';

export default async function globalTeardown() {
	const running = globalThis.__telcoIotE2e;
	if (!running) return;
	globalThis.__telcoIotE2e = undefined;
	await running.n8n?.stop();
	await running.sandbox?.close();
	if (process.env.E2E_KEEP === '1')
		process.stderr.write(`[e2e teardown] kept ${running.userFolder}\n`);
	else removeFolder(running.userFolder);
}
