import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { basicAuthMatches, firstDelivery, rejectCall } from '../shared/webhook';
import type { PushEvent } from './push';
import { PUSH_EVENTS, readPush } from './push';

interface TriggerData extends IDataObject {
	webhookUrl?: string;
}

/**
 * Vumi Go has no API to set a conversation's push URLs: the user pastes this trigger's URL into the
 * conversation settings, so activation only remembers the URL (and forgets old deliveries when it changes).
 */
export class VumiGoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vumi Go Trigger',
		name: 'vumiGoTrigger',
		icon: { light: 'file:vumiGo.svg', dark: 'file:vumiGo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when a Vumi Go conversation receives a message or a sent message changes status',
		defaults: { name: 'Vumi Go Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'In Vumi Go, open the HTTP API conversation\'s settings and paste this node\'s webhook URL into both "Push message URL" (inbound messages) and "Push event URL" (acks, nacks, delivery reports). Vumi Go has no API to set them, so this cannot be done for you.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['message'],
				options: PUSH_EVENTS,
				description: 'Which pushes start the workflow; others are acknowledged and ignored',
			},
			{
				displayName: 'Check Basic Auth',
				name: 'checkBasicAuth',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept only pushes that carry this user name and password. Write them into the push URLs as https://USER:PASSWORD@host/...; Vumi Go sends them as Basic auth.',
			},
			{
				displayName: 'User Name',
				name: 'user',
				type: 'string',
				default: '',
				required: true,
				displayOptions: { show: { checkBasicAuth: [true] } },
				description: 'User name written into the push URLs',
			},
			{
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				displayOptions: { show: { checkBasicAuth: [true] } },
				description: 'Password written into the push URLs; use a long random one',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				return data.webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				data.webhookUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				delete data.webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getNodeParameter('checkBasicAuth', false) as boolean) {
			const user = this.getNodeParameter('user', '') as string;
			const password = this.getNodeParameter('password', '') as string;
			const header = this.getRequestObject().headers.authorization;
			if (user === '' || password === '' || !basicAuthMatches(header, user, password)) {
				return rejectCall(this, 401, 'Authorization failed');
			}
		}

		const push = readPush(this.getBodyData());
		// A 4xx makes Vumi Go drop the push instead of retrying it.
		if ('problem' in push) {
			return rejectCall(this, 400, `Not a Vumi Go message or event: ${push.problem}`);
		}
		const chosen = this.getNodeParameter('events', []) as PushEvent[];
		if (!chosen.includes(push.event)) return { webhookResponse: { status: 'ignored' } };
		// Vumi Go retries a push that failed with a 5xx: one message or event is one run.
		// Pushes of one send arrive side by side: see firstDelivery on why it needs a scope.
		const scope = `vumiGo:${this.getWorkflow().id ?? ''}:${this.getNode().name}`;
		if (!firstDelivery(this.getWorkflowStaticData('node'), push.id, scope))
			return { webhookResponse: { status: 'duplicate' } };
		return {
			webhookResponse: { status: 'ok' },
			workflowData: [this.helpers.returnJsonArray([push.item])],
		};
	}
}
