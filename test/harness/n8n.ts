/**
 * Runs the nodes of both packages (the main one and the MQTT companion) inside n8n's own execution
 * engine, in-process: each built `dist/` loaded the way n8n loads a community package, real
 * credential `authenticate` and `preAuthentication`, real `pairedItem` and `continueOnFail` handling.
 * Only the credential store is replaced, by fixture credentials.
 *
 * Triggers, polling triggers, webhooks and dropdowns run through n8n-core's own contexts too: see
 * `trigger.ts`, `poll.ts`, `webhook.ts` and `loadOptions.ts`, all exported from here.
 */
import { WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	IRun,
	NodeExecutionHint,
} from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import type { CredentialFixtures, PreAuthenticationCall } from './core';
import { prepareNode } from './core';

export {
	FixtureCredentialsHelper,
	MQTT_PACKAGE_NAME,
	PACKAGE_NAME,
	loadPackage,
	registerTestCredentialType,
	registerTestNodeType,
} from './core';
export type { CredentialFixtures, LoadedPackage, PreAuthenticationCall } from './core';
export * from './loadOptions';
export * from './poll';
export * from './trigger';
export * from './webhook';
export { stopAllTriggers } from './running';
export { InMemoryProcessedData, processedDataStore } from './deduplication';

export interface RunNodeOptions {
	/** The node's name in the package (`hologram`), without the package prefix. */
	node: string;
	/** The node's version in the workflow; 1 unless given (a registered peer node may need its latest). */
	typeVersion?: number;
	parameters: INodeParameters;
	/** Fixture credentials by type; a token renewed by `preAuthentication` is written back here. */
	credentials: CredentialFixtures;
	/** Input items; one empty item when left out, as a manual run gives. */
	items?: IDataObject[];
	/** Input items with binary data (files); used instead of `items` when given. */
	inputItems?: INodeExecutionData[];
	continueOnFail?: boolean;
}

/** An input item carrying a file in a binary property, as a Read File node would give it. */
export function binaryItem(
	property: string,
	content: Buffer,
	file: { fileName: string; mimeType: string },
	json: IDataObject = {},
): INodeExecutionData {
	return {
		json,
		binary: {
			[property]: {
				data: content.toString('base64'),
				mimeType: file.mimeType,
				fileName: file.fileName,
				fileSize: String(content.length),
			},
		},
	};
}

export interface NodeRun {
	/** Output items of the node's first output. */
	items: INodeExecutionData[];
	/** The execution error when the node failed (and continueOnFail was off). */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run: IRun;
	/** The credentials' `preAuthentication` calls during this run (token renewals). */
	preAuthenticationCalls: PreAuthenticationCall[];
	/** How often the run read a credential from the store. */
	credentialReads: number;
	/** Hints the node added for the output pane (`addExecutionHints`). */
	hints: NodeExecutionHint[];
	/** Console messages the node sent to the editor (`sendMessageToUI`), in order. */
	uiMessages: unknown[];
}

/** Runs one node as a one-node workflow through n8n-core's WorkflowExecute. */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	const { node, workflow, additionalData, credentialsHelper, uiMessages } =
		await prepareNode(options);
	const items = options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	const run = await new WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	const taskData = run.data.resultData.runData[node.name]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: (run.data.resultData.error ?? taskData?.error) as NodeRun['error'],
		run,
		preAuthenticationCalls: credentialsHelper.preAuthenticationCalls,
		credentialReads: credentialsHelper.credentialReads,
		hints: taskData?.hints ?? [],
		uiMessages,
	};
}
