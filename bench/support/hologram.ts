import type { IDataObject, INodeParameters, NodeParameterValue } from 'n8n-workflow';

import type { HologramEmulator, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { NodeRun } from '../../test/harness/n8n';
import { runNode } from '../../test/harness/n8n';

/** The device every benchmark SMS goes to (a seeded device of the Hologram emulator). */
export const DEVICE_ID = 3002;

/** One input item per SMS, each with its own text, as a campaign's items would be. */
export function smsItems(count: number): IDataObject[] {
	return Array.from({ length: count }, (_value, index) => ({
		deviceId: DEVICE_ID,
		text: `Campaign message ${index + 1}`,
	}));
}

/** Hologram → SMS → Send, reading the device and text from each item. */
export function smsSendParameters(
	requestOptions: Record<string, NodeParameterValue> = {},
): INodeParameters {
	return {
		resource: 'sms',
		operation: 'send',
		deviceId: '={{ $json.deviceId }}',
		encoding: 'text',
		message: '={{ $json.text }}',
		requestOptions,
	};
}

export interface HologramBench {
	sandbox: Sandbox;
	emulator: HologramEmulator;
	/** Runs the node against `baseUrl` (default: the emulator itself). */
	send(
		items: IDataObject[],
		requestOptions: Record<string, NodeParameterValue>,
		options?: { baseUrl?: string; continueOnFail?: boolean },
	): Promise<NodeRun>;
}

export async function startHologram(): Promise<HologramBench> {
	const sandbox = await startSandbox({ providers: ['hologram'] });
	const emulator = sandbox.emulators.hologram as HologramEmulator;
	return {
		sandbox,
		emulator,
		send: async (items, requestOptions, options = {}) =>
			await runNode({
				node: 'hologram',
				parameters: smsSendParameters(requestOptions),
				credentials: {
					hologramApi: {
						apiKey: emulator.apiKey,
						baseUrl: options.baseUrl ?? (sandbox.urls.hologram as string),
					},
				},
				items,
				continueOnFail: options.continueOnFail,
			}),
	};
}

/** Fails the benchmark when a run did not send every item: a fast wrong run proves nothing. */
export function expectAllSent(run: NodeRun, emulator: HologramEmulator, count: number): void {
	if (run.error) throw run.error;
	const sent = emulator.state.sentSms.length;
	if (run.items.length !== count || sent !== count)
		throw new Error(`Expected ${count} SMS, the node output ${run.items.length} and sent ${sent}`);
}
