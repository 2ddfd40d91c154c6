/**
 * Code comments point at the repository's Markdown by path and heading anchor
 * (`docs/wire-formats/hoiio.md#inbound-notifications`, `BENCHMARKS.md#1-overhead`). Every such link must
 * name a file that exists and a heading it has, with the anchor GitHub gives that heading, so a renamed
 * heading or a link typed by hand cannot go stale unnoticed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const projectRoot = join(__dirname, '..', '..');
const SOURCE_FOLDERS = [
	'nodes',
	'credentials',
	'sandbox',
	'test',
	'bench',
	'scripts',
	'n8n-nodes-telco-iot-mqtt',
];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.build']);
const SOURCE_FILE = /\.(ts|mjs|cjs|js)$/;
/** A path to a Markdown file of the repository (from its root) with a heading anchor. */
const MARKDOWN_LINK = /(?<![\w/.-])((?:[\w.-]+\/)*[\w.-]+\.md)#([\w-]+)/g;

function sourceFiles(folder: string): string[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(path);
		return SOURCE_FILE.test(entry.name) ? [path] : [];
	});
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
export function githubAnchor(heading: string): string {
	return heading
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

/** Every anchor of a Markdown file; a repeated heading gets `-1`, `-2`, ... as on GitHub. */
export function headingAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	let inFence = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
		const heading = inFence ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const anchor = githubAnchor(heading[1]);
		let unique = anchor;
		for (let count = 1; anchors.has(unique); count++) unique = `${anchor}-${count}`;
		anchors.add(unique);
	}
	return anchors;
}

interface Link {
	where: string;
	file: string;
	anchor: string;
}

const links: Link[] = SOURCE_FOLDERS.flatMap((folder) =>
	sourceFiles(join(projectRoot, folder)).flatMap((path) =>
		readFileSync(path, 'utf8')
			.split('\n')
			.flatMap((line, index) =>
				[...line.matchAll(MARKDOWN_LINK)].map((match) => ({
					where: `${relative(projectRoot, path)}:${index + 1}`,
					file: match[1],
					anchor: match[2],
				})),
			),
	),
);

function brokenLinks(): string[] {
	const anchorsOf = new Map<string, Set<string> | undefined>();
	return links.flatMap(({ where, file, anchor }) => {
		if (!anchorsOf.has(file)) {
			const path = join(projectRoot, file);
			anchorsOf.set(file, existsSync(path) ? headingAnchors(readFileSync(path, 'utf8')) : undefined);
		}
		const anchors = anchorsOf.get(file);
		if (!anchors) return [`${where}: ${file} does not exist`];
		return anchors.has(anchor) ? [] : [`${where}: ${file} has no heading with the anchor #${anchor}`];
	});
}

describe('links from code comments to the Markdown docs', () => {
	it('computes anchors as GitHub does', () => {
		expect(githubAnchor('Account API (JSON-RPC)')).toBe('account-api-json-rpc');
		expect(githubAnchor('Errors inside an HTTP 200')).toBe('errors-inside-an-http-200');
		expect(githubAnchor('Profiling benchmark 1 (`--cpu-prof`)')).toBe('profiling-benchmark-1---cpu-prof');
		expect(githubAnchor('1. Overhead')).toBe('1-overhead');
		expect([...headingAnchors('# A\n```\n# not a heading\n```\n## Notes\n### Notes\n')]).toEqual([
			'a',
			'notes',
			'notes-1',
		]);
	});

	it('finds the wire-format links of the code', () => {
		const wireFormatFiles = new Set(
			links.filter(({ file }) => file.startsWith('docs/wire-formats/')).map(({ file }) => file),
		);
		expect([...wireFormatFiles].sort()).toEqual([
			'docs/wire-formats/hoiio.md',
			'docs/wire-formats/hologram.md',
			'docs/wire-formats/smartLiving.md',
			'docs/wire-formats/syniverseScg.md',
			'docs/wire-formats/vumiGo.md',
		]);
	});

	it('point at files that exist and headings they have', () => {
		expect(brokenLinks()).toEqual([]);
	});

	it('no longer cite the numbered sections of the old wire notes', () => {
		// This file spells the pattern out, so it is the one file not searched.
		const others = (folder: string) => sourceFiles(folder).filter((path) => path !== __filename);
		const citations = SOURCE_FOLDERS.flatMap((folder) =>
			others(join(projectRoot, folder)).flatMap((path) =>
				readFileSync(path, 'utf8')
					.split('\n')
					.flatMap((line, index) =>
						/wire notes §|\(§\d/.test(line) ? [`${relative(projectRoot, path)}:${index + 1}`] : [],
					),
			),
		);
		expect(citations).toEqual([]);
	});
});
