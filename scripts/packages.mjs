// The packages this repository publishes: n8n-nodes-telco-iot at the root and, when its folder exists, the
// MQTT companion package (n8n-nodes-telco-iot-mqtt/, which n8n Cloud cannot verify: it depends on `mqtt`).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const COMPANION_FOLDER = 'n8n-nodes-telco-iot-mqtt';

/** `{ dir, companion, packageJson }` for the main package, then the companion if present. */
export function publishedPackages() {
	return [root, join(root, COMPANION_FOLDER)]
		.filter((dir) => existsSync(join(dir, 'package.json')))
		.map((dir) => ({
			dir,
			companion: dir !== root,
			packageJson: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')),
		}));
}

/**
 * What `npm pack --json` says of the one package it packed (`filename`, `files`, ...): npm 11 and earlier
 * print an array of packages, npm 12 an object keyed by package name; anything a script printed comes first.
 */
export function packedPackage(output) {
	const start = output.search(/^[[{]/m);
	if (start < 0) throw new Error(`npm pack printed no JSON:\n${output}`);
	const parsed = JSON.parse(output.slice(start));
	const [packed] = Array.isArray(parsed) ? parsed : Object.values(parsed);
	if (!packed?.filename) throw new Error(`npm pack named no tarball:\n${output}`);
	return packed;
}
