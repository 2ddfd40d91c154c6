/**
 * The sandbox's SmartLiving emulator (its embedded aedes broker with the platform's logins and topic rules) as a
 * process of its own, as `npm run sandbox` runs it, so that a test can SIGKILL the broker: in-process, stopping
 * it always runs its cleanup, and its queue would share the test's heap.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type BrokerProcess, ChildBroker } from './mosquitto';

const projectRoot = join(__dirname, '..', '..');
let bundled: string | undefined;

/** sandbox/cli.ts as one script, packages left to Node (found through NODE_PATH). */
function sandboxScript(): string {
	if (bundled) return bundled;
	const outfile = join(mkdtempSync(join(tmpdir(), 'telco-iot-sandbox-')), 'cli.js');
	// The esbuild command, not its API: buildSync would leave a worker thread that keeps jest's worker alive.
	execFileSync(process.execPath, [
		require.resolve('esbuild/bin/esbuild'),
		join(projectRoot, 'sandbox', 'cli.ts'),
		'--bundle',
		'--platform=node',
		'--format=cjs',
		'--target=node20',
		'--packages=external',
		`--outfile=${outfile}`,
		'--log-level=warning',
	]);
	bundled = outfile;
	return outfile;
}

/** aedes keeps everything in memory: a kill loses every session and queued message, like mosquitto here. */
export class SandboxAedesBroker extends ChildBroker implements BrokerProcess {
	private readonly script = sandboxScript();

	constructor(
		port: number,
		private readonly httpPort: number,
	) {
		super('aedes (sandbox)', port);
	}

	protected command() {
		return {
			file: process.execPath,
			args: [this.script, 'smartLiving', '--port', `smartLiving=${this.httpPort}`, '--host', '127.0.0.1'],
			env: {
				SANDBOX_SMARTLIVING_MQTT_PORT: String(this.port),
				NODE_PATH: join(projectRoot, 'node_modules'),
			},
		};
	}
}
