import type {
	IDataObject,
	IHookFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { keywordListsOf, keywordProperties } from '../shared/campaign';
import { checkPhoneNumber } from '../shared/phone';
import { chosenOptionsSubtitle } from '../shared/subtitle';
import type { Forwarding } from './forwarding';
import { currentForwarding, updateForwarding, wantedForwarding } from './forwarding';
import { hoiioListSearch, hoiioLoadOptions } from './loadOptions';
import type { HoiioEvent, Parameters } from './notifications';
import {
	eventOf,
	fingerprint,
	notificationItem,
	notificationProblem,
	textParameters,
} from './notifications';
import { CAMPAIGN_PARAMETER, SIGNATURE_PARAMETER, isReportSignature } from './notify';
import {
	bodyProblem,
	constantTimeEqual,
	eventKeyNotice,
	firstDelivery,
	generateWebhookSecret,
	mediaType,
	rejectCall,
	structureProblem,
	urlWithSecret,
} from '../shared/webhook';

/** Events that reach the trigger only through the number's forwarding URLs. */
const FORWARDED_EVENTS: HoiioEvent[] = ['incomingSms', 'incomingFax', 'ivrAnswer'];

interface TriggerData extends IDataObject {
	secret?: string;
	url?: string;
	number?: string;
	/** The number's forwarding before this trigger changed it, restored on deactivation. */
	previous?: Forwarding & IDataObject;
}

function chosenEvents(context: IHookFunctions | IWebhookFunctions): HoiioEvent[] {
	return context.getNodeParameter('events', []) as HoiioEvent[];
}

function forwardedNumber(context: IHookFunctions): string | undefined {
	const events = chosenEvents(context);
	if (!events.some((event) => FORWARDED_EVENTS.includes(event))) return undefined;
	if (events.includes('incomingFax') && events.includes('ivrAnswer')) {
		throw new NodeOperationError(
			context.getNode(),
			'A Hoiio number takes incoming calls either as faxes or as voice calls: choose "Incoming Fax" or "IVR Answer", not both',
		);
	}
	// From List, By Number, or a plain number saved before the field offered a list.
	const number = String(
		context.getNodeParameter('hoiioNumber', '', { extractValue: true }) ?? '',
	).trim();
	if (number === '') {
		throw new NodeOperationError(
			context.getNode(),
			'Choose the Hoiio number whose incoming SMS, calls or faxes should start this workflow',
		);
	}
	// By Number takes "+65 3157 1234" as the editor allows it; Hoiio knows the number in E.164.
	const check = checkPhoneNumber(number);
	if (!check.valid) throw new NodeOperationError(context.getNode(), `Hoiio Number ${check.reason}`);
	return check.number;
}

/** The query parameter of the secret in the URL the trigger gives the number's forwarding. */
const TOKEN_PARAMETER = 'n8n_token';

/**
 * Whether the call comes from Hoiio on our behalf: its URL carries the secret the trigger gave the
 * number's forwarding, or the signature the Hoiio node adds to a report URL (see notify.ts).
 */
async function isAuthorized(
	context: IWebhookFunctions,
	query: IDataObject,
	data: TriggerData,
): Promise<boolean> {
	// Exactly one of each: a repeated parameter is ambiguous, whichever copy is right.
	const token = query[TOKEN_PARAMETER];
	if (typeof token === 'string' && constantTimeEqual(token, data.secret ?? '')) return true;
	const signature = query[SIGNATURE_PARAMETER];
	const ownUrl = context.getNodeWebhookUrl('default');
	if (typeof signature !== 'string' || !ownUrl) return false;
	const { accessToken } = await context.getCredentials('hoiioApi');
	return isReportSignature(signature, ownUrl, String(accessToken ?? ''));
}

/**
 * The events the trigger can start on. `action` is what the node panel lists; without it n8n writes
 * "On incoming sms".
 */
const HOIIO_EVENTS: INodePropertyOptions[] = [
	{
		name: 'Call Status',
		action: 'On call status',
		value: 'callStatus',
		description: 'A call or conference leg ended (for calls that report to this trigger)',
	},
	{
		name: 'Fax Status',
		action: 'On fax status',
		value: 'faxStatus',
		description: 'A sent fax went through or failed (for faxes that report to this trigger)',
	},
	{
		name: 'Incoming Fax',
		action: 'On incoming fax',
		value: 'incomingFax',
		description: 'A fax arrived on the Hoiio number (the number is set to fax mode)',
	},
	{
		name: 'Incoming SMS',
		action: 'On incoming SMS',
		value: 'incomingSms',
		description: 'An SMS arrived on the Hoiio number',
	},
	{
		name: 'IVR Answer',
		action: 'On IVR answer',
		value: 'ivrAnswer',
		description:
			'Someone called the Hoiio number; continue the call with the IVR operations of the Hoiio node',
	},
	{
		name: 'IVR Result',
		action: 'On IVR result',
		value: 'ivrResult',
		description: 'An IVR step finished: digits gathered, recording made, transfer or dial outcome',
	},
	{
		name: 'SMS Status',
		action: 'On SMS status',
		value: 'smsStatus',
		description: 'An SMS was delivered or failed (for sends that report to this trigger)',
	},
];

export class HoiioTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hoiio Trigger',
		name: 'hoiioTrigger',
		icon: { light: 'file:hoiio.svg', dark: 'file:hoiio.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: chosenOptionsSubtitle('events', HOIIO_EVENTS),
		// n8n's node panel merges this trigger with the Hoiio node into one entry that shows this description.
		description:
			'Send SMS and faxes, make calls and manage numbers with Hoiio, or start the workflow on incoming SMS, calls and faxes and on delivery reports',
		defaults: { name: 'Hoiio Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hoiioApi', required: true }],
		triggerPanel: {
			header: "Hoiio's notifications for the events chosen here",
			executionsHelp: {
				inactive:
					'<b>While building your workflow</b>, click "Execute step" (or "Test workflow"): Hoiio is pointed at this node\'s test URL, so a listened-for SMS number forwards its SMS here until the test ends. Then send an SMS to the number, make a call or send an SMS with the Hoiio node (its delivery report comes here); the first event appears here.<br /><br /><b>Once you are happy with your workflow</b>, publish it (activate it). Then every event starts an execution, and you see them in the executions list.',
				active:
					'<b>While building your workflow</b>, click "Execute step" (or "Test workflow") to see one event here (a listened-for number forwards to the test URL until the test ends).<br /><br /><b>Your workflow is active</b>, so every event starts an execution; you see them in the executions list.',
			},
			activationHint:
				'Once you have finished building your workflow, publish it (activate it): Hoiio then sends every event to the production URL.',
		},
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['incomingSms'],
				options: HOIIO_EVENTS,
				description:
					'Reports of your own SMS, calls, faxes and IVR steps arrive when the Hoiio node sends them here: see the note below',
			},
			eventKeyNotice(
				'the event, the transaction reference and the status it reports, e.g. smsStatus:AA-S-7:delivered (Hoiio sends no event ID)',
			),
			{
				displayName:
					'To receive the reports of SMS, calls, faxes and IVR steps made by the Hoiio node, copy this trigger’s Production URL (Webhook URLs, at the top of this panel) into that node’s "Report to Hoiio Trigger" field. Both nodes must use the same Hoiio credential, and this workflow must be active.',
				name: 'reportNotice',
				type: 'notice',
				default: '',
				displayOptions: {
					show: { events: ['smsStatus', 'callStatus', 'faxStatus', 'ivrResult'] },
				},
			},
			{
				displayName:
					'Listening for a test event takes over this number: its incoming SMS, calls or faxes are forwarded to n8n instead of their usual address until the test ends, then the forwarding is put back. Use a number that is not in live use, or expect its messages here while you test.',
				name: 'forwardingNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { events: FORWARDED_EVENTS } },
			},
			{
				displayName: 'Hoiio Number',
				name: 'hoiioNumber',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				description:
					'The number whose incoming SMS, calls or faxes start the workflow. On activation its forwarding is pointed at this trigger; on deactivation the previous forwarding is put back.',
				displayOptions: { show: { events: FORWARDED_EVENTS } },
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						placeholder: 'Select one of your numbers...',
						typeOptions: { searchListMethod: 'searchNumbers', searchable: true },
					},
					{
						displayName: 'By Number',
						name: 'id',
						type: 'string',
						placeholder: '+6531571234',
						validation: [
							{
								type: 'regex',
								properties: {
									regex: '^\\+?[0-9][0-9 ()-]*$',
									errorMessage: 'A Hoiio number is a phone number, like +6531571234',
								},
							},
						],
					},
				],
			},
			...keywordProperties({ show: { events: ['incomingSms'] } }),
			{
				displayName:
					'SMS and fax reports of a campaign send carry its Campaign Key and the recipient: the Hoiio node adds the key to the report URL, which Hoiio hands back with every report.',
				name: 'campaignNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { events: ['smsStatus', 'faxStatus'] } },
			},
		],
	};

	methods = { loadOptions: hoiioLoadOptions, listSearch: hoiioListSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				if (!data.secret || !data.url) return false;
				const number = forwardedNumber(this);
				if (number === undefined) return true;
				if (data.number !== number) return false;
				const current = await currentForwarding(this, number);
				const wanted = wantedForwarding(chosenEvents(this), data.url);
				return (
					current !== undefined &&
					Object.entries(wanted).every(([key, value]) => current[key as keyof Forwarding] === value)
				);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				// Keyword lists that cannot work fail the activation, not the first incoming SMS.
				if (chosenEvents(this).includes('incomingSms')) keywordListsOf(this);
				const data = this.getWorkflowStaticData('node') as TriggerData;
				const webhookUrl = this.getNodeWebhookUrl('default');
				if (!webhookUrl) throw new NodeOperationError(this.getNode(), 'n8n gave no webhook URL');
				data.secret ??= generateWebhookSecret();
				data.url = urlWithSecret(webhookUrl, TOKEN_PARAMETER, data.secret);
				const number = forwardedNumber(this);
				if (number !== undefined) {
					const current = await currentForwarding(this, number);
					if (!current) {
						throw new NodeOperationError(
							this.getNode(),
							`The number ${number} is not one of this Hoiio account's numbers`,
						);
					}
					// After a restart the forwarding may already be ours: keep the settings from before.
					if (data.number !== number || !data.previous) data.previous = { ...current };
					data.number = number;
					const wanted = wantedForwarding(chosenEvents(this), data.url);
					await updateForwarding(this, number, {
						forward_to: wanted.forward_to ?? current.forward_to,
						forward_sms_to: wanted.forward_sms_to ?? current.forward_sms_to,
						mode: wanted.mode ?? current.mode,
					});
				}
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				if (data.number && data.previous) {
					// An empty value clears a forwarding that was not set before.
					await updateForwarding(this, data.number, {
						forward_to: data.previous.forward_to ?? '',
						forward_sms_to: data.previous.forward_sms_to ?? '',
						mode: data.previous.mode,
					});
				}
				delete data.secret;
				delete data.url;
				delete data.number;
				delete data.previous;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const data = this.getWorkflowStaticData('node') as TriggerData;
		const query = this.getQueryData() as IDataObject;
		if (!(await isAuthorized(this, query, data))) {
			return rejectCall(this, 401, 'Authorization failed');
		}
		const refused = bodyProblem(this);
		if (refused) return rejectCall(this, refused.status, refused.message);
		const request = this.getRequestObject();
		const hasBody = Buffer.isBuffer(request.rawBody)
			? request.rawBody.length > 0
			: Object.keys((this.getBodyData() as object | undefined) ?? {}).length > 0;
		if (hasBody && mediaType(request) !== 'application/x-www-form-urlencoded') {
			return rejectCall(this, 415, 'Hoiio notifications are form parameters, not JSON or files');
		}
		// Hoiio documents the parameters in the query string; older servers posted them as a form.
		const parameters: Parameters = {};
		const conflicts: string[] = [];
		textParameters(this.getBodyData(), parameters, conflicts);
		textParameters(query, parameters, conflicts);
		const campaignKey = parameters[CAMPAIGN_PARAMETER];
		delete parameters[TOKEN_PARAMETER];
		delete parameters[SIGNATURE_PARAMETER];
		delete parameters[CAMPAIGN_PARAMETER];
		const unsafe = structureProblem(parameters);
		if (unsafe) return rejectCall(this, 400, unsafe);
		if (conflicts.length > 0) {
			return rejectCall(this, 400, `The parameter ${conflicts[0]} was given twice, differently`);
		}
		const event = eventOf(parameters);
		if (!event) {
			return rejectCall(this, 400, 'Not a Hoiio notification');
		}
		const problem = notificationProblem(event, parameters);
		if (problem) return rejectCall(this, 400, `Not a Hoiio notification: ${problem}`);
		if (!chosenEvents(this).includes(event)) return { webhookResponse: 'OK' };
		// The same notification twice (a resent request) is one run.
		const scope = `hoiio:${this.getWorkflow().id ?? ''}:${this.getNode().name}`;
		if (!firstDelivery(data, `notification:${fingerprint(parameters)}`, scope))
			return { webhookResponse: 'OK' };
		return {
			webhookResponse: 'OK',
			workflowData: [
				[{ json: notificationItem(event, parameters, campaignKey, () => keywordListsOf(this)) }],
			],
		};
	}
}
