import type {
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../nodes/SmartLiving/api';
import {
	smartLivingListSearch,
	smartLivingLoadOptions,
} from '../../../nodes/SmartLiving/loadOptions';
import { platformOf } from '../../../nodes/SmartLiving/login';
import { Listener } from './listener';
import type { TriggerOptions } from './triggerParameters';
import { checkSubscription, readSubscription, triggerProperties } from './triggerParameters';

/**
 * Starts a workflow for messages on the SmartLiving / AllThingsTalk Maker broker. Its parameters are in
 * triggerParameters.ts, the MQTT client's life in listener.ts, the hand-over to the workflow in
 * delivery.ts, and how a message becomes an item in payload.ts.
 */
export class SmartLivingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartLiving MQTT Trigger',
		// Its name from when it shipped in the main package: only the package part of the type changed.
		name: 'smartLivingTrigger',
		icon: { light: 'file:smartLiving.svg', dark: 'file:smartLiving.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["level"] + ": " + $parameter["kinds"].join(", ")}}',
		description:
			'Starts the workflow when devices on AllThingsTalk Maker or SmartLiving send states, events or receive commands (MQTT)',
		defaults: { name: 'SmartLiving MQTT Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smartLivingApi', required: true }],
		// What n8n's panel says instead of a bare "Executing node..." while the trigger listens.
		triggerPanel: {
			header: 'Pull in the messages chosen here from the SmartLiving MQTT broker',
			executionsHelp: {
				inactive:
					'<b>While building your workflow</b>, click "Execute step" (or "Test workflow"): the trigger connects to the broker and waits. Then make a device send a value, or send a state or command with the SmartLiving MQTT node; the first matching message appears here.<br /><br /><b>Once you are happy with your workflow</b>, publish it (activate it). Then every matching message starts an execution, and you see them in the executions list.',
				active:
					'<b>While building your workflow</b>, click "Execute step" (or "Test workflow"): the trigger connects to the broker and waits for the first matching message.<br /><br /><b>Your workflow is active</b>, so every matching message starts an execution; you see them in the executions list.',
			},
			activationHint:
				'Once you have finished building your workflow, publish it (activate it) to have it listen all the time.',
		},
		properties: triggerProperties,
	};

	methods = { loadOptions: smartLivingLoadOptions, listSearch: smartLivingListSearch };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const platform = platformOf(await this.getCredentials(CREDENTIAL_TYPE));
		const subscription = readSubscription(this);
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		checkSubscription(this, subscription, options, platform);

		const manual = this.getMode() === 'manual';
		const listener = new Listener(this, platform, subscription, options, manual);
		if (!manual) await listener.start();
		return {
			closeFunction: async () => await listener.close(),
			manualTriggerFunction: manual
				? async () => {
						try {
							await listener.start();
						} catch (error) {
							// The reason goes in the description: n8n replaces a message naming a socket
							// error code (ECONNREFUSED ...) with a generic text.
							throw new NodeOperationError(
								this.getNode(),
								'Could not connect to the SmartLiving MQTT broker',
								{ description: (error as Error).message },
							);
						}
					}
				: undefined,
		};
	}
}
