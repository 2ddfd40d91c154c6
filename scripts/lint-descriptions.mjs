// n8n's description lint, run on the descriptions as n8n sees them. Our node parameters are generated (the
// operation tables become dropdowns and fields in nodes/shared/operations/properties.ts), so `n8n-node lint`
// only ever sees `properties: buildProperties(api)` and none of its rules about names, actions, defaults or
// dynamic dropdowns fire. This script loads each built node and credential class the way n8n does (from the
// `n8n` block of package.json), writes what it holds out as a literal class in a mirror of the package, and
// lints that mirror with n8n's own config, keeping the rules that look at descriptions.
//   node scripts/lint-descriptions.mjs [--json] [package folder ...]   (default: the published packages)
// Exits 1 when any error is found; each finding names the node, the parameter and the option it is about.
import {
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';

import { publishedPackages, root } from './packages.mjs';

// eslint-plugin-n8n-nodes-base treats every file as "Test.node.ts" when NODE_ENV is `test` (as under Jest),
// which would make its file-name rules fire on everything: drop it before the plugin is loaded.
delete process.env.NODE_ENV;
const { ESLint } = await import('eslint');
const { config: n8nNodeLintConfig } = await import('@n8n/node-cli/eslint');

/**
 * The community-nodes rules that read node or credential descriptions. The others look at code (imports,
 * globals, error handling, the execute and webhook methods) or at package.json, which `n8n-node lint` and
 * the scanner already check on the real files; node-connection-type-literal is about how `inputs` is written
 * in the source (`NodeConnectionTypes.Main` rather than 'main'), which a built description cannot show.
 */
const COMMUNITY_DESCRIPTION_RULES = [
	'cred-class-field-icon-missing',
	'cred-class-oauth2-naming',
	'credential-documentation-url',
	'credential-password-field',
	'credential-test-required',
	'credential-unnecessary-password',
	'icon-prefer-themed-variants',
	'icon-validation',
	'no-builder-hint-leakage',
	'no-credential-reuse',
	'no-emoji-in-options',
	'no-hardcoded-secrets',
	'node-usable-as-tool',
	'require-node-description-fields',
	'resource-operation-pattern',
	'trigger-node-conventions',
	'valid-credential-references',
].map((rule) => `@n8n/community-nodes/${rule}`);

/** All of eslint-plugin-n8n-nodes-base's rules in n8n's config are about descriptions (or file names). */
function isDescriptionRule(ruleId) {
	return ruleId?.startsWith('n8n-nodes-base/') || COMMUNITY_DESCRIPTION_RULES.includes(ruleId);
}

// ---- writing a description out as TypeScript, remembering which parameter each line belongs to ----

function quote(text) {
	return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function propertyKey(key) {
	return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}

function showing(parameter) {
	const show = parameter.displayOptions?.show ?? {};
	const shown = ['resource', 'operation']
		.filter((name) => Array.isArray(show[name]))
		.map((name) => `${name}: ${show[name].join('|')}`);
	return shown.length > 0 ? ` (${shown.join(', ')})` : '';
}

/** How a finding inside this array item is located: parameter "limit" (resource: device, operation: getAll). */
function itemLabel(item, index) {
	if (item === null || typeof item !== 'object') return `[${index}]`;
	if (typeof item.displayName === 'string' && typeof item.name === 'string' && 'type' in item) {
		return `parameter "${item.name}"${showing(item)}`;
	}
	if (typeof item.name === 'string' && 'value' in item) return `option "${item.name}"`;
	if (typeof item.name === 'string') return `"${item.name}"`;
	return `[${index}]`;
}

/** Lines `{ text, where }` of a value; the first line is completed by the caller (`key: ` before it). */
function render(value, depth, where) {
	const indent = (level) => '\t'.repeat(level);
	if (value === null) return [{ text: 'null', where }];
	switch (typeof value) {
		case 'string':
			return [{ text: quote(value), where }];
		case 'number':
		case 'boolean':
			return [{ text: String(value), where }];
		case 'function':
			return [{ text: '() => undefined', where }];
		case 'undefined':
			return [{ text: 'undefined', where }];
		default:
			break;
	}
	const array = Array.isArray(value);
	const entries = array
		? value.map((item, index) => [null, item, [...where, itemLabel(item, index)]])
		: Object.entries(value)
				.filter(([, item]) => item !== undefined)
				.map(([key, item]) => [key, item, where]);
	if (entries.length === 0) return [{ text: array ? '[]' : '{}', where }];
	const lines = [{ text: array ? '[' : '{', where }];
	for (const [key, item, itemWhere] of entries) {
		const inner = render(item, depth + 1, itemWhere);
		inner[0].text = `${indent(depth + 1)}${key === null ? '' : `${propertyKey(key)}: `}${inner[0].text}`;
		inner[inner.length - 1].text += ',';
		lines.push(...inner);
	}
	lines.push({ text: `${indent(depth)}${array ? ']' : '}'}`, where });
	return lines;
}

function classMember(name, value, where) {
	const lines = render(value, 1, where);
	lines[0].text = `\t${name} = ${lines[0].text}`;
	lines[lines.length - 1].text += ';';
	return lines;
}

function nodeClassSource(className, description) {
	return [
		{ text: "import type { INodeType, INodeTypeDescription } from 'n8n-workflow';", where: [] },
		{ text: '', where: [] },
		{ text: `export class ${className} implements INodeType {`, where: [] },
		...classMember('description: INodeTypeDescription', description, []),
		{ text: '}', where: [] },
	];
}

/** A credential class: its fields as literals, its methods (preAuthentication...) as empty stand-ins. */
function credentialClassSource(className, credential) {
	const fields = Object.entries(credential).filter(([, value]) => typeof value !== 'function');
	const methods = [
		...Object.entries(credential).filter(([, value]) => typeof value === 'function'),
		...Object.getOwnPropertyNames(Object.getPrototypeOf(credential))
			.filter((name) => name !== 'constructor')
			.map((name) => [name]),
	].map(([name]) => name);
	return [
		{ text: "import type { ICredentialType } from 'n8n-workflow';", where: [] },
		{ text: '', where: [] },
		{ text: `export class ${className} implements ICredentialType {`, where: [] },
		...fields.flatMap(([name, value]) => classMember(name, value, [])),
		...methods.map((name) => ({ text: `\tasync ${name}() {}`, where: [] })),
		{ text: '}', where: [] },
	];
}

// ---- loading a package as n8n does, and linting its mirror ----

/** The class exported under the file's name, as n8n loads it: dist/nodes/Hologram/Hologram.node.js → Hologram. */
function loadClass(packageDir, file) {
	const require = createRequire(join(packageDir, 'package.json'));
	const className = basename(file).replace(/\.(node|credentials)\.js$/, '');
	const exported = require(join(packageDir, file))[className];
	if (typeof exported !== 'function') {
		throw new Error(`${file} does not export a class named ${className}; run npm run build first?`);
	}
	return { className, instance: new exported() };
}

function copyIcons(from, to) {
	for (const entry of readdirSync(from, { withFileTypes: true })) {
		if (entry.isDirectory()) copyIcons(join(from, entry.name), join(to, entry.name));
		else if (/\.(svg|png)$/.test(entry.name)) {
			mkdirSync(to, { recursive: true });
			copyFileSync(join(from, entry.name), join(to, entry.name));
		}
	}
}

/** Writes the mirror of one package into `mirrorDir`; returns { file → { label, lines } }. */
function writeMirror(packageDir, packageJson, mirrorDir) {
	const written = {};
	const write = (distFile, label, lines) => {
		const file = distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		mkdirSync(join(mirrorDir, dirname(file)), { recursive: true });
		writeFileSync(join(mirrorDir, file), `${lines.map((line) => line.text).join('\n')}\n`);
		written[file] = { label, lines };
	};
	writeFileSync(join(mirrorDir, 'package.json'), JSON.stringify(packageJson, null, '\t'));
	copyIcons(join(packageDir, 'dist'), mirrorDir);
	for (const file of packageJson.n8n?.nodes ?? []) {
		const { className, instance } = loadClass(packageDir, file);
		if (!instance.description) {
			throw new Error(`${file}: versioned nodes (nodeVersions) are not handled by this lint yet`);
		}
		write(file, `node ${className}`, nodeClassSource(className, instance.description));
	}
	for (const file of packageJson.n8n?.credentials ?? []) {
		const { className, instance } = loadClass(packageDir, file);
		write(file, `credential ${className}`, credentialClassSource(className, instance));
	}
	return written;
}

async function lintPackage(packageDir, packageJson, workDir) {
	const mirrorDir = join(workDir, packageJson.name);
	mkdirSync(mirrorDir, { recursive: true });
	const written = writeMirror(packageDir, packageJson, mirrorDir);
	const eslint = new ESLint({
		cwd: mirrorDir,
		overrideConfigFile: true,
		overrideConfig: n8nNodeLintConfig,
		allowInlineConfig: false,
	});
	const results = await eslint.lintFiles(Object.keys(written));
	return results.flatMap((result) => {
		const file = relative(mirrorDir, result.filePath);
		return result.messages
			.filter((message) => isDescriptionRule(message.ruleId) || message.fatal)
			.map((message) => ({
				package: packageJson.name,
				source: written[file].label,
				where: written[file].lines[message.line - 1]?.where.join(' > ') || 'description',
				severity: message.severity === 2 ? 'error' : 'warning',
				ruleId: message.ruleId ?? '(parse error)',
				message: message.message,
			}));
	});
}

async function main() {
	const args = process.argv.slice(2);
	const asJson = args.includes('--json');
	const folders = args.filter((arg) => arg !== '--json');
	const packages =
		folders.length > 0
			? folders.map((folder) => ({
					dir: resolve(folder),
					packageJson: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')),
				}))
			: publishedPackages();
	// Under the project, so the mirror resolves n8n-workflow and the lint config as the real files do.
	mkdirSync(join(root, '.build'), { recursive: true });
	const workDir = mkdtempSync(join(root, '.build', 'description-lint-'));
	const findings = [];
	try {
		for (const { dir, packageJson } of packages) {
			findings.push(...(await lintPackage(dir, packageJson, workDir)));
		}
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
	const errors = findings.filter((finding) => finding.severity === 'error').length;
	if (asJson) {
		process.stdout.write(`${JSON.stringify(findings, null, '\t')}\n`);
	} else {
		for (const finding of findings) {
			process.stdout.write(
				`${finding.package} ${finding.source} ${finding.where}\n  ${finding.severity}  ${finding.message}  ${finding.ruleId}\n`,
			);
		}
		process.stdout.write(
			`[lint-descriptions] ${packages.map((pkg) => pkg.packageJson.name).join(', ')}: ${errors} errors, ${findings.length - errors} warnings\n`,
		);
	}
	process.exit(errors > 0 ? 1 : 0);
}

await main();
