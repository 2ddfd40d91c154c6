import { WorkflowExecute } from 'n8n-core';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import type { HoiioEmulator, RecordedRequest } from '../../sandbox';
import { prepareNode } from '../harness/core';
import { runNode } from '../harness/n8n';
import { useSandbox } from '../harness/sandbox';

export interface HoiioRunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	accessToken?: string;
	defaultCountryCode?: string;
	/** The workflow's static data, e.g. from an active Hoiio Trigger. */
	staticData?: IDataObject;
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
		run: async (parameters: INodeParameters, options: HoiioRunOptions = {}) =>
			await runNode({
				node: 'hoiio',
				parameters,
				credentials: credentials(options),
				items: options.items,
				continueOnFail: options.continueOnFail,
				...(options.staticData ? { staticData: options.staticData } : {}),
			} as Parameters<typeof runNode>[0]),
		/** Runs the node on items that carry binary data (runNode takes JSON items only). */
		runWithBinary: async (parameters: INodeParameters, items: INodeExecutionData[]) => {
			const { node, workflow, additionalData } = await prepareNode({
				node: 'hoiio',
				parameters,
				credentials: credentials(),
			});
			const run = await new WorkflowExecute(
				additionalData,
				'manual',
				createRunExecutionData({
					executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
				}),
			).processRunExecutionData(workflow);
			const taskData = run.data.resultData.runData[node.name]?.[0];
			return {
				items: taskData?.data?.main?.[0] ?? [],
				error: (run.data.resultData.error ?? taskData?.error) as
					| (Error & { description?: string })
					| undefined,
			};
		},
	};
}

/** The form body the emulator received, without the credential parameters. */
export function sentParameters(request: RecordedRequest): Record<string, unknown> {
	const parameters = { ...(request.body as Record<string, unknown>) };
	delete parameters.app_id;
	delete parameters.access_token;
	return parameters;
}
