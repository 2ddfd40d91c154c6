// `node scripts/code-size.mjs [--max-file N] [--max-function N] [--top N] [dir ...]`: the longest files
// and functions of the shipped code (nodes/ and credentials/ of both packages by default), measured in
// lines with the TypeScript parser, so arrow functions and methods count as functions too. Exits 1 when
// a file or a function is longer than the limits (400 and 80 lines, the project's rule).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import ts from 'typescript';

import { root } from './packages.mjs';

const argv = process.argv.slice(2);
function option(name, fallback) {
	const at = argv.indexOf(name);
	if (at < 0) return fallback;
	const value = Number(argv[at + 1]);
	argv.splice(at, 2);
	return value;
}
const maxFile = option('--max-file', 400);
const maxFunction = option('--max-function', 80);
const top = option('--top', 5);
const dirs = argv.length > 0 ? argv : ['nodes', 'credentials', 'n8n-nodes-telco-iot-mqtt/nodes'];

function sourceFiles(dir) {
	const files = [];
	for (const name of readdirSync(dir)) {
		if (name === 'node_modules' || name === 'dist') continue;
		const path = join(dir, name);
		if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
		else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(path);
	}
	return files;
}

function lineOf(source, position) {
	return source.getLineAndCharacterOfPosition(position).line + 1;
}

/** A readable name for a function node: its own, the variable or property it is assigned to, or `<anonymous>`. */
function nameOf(node) {
	if (node.name && ts.isIdentifier(node.name)) return node.name.text;
	if (node.name) return node.name.getText();
	const parent = node.parent;
	if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name)
		return parent.name.getText();
	return '<anonymous>';
}

const files = [];
const functions = [];
for (const dir of dirs) {
	for (const path of sourceFiles(join(root, dir))) {
		const text = readFileSync(path, 'utf8');
		const name = relative(root, path);
		files.push({ name, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) });
		const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
		const visit = (node) => {
			if (ts.isFunctionLike(node) && node.body) {
				const lines = lineOf(source, node.getEnd()) - lineOf(source, node.getStart(source)) + 1;
				functions.push({ name: `${name}:${lineOf(source, node.getStart(source))} ${nameOf(node)}`, lines });
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
}

const longest = (list) => [...list].sort((a, b) => b.lines - a.lines);
const print = (title, list, limit) => {
	process.stdout.write(`${title} (limit ${limit}):\n`);
	for (const entry of longest(list).slice(0, top)) process.stdout.write(`  ${entry.lines}\t${entry.name}\n`);
};
print('Longest files', files, maxFile);
print('Longest functions', functions, maxFunction);
const tooLong = [
	...files.filter((file) => file.lines > maxFile),
	...functions.filter((fn) => fn.lines > maxFunction),
];
if (tooLong.length > 0) {
	process.stdout.write(`Over the limit:\n${tooLong.map((entry) => `  ${entry.lines}\t${entry.name}`).join('\n')}\n`);
	process.exit(1);
}
