import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

import { keywordListsOf, keywordProperties } from '../shared/campaign';
import { asNodeApiError } from '../shared/errors';
import { isObject } from '../shared/provider';
import { pathWith, providerRequest } from '../shared/request';
import { chosenOptionsSubtitle } from '../shared/subtitle';
import type { WireType } from '../shared/webhook';
import {
	basicAuthMatches,
	eventKeyNotice,
	fieldTypeProblem,
	firstDelivery,
	generateWebhookSecret,
	jsonBodyProblem,
	rejectCall,
	singleHeader,
	urlWithBasicAuth,
} from '../shared/webhook';
import { essProfile } from './api';
import { SCG_EVENT_TYPES, readEvent } from './events';

const TOPIC = 'SCG-Message';
const WEBHOOK_USER = 'n8n';
const CONFIGURATIONS = 'delivery-configurations';
const SUBSCRIPTIONS = `topics/${TOPIC}/subscriptions`;

interface Registration {
	deliveryConfigurationId?: string;
	subscriptionId?: string;
	webhookSecret?: string;
	webhookUrl?: string;
}

function registrationOf(context: IHookFunctions | IWebhookFunctions): Registration & IDataObject {
	return context.getWorkflowStaticData('node') as Registration & IDataObject;
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** Whether a registration part still exists; a 404 says it is gone, other failures are raised. */
async function exists(context: IHookFunctions, path: string): Promise<boolean> {
	try {
		await providerRequest(context, essProfile, { method: 'GET', path });
		return true;
	} catch (error) {
		if (isNotFound(error)) return false;
		throw asNodeApiError(context.getNode(), error);
	}
}

/** Deletes a part this trigger made; one already gone is fine. */
async function remove(context: IHookFunctions, path: string): Promise<void> {
	try {
		await providerRequest(context, essProfile, { method: 'DELETE', path });
	} catch (error) {
		if (!isNotFound(error)) throw asNodeApiError(context.getNode(), error);
	}
}

const TEXT: readonly WireType[] = ['string'];
const NUMBER: readonly WireType[] = ['number'];
const FLAG: readonly WireType[] = ['boolean'];

/**
 * The JSON types of an Event Manager delivery (docs/wire-formats/syniverseScg.md#event-manager-webhooks);
 * other fields may hold anything.
 */
const DELIVERY_FIELDS = {
	topic: TEXT,
	attempt: ['integer'],
	event_id: TEXT,
	event: ['object'],
} as const;
const EVENT_FIELDS = { 'evt-tp': TEXT, timestamp: TEXT, 'fld-val-list': ['object'] } as const;
const EVENT_VALUE_FIELDS: Record<string, readonly WireType[]> = {
	previous_state: TEXT,
	new_state: TEXT,
	message_request_id: TEXT,
	message_id: TEXT,
	to_address: TEXT,
	from_address: TEXT,
	has_attachment: FLAG,
	attachment_ids: TEXT,
	reason_code: TEXT,
	reason_description: TEXT,
	number_type: TEXT,
	carrier_id: TEXT,
	carrier_name: TEXT,
	application_id: NUMBER,
	'company-id': NUMBER,
	sender_id_alias: TEXT,
	sender_id_id: TEXT,
	external_message_request_id: TEXT,
	fragments_count: NUMBER,
	mt_price: NUMBER,
	mo_price: NUMBER,
	message_body: TEXT,
	message_body_truncated: FLAG,
	recipient_count: NUMBER,
	sent_count: NUMBER,
	delivered_count: NUMBER,
	failed_count: NUMBER,
	canceled_count: NUMBER,
};
const EVENT_TYPES = SCG_EVENT_TYPES.map((type) => type.value);

/** What makes a delivery something the Event Manager never sends, or undefined when it is one. */
function deliveryProblem(delivery: unknown): string | undefined {
	if (!isObject(delivery)) return 'a delivery is not a JSON object';
	const problem =
		fieldTypeProblem(delivery, DELIVERY_FIELDS, Object.keys(DELIVERY_FIELDS), 'the delivery') ??
		fieldTypeProblem(
			delivery.event as Record<string, unknown>,
			EVENT_FIELDS,
			Object.keys(EVENT_FIELDS),
			'the event',
		) ??
		fieldTypeProblem(
			(delivery.event as Record<string, unknown>)['fld-val-list'] as Record<string, unknown>,
			EVENT_VALUE_FIELDS,
			[],
			'fld-val-list',
		);
	if (problem) return problem;
	if (delivery.topic !== TOPIC) return `the topic is not ${TOPIC}`;
	if (delivery.event_id === '') return 'the event_id is empty';
	if ((delivery.attempt as number) < 1) return 'the attempt is below 1';
	const type = (delivery.event as Record<string, unknown>)['evt-tp'] as string;
	if (!EVENT_TYPES.includes(type)) return `unknown event type ${JSON.stringify(type)}`;
	return undefined;
}

/** Why a body is not one delivery or a list of them, or undefined when it is. */
function deliveriesProblem(body: unknown): string | undefined {
	if (Array.isArray(body)) {
		if (body.length === 0) return 'the body is an empty list';
		for (const delivery of body) {
			const problem = deliveryProblem(delivery);
			if (problem) return problem;
		}
		return undefined;
	}
	return deliveryProblem(body);
}

const configurationPath = (id: string) => pathWith(`${CONFIGURATIONS}/{id}`, { id });
const subscriptionPath = (id: string) => pathWith(`${SUBSCRIPTIONS}/{id}`, { id });

function idOf(body: unknown, ...keys: string[]): string | undefined {
	if (!isObject(body)) return undefined;
	for (const key of keys)
		if (body[key] !== undefined && body[key] !== null) return String(body[key]);
	return undefined;
}

/** Removes the subscription, then the delivery configuration, that this trigger registered. */
async function removeRegistration(
	context: IHookFunctions,
	registration: Registration,
): Promise<void> {
	if (registration.subscriptionId)
		await remove(context, subscriptionPath(registration.subscriptionId));
	if (registration.deliveryConfigurationId) {
		await remove(context, configurationPath(registration.deliveryConfigurationId));
	}
	delete registration.subscriptionId;
	delete registration.deliveryConfigurationId;
}

export class SyniverseScgTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Syniverse SCG Trigger',
		name: 'syniverseScgTrigger',
		icon: { light: 'file:syniverseScg.svg', dark: 'file:syniverseScg.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: chosenOptionsSubtitle('events', SCG_EVENT_TYPES),
		// n8n's node panel merges this trigger with the Syniverse SCG node into one entry that shows this description.
		description:
			'Send SMS and MMS through Syniverse SCG and manage contacts and groups, or start the workflow on delivery reports and inbound messages',
		defaults: { name: 'Syniverse SCG Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'syniverseScgApi', required: true }],
		triggerPanel: {
			header: "Syniverse SCG's Event Manager deliveries for the events chosen here",
			executionsHelp: {
				inactive:
					'<b>While building your workflow</b>, click "Execute step" (or "Test workflow"): the trigger subscribes this node\'s test URL to SCG\'s Event Manager. Then send a message with the Syniverse SCG node, or have someone text your sender ID; the first matching event appears here.<br /><br /><b>Once you are happy with your workflow</b>, publish it (activate it). Then every matching event starts an execution, and you see them in the executions list.',
				active:
					'<b>While building your workflow</b>, click "Execute step" (or "Test workflow") to see one event here.<br /><br /><b>Your workflow is active</b>, so every matching event starts an execution; you see them in the executions list.',
			},
			activationHint:
				'Once you have finished building your workflow, publish it (activate it): the trigger then subscribes the production URL and every event starts an execution.',
		},
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['message_state_change', 'mo_message_received'],
				options: SCG_EVENT_TYPES,
				description: 'Which events start the workflow; other events are acknowledged and ignored',
			},
			eventKeyNotice("the Event Manager's event ID (event_id)"),
			...keywordProperties({ show: { events: ['mo_message_received'] } }),
		],
	};

	webhookMethods = {
		default: {
			/** True only when both halves this trigger made still exist and point at this webhook. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const registration = registrationOf(this);
				const { deliveryConfigurationId, subscriptionId, webhookSecret } = registration;
				if (!deliveryConfigurationId || !subscriptionId || !webhookSecret) return false;
				if (registration.webhookUrl !== this.getNodeWebhookUrl('default')) return false;
				if (!(await exists(this, configurationPath(deliveryConfigurationId)))) {
					delete registration.deliveryConfigurationId;
					return false;
				}
				if (!(await exists(this, subscriptionPath(subscriptionId)))) {
					delete registration.subscriptionId;
					return false;
				}
				return true;
			},

			/**
			 * Registers the webhook: a delivery configuration whose address carries a fresh secret as
			 * Basic auth, then a subscription to SCG-Message. Leftovers of a half-made earlier
			 * registration of this trigger are removed first; nothing else is touched.
			 */
			async create(this: IHookFunctions): Promise<boolean> {
				// Keyword lists that cannot work fail the activation, not the first inbound message.
				const events = this.getNodeParameter('events', []) as string[];
				if (events.includes('mo_message_received')) keywordListsOf(this);
				const registration = registrationOf(this);
				await removeRegistration(this, registration);

				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const secret = generateWebhookSecret();
				const workflow = this.getWorkflow();
				const configuration = await providerRequest(this, essProfile, {
					method: 'POST',
					path: CONFIGURATIONS,
					body: {
						'del-cfg-nm': `n8n ${workflow.name ?? ''} ${workflow.id ?? ''}`
							.replace(/\s+/g, ' ')
							.trim(),
						'del-prtcl-cd': 'REST',
						addr: urlWithBasicAuth(webhookUrl, WEBHOOK_USER, secret),
						'del-fmt-cd': 'JSON',
						'is-active': true,
					},
				});
				const configurationId = idOf(configuration.body, 'id', 'del-cfg-id');
				if (!configurationId)
					throw new NodeApiError(this.getNode(), configuration.body as never, {
						message: 'The Event Manager did not return the ID of the delivery configuration',
					});
				registration.deliveryConfigurationId = configurationId;
				registration.webhookSecret = secret;
				registration.webhookUrl = webhookUrl;

				let subscriptionId: string | undefined;
				try {
					const subscription = await providerRequest(this, essProfile, {
						method: 'POST',
						path: SUBSCRIPTIONS,
						body: {
							'del-cfg-id': configurationId,
							'start-date': new Date().toISOString(),
							'end-date': null,
						},
					});
					subscriptionId = idOf(subscription.body, 'id', 'subscription-id', 'sub-id');
				} catch (error) {
					// Never leave a delivery configuration without its subscription behind.
					await remove(this, configurationPath(configurationId));
					delete registration.deliveryConfigurationId;
					throw asNodeApiError(this.getNode(), error);
				}
				if (!subscriptionId) {
					await remove(this, configurationPath(configurationId));
					delete registration.deliveryConfigurationId;
					throw new NodeApiError(this.getNode(), {} as never, {
						message: 'The Event Manager did not return the ID of the subscription',
					});
				}
				registration.subscriptionId = subscriptionId;
				return true;
			},

			/** Removes the subscription, then the delivery configuration, that this trigger made. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const registration = registrationOf(this);
				await removeRegistration(this, registration);
				delete registration.webhookSecret;
				delete registration.webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const registration = registrationOf(this);
		const request = this.getRequestObject();
		const secret = registration.webhookSecret ?? '';
		const authorization = singleHeader(request, 'authorization');
		if (secret === '' || !basicAuthMatches(authorization, WEBHOOK_USER, secret)) {
			return rejectCall(this, 401, 'Authorization failed');
		}
		// A 4xx tells the Event Manager the body is wrong: nothing of it starts a run.
		const refused = jsonBodyProblem(this);
		if (refused) return rejectCall(this, refused.status, refused.message);
		const problem = deliveriesProblem(this.getBodyData() as unknown);
		if (problem) return rejectCall(this, 400, `Not an Event Manager delivery: ${problem}`);

		const chosen = this.getNodeParameter('events', []) as string[];
		// Events of one send arrive side by side: see firstDelivery on why it needs a scope.
		const scope = `syniverseScg:${this.getWorkflow().id ?? ''}:${registration.subscriptionId ?? ''}`;
		const body = this.getBodyData() as unknown;
		const deliveries = Array.isArray(body) ? body : [body];
		const items: IDataObject[] = [];
		for (const delivery of deliveries) {
			const event = readEvent(delivery, () => keywordListsOf(this));
			if (!event || !chosen.includes(event.type)) continue;
			// The Event Manager redelivers with a higher `attempt`; one event is one run.
			if (event.eventId !== '' && !firstDelivery(registration, event.eventId, scope)) continue;
			items.push(event.item);
		}
		if (items.length === 0) return { webhookResponse: { status: 'ok' } };
		return {
			webhookResponse: { status: 'ok' },
			workflowData: [this.helpers.returnJsonArray(items)],
		};
	}
}
