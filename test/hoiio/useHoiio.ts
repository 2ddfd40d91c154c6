import { WorkflowExecute } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import type { HoiioEmulator, RecordedRequest } from '../../sandbox';
import { prepareNode } from '../harness/core';
import type { NodeRun, RunNodeOptions, RunningWebhookTrigger } from '../harness/n8n';
import { PACKAGE_NAME, runNode } from '../harness/n8n';
import { useSandbox } from '../harness/sandbox';

export interface HoiioRunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	accessToken?: string;
	defaultCountryCode?: string;
	/** A running Hoiio Trigger to run beside, in the same workflow ("Report to Hoiio Trigger"). */
	beside?: RunningWebhookTrigger;
	/** The ID of the Hoiio credential the trigger node names there; the node's own by default. */
	triggerCredentialId?: string;
}

/** A Hoiio emulator for the test file, and a way to run the Hoiio node against it. */
export function useHoiio() {
	const sandbox = useSandbox(['hoiio']);
	const emulator = (): HoiioEmulator => sandbox().emulators.hoiio as HoiioEmulator;
	const credentials = (options: HoiioRunOptions = {}) => ({
		hoiioApi: {
			appId: emulator().appId,
			accessToken: options.accessToken ?? emulator().accessToken,
			defaultCountryCode: options.defaultCountryCode ?? '',
			baseUrl: sandbox().urls.hoiio as string,
		},
	});
	beforeEach(() => emulator().setNotifyDelay('manual'));
	const apiRequests = (): RecordedRequest[] =>
		emulator().requests.filter((request) => !request.pathname.startsWith('/__sandbox'));
	return {
		emulator,
		credentials,
		state: () => emulator().state,
		requests: apiRequests,
		lastRequest: (): RecordedRequest => {
			const request = apiRequests().at(-1);
			if (!request) throw new Error('The emulator received no request');
			return request;
		},
		run: async (parameters: INodeParameters, options: HoiioRunOptions = {}) => {
			const run: RunNodeOptions = {
				node: 'hoiio',
				parameters,
				credentials: credentials(options),
				items: options.items,
				continueOnFail: options.continueOnFail,
			};
			return options.beside
				? await runBesideTrigger(options.beside, run, options.triggerCredentialId)
				: await runNode(run);
		},
		/** Runs the node on items that carry binary data. */
		runWithBinary: async (parameters: INodeParameters, inputItems: INodeExecutionData[]) =>
			await runNode({ node: 'hoiio', parameters, credentials: credentials(), inputItems }),
	};
}

/**
 * Runs the Hoiio node in the workflow of a running Hoiio Trigger, as a worker would: the workflow's
 * nodes (the trigger with its ID, webhook ID and credential) and n8n's webhook base URL, nothing more.
 * No static data: in queue mode the worker gets none of what the trigger stored on the main process.
 */
async function runBesideTrigger(
	trigger: RunningWebhookTrigger,
	options: RunNodeOptions,
	triggerCredentialId?: string,
): Promise<NodeRun> {
	// The trigger's URL is <n8n>/webhook/<webhook ID>/webhook.
	const url = new URL(trigger.url);
	const prepared = await prepareNode(options, url.origin);
	// The harness gives every node under test one ID and name: the trigger has them, the sender gets others.
	const triggerNode: INode = {
		id: prepared.node.id,
		name: prepared.node.name,
		type: `${PACKAGE_NAME}.hoiioTrigger`,
		typeVersion: 1,
		position: [0, 200],
		parameters: {},
		credentials: triggerCredentialId
			? { hoiioApi: { id: triggerCredentialId, name: 'Another Hoiio account' } }
			: prepared.node.credentials,
		webhookId: url.pathname.split('/')[2],
	};
	const sender: INode = { ...prepared.node, id: 'hoiio-sender', name: 'Hoiio' };
	const workflow = new Workflow({
		id: prepared.workflow.id,
		name: prepared.workflow.name,
		nodes: [sender, triggerNode],
		connections: {},
		active: true,
		nodeTypes: prepared.workflow.nodeTypes,
		staticData: {},
		settings: {},
	});
	const items = options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: sender, data: { main: [items] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(
		prepared.additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	const taskData = run.data.resultData.runData[sender.name]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: (run.data.resultData.error ?? taskData?.error) as NodeRun['error'],
		run,
		preAuthenticationCalls: prepared.credentialsHelper.preAuthenticationCalls,
		hints: taskData?.hints ?? [],
		uiMessages: prepared.uiMessages,
	};
}

/** The form body the emulator received, without the credential parameters. */
export function sentParameters(request: RecordedRequest): Record<string, unknown> {
	const parameters = { ...(request.body as Record<string, unknown>) };
	delete parameters.app_id;
	delete parameters.access_token;
	return parameters;
}
