/**
 * The peer of benchmark 1: n8n's own HTTP Request node, from n8n-nodes-base 2.41.1 as the n8n 2.41.1 install in
 * `.cache` has it (the one benchmarks 3 and 7 run), run in the same in-process engine as this package's node.
 * It loads with that install's own n8n-workflow (the same 2.41.0 the harness uses) and runs through the
 * harness's n8n-core, credentials and all, as a registered node type.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { IDataObject, INodeParameters, IVersionedNodeType } from 'n8n-workflow';

import type { NodeRun } from '../../test/harness/n8n';
import { registerTestNodeType, runNode } from '../../test/harness/n8n';

/** The project root: bundles run from `.build/bench/`. */
const root = join(__dirname, '..', '..');
const N8N_VERSION = '2.41.1';
/** The name the harness knows it by. */
const NODE = 'httpRequest';

export interface HttpRequestPeer {
	/** The HTTP Request node's newest version (the one the editor adds). */
	version: number;
	/** n8n-nodes-base's version. */
	packageVersion: string;
	/** Sends one request per item, as the workflow's HTTP Request node would. */
	send(items: IDataObject[], target: HologramTarget): Promise<NodeRun>;
}

export interface HologramTarget {
	/** The Hologram API's base URL (the emulator's). */
	baseUrl: string;
	apiKey: string;
}

/**
 * The HTTP Request node set up as a user would to send a Hologram SMS: POST to the SMS endpoint, Authentication
 * "Predefined Credential Type" with the Hologram API credential (its Basic auth), and the JSON body from two
 * fields, each an expression on the item, as this package's node reads device and text. No batching: the
 * node has no limit on requests in flight (batching only spaces their starts), so this is its default and its
 * fastest set-up.
 */
export function httpRequestParameters(baseUrl: string): INodeParameters {
	return {
		method: 'POST',
		url: `${baseUrl.replace(/\/+$/, '')}/sms/incoming`,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: 'hologramApi',
		sendBody: true,
		contentType: 'json',
		specifyBody: 'keypair',
		bodyParameters: {
			parameters: [
				{ name: 'deviceid', value: '={{ $json.deviceId }}' },
				{ name: 'body', value: '={{ $json.text }}' },
			],
		},
		options: {},
	};
}

/** Loads the HTTP Request node from the n8n install (installing n8n 2.41.1 first if it is missing). */
export async function loadHttpRequestPeer(): Promise<HttpRequestPeer> {
	const { ensureN8n, n8nDirFor } = (await import(
		pathToFileURL(join(root, 'scripts', 'ensure-n8n.mjs')).href
	)) as { ensureN8n(version: string): Promise<string>; n8nDirFor(version: string): string };
	await ensureN8n(N8N_VERSION);
	const require = createRequire(join(n8nDirFor(N8N_VERSION), 'package.json'));
	const nodesBase = require.resolve('n8n-nodes-base/package.json');
	const { HttpRequest } = require(
		join(nodesBase, '..', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js'),
	) as { HttpRequest: new () => IVersionedNodeType };
	const nodeType = new HttpRequest();
	// As `n8n-nodes-base.httpRequest`: n8n-core lets only that type use any credential type.
	registerTestNodeType(NODE, nodeType, 'n8n-nodes-base');
	const version = nodeType.description.defaultVersion ?? 1;
	const { version: packageVersion } = require(nodesBase) as { version: string };
	return {
		version,
		packageVersion,
		send: async (items, target) =>
			await runNode({
				node: NODE,
				typeVersion: version,
				parameters: httpRequestParameters(target.baseUrl),
				credentials: { hologramApi: { apiKey: target.apiKey, baseUrl: target.baseUrl } },
				items,
			}),
	};
}
