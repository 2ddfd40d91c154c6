import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RecordedRequest, SmartLivingEmulator } from '../../sandbox';
import { smartLivingSeed } from '../../sandbox';
import type { ActivePoller, RunningTrigger } from '../harness/n8n';
import { activatePoller, runNode, startTrigger } from '../harness/n8n';
import { useSandbox } from '../harness/sandbox';

export type PlatformUnderTest = 'smartLiving' | 'maker';

export interface SmartLivingRunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** Maker token; the ground token by default. */
	token?: string;
	password?: string;
	/** Extra credential fields (a stored session, broker settings ...). */
	credentials?: IDataObject;
}

/**
 * A SmartLiving emulator (REST + MQTT broker) for the test file, and ways to run the nodes of both
 * packages against it: the SmartLiving node and polling trigger (main package), the SmartLiving MQTT
 * node and MQTT trigger (n8n-nodes-telco-iot-mqtt).
 */
export function useSmartLiving() {
	const sandbox = useSandbox(['smartLiving']);
	const emulator = (): SmartLivingEmulator =>
		sandbox().emulators.smartLiving as SmartLivingEmulator;
	const credentials = (platform: PlatformUnderTest, options: SmartLivingRunOptions = {}) => ({
		smartLivingApi:
			platform === 'maker'
				? {
						platform: 'maker',
						token: options.token ?? smartLivingSeed.makerGroundToken,
						makerApiUrl: emulator().url,
						brokerHost: emulator().mqttUrl,
						...options.credentials,
					}
				: {
						platform: 'smartLiving',
						username: smartLivingSeed.username,
						password: options.password ?? smartLivingSeed.password,
						apiUrl: emulator().url,
						brokerHost: emulator().mqttUrl,
						...options.credentials,
					},
	});
	const requests = (): RecordedRequest[] => emulator().requests;
	const triggers: RunningTrigger[] = [];
	afterEach(async () => {
		while (triggers.length > 0) await triggers.pop()?.close();
	});
	return {
		emulator,
		credentials,
		state: () => emulator().state,
		requests,
		/** "METHOD /path" of every API request (the login included). */
		calls: () => requests().map((request) => `${request.method} ${request.path}`),
		lastRequest: (): RecordedRequest => {
			const request = requests().at(-1);
			if (!request) throw new Error('The emulator received no request');
			return request;
		},
		run: async (
			platform: PlatformUnderTest,
			parameters: INodeParameters,
			options: SmartLivingRunOptions = {},
		) =>
			await runNode({
				node: 'smartLiving',
				parameters,
				credentials: credentials(platform, options),
				items: options.items,
				continueOnFail: options.continueOnFail,
			}),
		/** The SmartLiving MQTT node of the companion package. */
		runMqtt: async (
			platform: PlatformUnderTest,
			parameters: INodeParameters,
			options: SmartLivingRunOptions = {},
		) =>
			await runNode({
				node: 'smartLivingMqtt',
				parameters,
				credentials: credentials(platform, options),
				items: options.items,
				continueOnFail: options.continueOnFail,
			}),
		/** Activates the polling SmartLiving Trigger; `staticData` from an earlier one is a restart. */
		activatePoller: async (
			platform: PlatformUnderTest,
			parameters: INodeParameters,
			options: SmartLivingRunOptions & { staticData?: IDataObject } = {},
		): Promise<ActivePoller> =>
			await activatePoller({
				node: 'smartLivingPollTrigger',
				parameters,
				credentials: credentials(platform, options),
				staticData: options.staticData,
			}),
		startTrigger: async (
			platform: PlatformUnderTest,
			parameters: INodeParameters,
			options: SmartLivingRunOptions & {
				mode?: 'trigger' | 'manual';
				holdExecutions?: boolean;
			} = {},
		): Promise<RunningTrigger> => {
			const trigger = await startTrigger({
				node: 'smartLivingTrigger',
				parameters,
				credentials: credentials(platform, options),
				mode: options.mode,
				holdExecutions: options.holdExecutions,
			});
			triggers.push(trigger);
			return trigger;
		},
	};
}
