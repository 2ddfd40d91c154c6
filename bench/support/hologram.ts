import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

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

/** The Hologram emulator in its own process (`bench/hologramServer.ts`), driven over its control endpoints. */
export interface RemoteHologram {
	/** The emulator's base URL and API key, for clients other than the node. */
	url: string;
	apiKey: string;
	send(items: IDataObject[], requestOptions: Record<string, NodeParameterValue>): Promise<NodeRun>;
	/** Forgets sent SMS, recorded requests and faults. */
	reset(): Promise<void>;
	/** Every later request waits this long before the emulator answers. */
	addLatency(ms: number): Promise<void>;
	sentCount(): Promise<number>;
	stop(): void;
}

export async function startHologramProcess(): Promise<RemoteHologram> {
	const child = spawn(process.execPath, [join(__dirname, 'hologramServer.js')], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
	const { url, apiKey } = JSON.parse(line) as { url: string; apiKey: string };
	const control = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(new URL(`/__sandbox/${path}`, url), {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`Sandbox control ${method} ${path}: HTTP ${response.status}`);
		return (await response.json()) as unknown;
	};
	return {
		url,
		apiKey,
		send: async (items, requestOptions) =>
			await runNode({
				node: 'hologram',
				parameters: smsSendParameters(requestOptions),
				credentials: { hologramApi: { apiKey, baseUrl: url } },
				items,
			}),
		reset: async () => {
			await control('POST', 'reset');
		},
		addLatency: async (ms) => {
			await control('POST', 'faults', { type: 'latency', ms });
		},
		sentCount: async () =>
			((await control('GET', 'state')) as { sentSms: unknown[] }).sentSms.length,
		stop: () => child.stdin.end(),
	};
}
