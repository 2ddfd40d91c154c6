// `npm run lint`: n8n's own `n8n-node lint` in each published package (strict at the root), with ESLint
// looking up the nearest eslint.config.mjs per file. That lookup is what lets the root config stay exactly
// n8n's template while test/, sandbox/ and bench/ (code that never ships) have configs of their own; it is
// ESLint 10's default and an opt-in flag in the ESLint 9 that n8n-node runs.
//   node scripts/lint.mjs [--fix]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { publishedPackages, root } from './packages.mjs';

const CONFIG_LOOKUP_FLAG = 'unstable_config_lookup_from_file';
const n8nNode = join(root, 'node_modules', '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');

const flags = (process.env.ESLINT_FLAGS ?? '').split(',').map((flag) => flag.trim());
const env = {
	...process.env,
	ESLINT_FLAGS: [...new Set([...flags.filter(Boolean), CONFIG_LOOKUP_FLAG])].join(','),
};

let failed = false;
for (const { dir, packageJson } of publishedPackages()) {
	process.stdout.write(`\n[lint] n8n-node lint in ${packageJson.name}\n`);
	const result = spawnSync(process.execPath, [n8nNode, 'lint', ...process.argv.slice(2)], {
		cwd: dir,
		env,
		stdio: 'inherit',
	});
	if (result.error) throw result.error;
	if (result.status !== 0) {
		process.stderr.write(
			`[lint] ${packageJson.name}: n8n-node lint exited with ${result.status}\n`,
		);
		failed = true;
	}
}
process.exit(failed ? 1 : 0);
