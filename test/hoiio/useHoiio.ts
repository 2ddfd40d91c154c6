import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { HoiioEmulator, RecordedRequest } from '../../sandbox';
import { runNode } from '../harness/n8n';
import { useSandbox } from '../harness/sandbox';

export interface HoiioRunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	accessToken?: string;
	defaultCountryCode?: string;
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
			}),
		/** Runs the node on items that carry binary data. */
		runWithBinary: async (parameters: INodeParameters, inputItems: INodeExecutionData[]) =>
			await runNode({ node: 'hoiio', parameters, credentials: credentials(), inputItems }),
	};
}

/** The form body the emulator received, without the credential parameters. */
export function sentParameters(request: RecordedRequest): Record<string, unknown> {
	const parameters = { ...(request.body as Record<string, unknown>) };
	delete parameters.app_id;
	delete parameters.access_token;
	return parameters;
}
