import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RecordedRequest, SyniverseScgEmulator } from '../../sandbox';
import { defaultScgCredentials } from '../../sandbox';
import { runNode } from '../harness/n8n';
import { useSandbox } from '../harness/sandbox';
// The built module, the one the harness loads into n8n.
import { forgetTokenRenewals } from '../../dist/credentials/SyniverseScgApi.credentials';

export const SCG_API = '/scg-external-api/api/v1';
export const SCG_CONTENT = '/scg-attachment/api/v1';
export const ESS_API = '/ess/v1';

export interface ScgRunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	accessToken?: string;
	/** Leave out the consumer key and secret (no token renewal). */
	withoutKeys?: boolean;
	/** A token renewed in an earlier run, as n8n keeps it in the credential. */
	sessionToken?: string;
}

/** A Syniverse SCG emulator for the test file, and a way to run the SCG node against it. */
export function useScg() {
	const sandbox = useSandbox(['syniverseScg']);
	// The sandbox's tokens are reset before every test; the credential's memory of renewals must be too.
	beforeEach(forgetTokenRenewals);
	const emulator = (): SyniverseScgEmulator =>
		sandbox().emulators.syniverseScg as SyniverseScgEmulator;
	const credentials = (options: ScgRunOptions = {}) => ({
		syniverseScgApi: {
			accessToken: options.accessToken ?? defaultScgCredentials.accessToken,
			baseUrl: sandbox().urls.syniverseScg as string,
			...(options.sessionToken === undefined
				? {}
				: {
						sessionToken: options.sessionToken,
						sessionTokenSource: options.accessToken ?? defaultScgCredentials.accessToken,
					}),
			...(options.withoutKeys
				? {}
				: {
						consumerKey: defaultScgCredentials.consumerKey,
						consumerSecret: defaultScgCredentials.consumerSecret,
					}),
		},
	});
	const requests = (): RecordedRequest[] => emulator().requests;
	return {
		emulator,
		credentials,
		state: () => emulator().state,
		requests,
		/** "METHOD /path" of every request, without the API prefix. */
		calls: () =>
			requests().map(
				(request) =>
					`${request.method} ${request.pathname.replace(SCG_API, '').replace(SCG_CONTENT, '[content]')}`,
			),
		lastRequest: (): RecordedRequest => {
			const request = requests().at(-1);
			if (!request) throw new Error('The emulator received no request');
			return request;
		},
		run: async (parameters: INodeParameters, options: ScgRunOptions = {}) =>
			await runNode({
				node: 'syniverseScg',
				parameters,
				credentials: credentials(options),
				items: options.items,
				continueOnFail: options.continueOnFail,
			}),
	};
}
