import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The two packages are released together: same version, same metadata, the same tools and libraries. */

interface PackageJson {
	name: string;
	version: string;
	description: string;
	license: string;
	author: unknown;
	homepage: string;
	keywords: string[];
	repository: { type: string; url: string; directory?: string };
	files: string[];
	engines: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
}

const root = join(__dirname, '..', '..');
const companionFolder = 'n8n-nodes-telco-iot-mqtt';
const read = (folder: string) =>
	JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as PackageJson;
const main = read('.');
const companion = read(companionFolder);

describe('n8n-nodes-telco-iot and n8n-nodes-telco-iot-mqtt are versioned together', () => {
	test('same version and node API version', () => {
		expect(companion.name).toBe(companionFolder);
		expect(companion.version).toBe(main.version);
		expect(companion.n8n.n8nNodesApiVersion).toBe(main.n8n.n8nNodesApiVersion);
	});

	test('any requirement of the main package names exactly its version', () => {
		for (const field of ['dependencies', 'devDependencies', 'peerDependencies'] as const) {
			const required = companion[field]?.[main.name];
			if (required !== undefined)
				expect({ field, required }).toEqual({ field, required: main.version });
		}
	});

	test('same author, license, engines and repository, the companion in its own directory', () => {
		expect(companion.author).toEqual(main.author);
		expect(companion.license).toBe(main.license);
		expect(companion.engines).toEqual(main.engines);
		expect(companion.repository).toEqual({ ...main.repository, directory: companionFolder });
		expect(companion.keywords).toContain('n8n-community-node-package');
		expect(companion.files).toEqual(['dist']);
		expect(companion.n8n.strict).toBe(false);
	});

	test('the companion’s only runtime dependency is mqtt, at the version the tests run against', () => {
		expect(Object.keys(companion.dependencies ?? {})).toEqual(['mqtt']);
		expect(companion.dependencies?.mqtt).toBe(`^${main.devDependencies?.mqtt}`);
		expect(companion.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(main.dependencies ?? {}).toEqual({});
	});

	test('the companion’s build tools are the versions the repository installs', () => {
		for (const [name, version] of Object.entries(companion.devDependencies ?? {}))
			expect({ name, version }).toEqual({ name, version: main.devDependencies?.[name] });
	});
});
