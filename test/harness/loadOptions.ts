/**
 * Fills a node's dropdowns and resource-locator searches as the editor asks n8n's server to:
 * the node's `methods.loadOptions` / `methods.listSearch` run with n8n-core's LoadOptionsContext,
 * which sees the node's current parameters and its credentials.
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import type { CredentialFixtures, NodeUnderTest } from './core';
import { prepareNode } from './core';

export interface LoadOptionsRequest {
	/** The node's name in the package (`hologram`) or a registered test node. */
	node: string;
	/** The method name in `methods.loadOptions` (or `methods.listSearch`). */
	method: string;
	/** The node's parameters as the editor holds them when the dropdown opens. */
	parameters?: INodeParameters;
	credentials: CredentialFixtures;
	/** The dotted path of the parameter whose dropdown is filled, as the editor sends it. */
	path?: string;
}

export interface ListSearchRequest extends LoadOptionsRequest {
	filter?: string;
	paginationToken?: string;
}

async function contextFor(
	request: LoadOptionsRequest,
): Promise<{ prepared: NodeUnderTest; context: LoadOptionsContext }> {
	const prepared = await prepareNode({
		node: request.node,
		parameters: request.parameters ?? {},
		credentials: request.credentials,
	});
	const additionalData: IWorkflowExecuteAdditionalData = {
		...prepared.additionalData,
		// The server passes the editor's parameters here: `getCurrentNodeParameter()` reads them.
		currentNodeParameters: prepared.node.parameters,
	};
	const context = new LoadOptionsContext(
		prepared.workflow,
		prepared.node,
		additionalData,
		request.path ?? `parameters.${request.method}`,
	);
	return { prepared, context };
}

/** Runs `methods.loadOptions[method]` and returns the dropdown's options. */
export async function loadOptions(request: LoadOptionsRequest): Promise<INodePropertyOptions[]> {
	const { prepared, context } = await contextFor(request);
	const method = prepared.nodeType.methods?.loadOptions?.[request.method];
	if (typeof method !== 'function') {
		throw new Error(`Node ${request.node} has no loadOptions method ${request.method}`);
	}
	return await method.call(context);
}

/** Runs `methods.listSearch[method]` with the search text and page token, as a resource locator does. */
export async function listSearch(request: ListSearchRequest): Promise<INodeListSearchResult> {
	const { prepared, context } = await contextFor(request);
	const method = prepared.nodeType.methods?.listSearch?.[request.method];
	if (typeof method !== 'function') {
		throw new Error(`Node ${request.node} has no listSearch method ${request.method}`);
	}
	return await method.call(context, request.filter, request.paginationToken);
}
