import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { HologramEmulator, RecordedRequest } from '../../sandbox';
import { runNode } from '../harness/n8n';
import { useSandbox } from '../harness/sandbox';

export interface HologramRunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	apiKey?: string;
}

/** A Hologram emulator for the test file, and a way to run the Hologram node against it. */
export function useHologram() {
	const sandbox = useSandbox(['hologram']);
	const emulator = (): HologramEmulator => sandbox().emulators.hologram as HologramEmulator;
	const credentials = (apiKey = emulator().apiKey) => ({
		hologramApi: { apiKey, baseUrl: sandbox().urls.hologram as string },
	});
	return {
		emulator,
		credentials,
		state: () => emulator().state,
		/** Requests to the API, without the node's own dropdown look-ups. */
		requests: (): RecordedRequest[] => emulator().requests,
		lastRequest: (): RecordedRequest => {
			const request = emulator().requests.at(-1);
			if (!request) throw new Error('The emulator received no request');
			return request;
		},
		run: async (parameters: INodeParameters, options: HologramRunOptions = {}) =>
			await runNode({
				node: 'hologram',
				parameters,
				credentials: credentials(options.apiKey),
				items: options.items,
				continueOnFail: options.continueOnFail,
			}),
	};
}

/** What a Basic-auth header for the Hologram key looks like on the wire. */
export function basicAuthFor(apiKey: string): string {
	return `Basic ${Buffer.from(`apikey:${apiKey}`).toString('base64')}`;
}
