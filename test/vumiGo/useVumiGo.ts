import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RecordedRequest, VumiGoEmulator } from '../../sandbox';
import { defaultVumiGoConversationToken, defaultVumiGoToken, vumiGoSeed } from '../../sandbox';
import { runNode } from '../harness/n8n';
import { useSandbox } from '../harness/sandbox';

export const VUMI_API = '/api/v1/go';
export const CONVERSATION_API = `${VUMI_API}/http_api_nostream/${vumiGoSeed.conversationKeys.sms}`;

export interface VumiRunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	accessToken?: string;
	conversationToken?: string;
	/** Other credential fields (an empty conversation token ...). */
	credentials?: Record<string, string>;
}

/** A Vumi Go emulator for the test file, and a way to run the Vumi Go node against it. */
export function useVumiGo() {
	const sandbox = useSandbox(['vumiGo']);
	const emulator = (): VumiGoEmulator => sandbox().emulators.vumiGo as VumiGoEmulator;
	// One credential: the account's token, and the SMS conversation's key and token for sending.
	const credentials = (options: VumiRunOptions = {}) => ({
		vumiGoApi: {
			accessToken: options.accessToken ?? defaultVumiGoToken,
			baseUrl: emulator().url,
			accountKey: vumiGoSeed.accountKey,
			conversationKey: vumiGoSeed.conversationKeys.sms,
			conversationToken: options.conversationToken ?? defaultVumiGoConversationToken,
			httpApiBaseUrl: emulator().httpApiUrl,
			...options.credentials,
		},
	});
	const requests = (): RecordedRequest[] => emulator().requests;
	const lastRequest = (): RecordedRequest => {
		const request = requests().at(-1);
		if (!request) throw new Error('The emulator received no request');
		return request;
	};
	return {
		emulator,
		credentials,
		state: () => emulator().state,
		requests,
		lastRequest,
		/** "METHOD /path?query" of every request, below the API base. */
		calls: () =>
			requests().map((request) => `${request.method} ${request.path.replace(VUMI_API, '')}`),
		/** The JSON-RPC calls the account API received, as `method(params)`. */
		rpcCalls: () =>
			requests()
				.filter((request) => request.pathname === `${VUMI_API}/api/`)
				.map((request) => request.body as { method: string; params: unknown[] }),
		run: async (parameters: INodeParameters, options: VumiRunOptions = {}) =>
			await runNode({
				node: 'vumiGo',
				parameters,
				credentials: credentials(options),
				items: options.items,
				continueOnFail: options.continueOnFail,
			}),
	};
}
