// The demo's and the e2e tests' content, read from files so each provider adds its own without touching code:
//   examples/credentials/<credentialType>.json  a credential for the sandbox; "${sandbox.<provider>}" in a value
//                                               becomes that emulator's base URL
//   examples/<provider>-*.json                  workflows a user can import; "active": true ones are activated;
//                                               "${n8n.url}" in a value becomes the URL of the n8n they go into
//                                               (a Hoiio Trigger's Production URL copied into a send, say), and
//                                               "${dataTable.<name>}" the ID of that Data Table
//   examples/data-tables/<name>.json            an n8n Data Table the workflows use: its columns and seed rows
// Workflows name their credentials by type; the import binds each to the sandbox credential of that type.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { selectedVersion } from './ensure-n8n.mjs';
import { packageClasses, packages, root } from './n8n-server.mjs';

export const examplesDir = join(root, 'examples');
const credentialsDir = join(examplesDir, 'credentials');
const dataTablesDir = join(examplesDir, 'data-tables');

function readJsonFiles(dir) {
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, content: JSON.parse(readFileSync(join(dir, file), 'utf8')) }));
}

/**
 * The node type names the built packages declare: `n8n-nodes-telco-iot.hologram`, ...,
 * `n8n-nodes-telco-iot-mqtt.smartLivingTrigger`.
 */
export function packageNodeTypes() {
	return packageClasses('nodes').map(
		({ packageName, instance }) => `${packageName}.${instance.description.name}`,
	);
}

/**
 * Sandbox credentials for the credential types the package has, with sandbox URLs filled in. A template
 * whose type the package lacks, or whose emulator is not running, is skipped with the reason.
 */
export function sandboxCredentials(credentialTypes, sandboxUrls) {
	const credentials = [];
	const skipped = [];
	for (const { file, content } of readJsonFiles(credentialsDir)) {
		if (!credentialTypes.includes(content.type)) {
			skipped.push(`${file}: the packages have no credential type ${content.type}`);
			continue;
		}
		let missing;
		const data = JSON.parse(
			JSON.stringify(content.data).replace(/\$\{sandbox\.(\w+)\}/g, (_match, provider) => {
				if (!sandboxUrls[provider]) missing = provider;
				return sandboxUrls[provider] ?? '';
			}),
		);
		if (missing) skipped.push(`${file}: the ${missing} sandbox is not running`);
		else credentials.push({ file, name: content.name, type: content.type, data });
	}
	for (const type of credentialTypes) {
		if (
			!credentials.some((credential) => credential.type === type) &&
			!skipped.some((note) => note.includes(`${type}.json`))
		)
			skipped.push(`${type}: no examples/credentials/${type}.json yet`);
	}
	return { credentials, skipped };
}

/** Example workflows whose nodes all exist (n8n's own nodes, and the built ones of both packages). */
export function exampleWorkflows(nodeTypes) {
	const workflows = [];
	const skipped = [];
	for (const { file, content } of readJsonFiles(examplesDir)) {
		const missing = content.nodes
			.map((node) => node.type)
			.filter(
				(type) =>
					packages.some(({ json }) => type.startsWith(`${json.name}.`)) &&
					!nodeTypes.includes(type),
			);
		if (missing.length > 0)
			skipped.push(`${file}: the packages have no ${[...new Set(missing)].join(', ')}`);
		else workflows.push({ file, workflow: content });
	}
	return { workflows, skipped };
}

/**
 * The workflow with "${n8n.url}" in its values replaced by the URL of the n8n it goes into, and
 * "${dataTable.<name>}" by the ID of that Data Table there.
 */
export function withN8nUrl(workflow, n8nUrl, dataTableIds = {}) {
	const text = JSON.stringify(workflow)
		.replaceAll('${n8n.url}', n8nUrl.replace(/\/+$/, ''))
		.replace(/\$\{dataTable\.(\w+)\}/g, (placeholder, name) => dataTableIds[name] ?? placeholder);
	return JSON.parse(text);
}

/**
 * The workflow as the public API takes it for the n8n at `n8nUrl`, each node's credentials bound to the
 * ids in `credentialIds`, its Data Tables to `dataTableIds`.
 */
export function workflowForImport(workflow, credentialIds, n8nUrl, dataTableIds = {}) {
	const nodes = withN8nUrl(workflow, n8nUrl, dataTableIds).nodes.map((node) => {
		if (!node.credentials) return node;
		const credentials = Object.fromEntries(
			Object.entries(node.credentials).map(([type, reference]) => [
				type,
				credentialIds[type]
					? { id: credentialIds[type].id, name: credentialIds[type].name }
					: reference,
			]),
		);
		return { ...node, credentials };
	});
	return {
		name: workflow.name,
		nodes,
		connections: workflow.connections,
		settings: workflow.settings ?? { executionOrder: 'v1' },
	};
}

/**
 * Creates the credential, or updates it when `existingId` still exists; returns its id. n8n 1.x's public API
 * derives a JSON schema from the credential's fields that wrongly requires the fields of every option at
 * once (SmartLiving's legacy login beside a Maker token, the allowed domains it adds to every credential),
 * so on 1.x the credential is saved as the editor saves it, through the internal REST API.
 */
export async function upsertCredential(client, credential, existingId) {
	const body = { name: credential.name, type: credential.type, data: credential.data };
	const viaRest = selectedVersion.startsWith('1.');
	if (existingId) {
		const response = viaRest
			? await client.request('PATCH', `/rest/credentials/${existingId}`, {
					body,
					headers: { cookie: client.cookie ?? '' },
				})
			: await client.request('PATCH', `/api/v1/credentials/${existingId}`, {
					body,
					headers: { 'x-n8n-api-key': client.apiKey },
				});
		if (response.status === 200) return existingId;
		if (response.status !== 404)
			throw new Error(`updating credential ${existingId}: ${response.status} ${response.text}`);
	}
	const created = viaRest
		? await client.rest('POST', '/credentials', body)
		: await client.api('POST', '/credentials', body);
	return created.id;
}

/**
 * Imports a workflow with its credentials and Data Tables bound; activates it when the file says
 * `"active": true`.
 */
export async function importWorkflow(client, workflow, credentialIds, dataTableIds = {}) {
	const created = await client.api(
		'POST',
		'/workflows',
		workflowForImport(workflow, credentialIds, client.url, dataTableIds),
	);
	if (workflow.active) await client.api('POST', `/workflows/${created.id}/activate`);
	return created.id;
}

/** The Data Tables the examples use: name, columns and seed rows (examples/data-tables/<name>.json). */
export function dataTableTemplates() {
	return readJsonFiles(dataTablesDir).map(({ content }) => content);
}

/**
 * Makes sure each example Data Table exists in the owner's personal project, creating a missing one with
 * its seed rows; returns name → ID. Tables go through n8n's internal REST API, the same route on n8n 1.x
 * and 2.x (1.x has no public Data Table API).
 */
export async function ensureDataTables(client, templates = dataTableTemplates()) {
	const project = await client.rest('GET', '/projects/personal');
	const base = `/projects/${project.id}/data-tables`;
	const listed = await client.rest('GET', `${base}?take=250`);
	const ids = Object.fromEntries((listed.data ?? []).map((table) => [table.name, table.id]));
	for (const { name, columns, rows = [] } of templates) {
		if (ids[name]) continue;
		const created = await client.rest('POST', base, { name, columns });
		ids[name] = created.id;
		if (rows.length > 0)
			await client.rest('POST', `${base}/${created.id}/insert`, {
				data: rows,
				returnType: 'count',
			});
	}
	return ids;
}
