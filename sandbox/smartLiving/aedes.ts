import type { Aedes } from 'aedes';
import { runInThisContext } from 'node:vm';

/**
 * aedes 1.x is ESM only. Node 24's own `require` loads it, but jest's module loader refuses ESM unless Node runs
 * with --experimental-vm-modules, so the broker is loaded through the main context's `require` in every case
 * (under plain Node that is simply the normal loader).
 */
export function loadAedes(): typeof Aedes {
	const mainProcess = runInThisContext('process') as NodeJS.Process;
	const nodeRequire = mainProcess.getBuiltinModule('node:module').createRequire(__filename);
	return (nodeRequire('aedes') as { Aedes: typeof Aedes }).Aedes;
}
