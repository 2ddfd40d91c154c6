// Builds dist/: one CommonJS file per node and credential, plus icons and codex files.
// The shared sources of the repository (the SmartLiving login, API helper, dropdowns and fields, the
// credential, nodes/shared) are bundled into each file, so they are written once and this package ships
// without the main one; `mqtt` stays a runtime dependency and `n8n-workflow` is n8n's own (external).
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

rmSync(dist, { recursive: true, force: true });
await esbuild.build({
	absWorkingDir: here,
	entryPoints: [
		'nodes/SmartLiving/SmartLivingTrigger.node.ts',
		'nodes/SmartLiving/SmartLivingMqtt.node.ts',
		'credentials/SmartLivingApi.credentials.ts',
	],
	outdir: 'dist',
	outbase: '.',
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	external: ['mqtt', 'n8n-workflow'],
	logLevel: 'warning',
});

const assets = join(here, 'nodes', 'SmartLiving');
mkdirSync(join(dist, 'nodes', 'SmartLiving'), { recursive: true });
for (const file of readdirSync(assets).filter((name) => /\.(svg|png|node\.json)$/.test(name)))
	cpSync(join(assets, file), join(dist, 'nodes', 'SmartLiving', file));
