/**
 * The codex file next to each node (Hologram.node.json...) that n8n reads for the node panel and the
 * integrations pages: it names the node, and uses only categories n8n's own nodes use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const projectRoot = join(__dirname, '..', '..');
const packageFolders = [projectRoot, join(projectRoot, 'n8n-nodes-telco-iot-mqtt')].filter(
	(folder) => existsSync(join(folder, 'package.json')),
);

/** The categories of n8n-nodes-base 2.41.1's app nodes; none of them has subcategories. */
const N8N_CATEGORIES = [
	'Analytics',
	'Communication',
	'Data & Storage',
	'Development',
	'Finance & Accounting',
	'Marketing',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
];

interface Codex {
	node: string;
	nodeVersion: string;
	codexVersion: string;
	categories: string[];
	subcategories?: unknown;
	resources?: Record<string, Array<{ url: string }>>;
}

const nodes = packageFolders.flatMap((folder) => {
	const packageJson = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
		name: string;
		n8n: { nodes: string[] };
	};
	return packageJson.n8n.nodes.map((distFile) => {
		const className = distFile.replace(/^.*\//, '').replace(/\.node\.js$/, '');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const nodeClass = require(join(folder, distFile))[className] as new () => {
			description: { name: string; version: number | number[] };
		};
		const codexFile = join(folder, distFile.replace(/^dist\//, '').replace(/\.js$/, '.json'));
		return {
			label: `${packageJson.name} ${className}`,
			packageName: packageJson.name,
			description: new nodeClass().description,
			codex: JSON.parse(readFileSync(codexFile, 'utf8')) as Codex,
		};
	});
});

describe.each(nodes)('codex of $label', ({ packageName, description, codex }) => {
	test('names the node as n8n registers it, with its version', () => {
		expect(codex.node).toBe(`${packageName}.${description.name}`);
		const versions = [description.version].flat();
		expect(codex.nodeVersion).toBe(`${Math.max(...versions)}.0`);
		expect(codex.codexVersion).toBe('1.0');
	});

	test("uses n8n's categories and no subcategories of its own", () => {
		expect(codex.categories.length).toBeGreaterThan(0);
		for (const category of codex.categories) expect(N8N_CATEGORIES).toContain(category);
		expect(codex.subcategories).toBeUndefined();
	});

	test('links the provider documentation for the node and its credential', () => {
		for (const kind of ['primaryDocumentation', 'credentialDocumentation']) {
			const links = codex.resources?.[kind] ?? [];
			expect({ kind, links }).toEqual({
				kind,
				links: expect.arrayContaining([{ url: expect.stringMatching(/^https:\/\//) }]),
			});
		}
	});
});
