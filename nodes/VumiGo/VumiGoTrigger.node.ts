import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { KeywordLists } from '../shared/campaign';
import { keywordFields, keywordListsOf, keywordProperties } from '../shared/campaign';
import { isObject } from '../shared/provider';
import { chosenOptionsSubtitle } from '../shared/subtitle';
import type { WireType } from '../shared/webhook';
import {
	basicAuthMatches,
	eventKeyNotice,
	fieldTypeProblem,
	firstDelivery,
	jsonBodyProblem,
	rejectCall,
	singleHeader,
} from '../shared/webhook';
import type { PushEvent } from './push';
import { PUSH_EVENTS, readPush, vumiTimeToIso } from './push';
import { recordKeyword } from './optOutApi';

const TEXT: readonly WireType[] = ['string'];
const TEXT_OR_NULL: readonly WireType[] = ['string', 'null'];
const OBJECT: readonly WireType[] = ['object'];

/**
 * The JSON types of a vumi.message.TransportUserMessage and TransportEvent
 * (docs/wire-formats/vumiGo.md#inbound-pushes).
 */
const PUSH_FIELDS: Record<string, readonly WireType[]> = {
	message_type: TEXT,
	message_version: TEXT,
	timestamp: TEXT,
	message_id: TEXT,
	to_addr: TEXT_OR_NULL,
	from_addr: TEXT_OR_NULL,
	content: TEXT_OR_NULL,
	in_reply_to: TEXT_OR_NULL,
	session_event: TEXT_OR_NULL,
	provider: TEXT_OR_NULL,
	group: TEXT_OR_NULL,
	to_addr_type: TEXT_OR_NULL,
	from_addr_type: TEXT_OR_NULL,
	transport_name: TEXT,
	transport_type: TEXT,
	transport_metadata: OBJECT,
	helper_metadata: OBJECT,
	routing_metadata: OBJECT,
	event_id: TEXT,
	event_type: TEXT,
	user_message_id: TEXT,
	sent_message_id: TEXT,
	nack_reason: TEXT,
	delivery_status: TEXT,
};
const SESSION_EVENTS = [null, 'new', 'resume', 'close'];
const DELIVERY_STATUSES = ['pending', 'failed', 'delivered'];

/** What makes a push something Vumi Go never sends, beyond what `readPush` checks. */
function pushProblem(body: unknown): string | undefined {
	if (!isObject(body)) return 'the body is not a JSON object';
	// Every vumi.message carries its version; one without is not from Vumi.
	const problem = fieldTypeProblem(body, PUSH_FIELDS, ['message_version']);
	if (problem) return problem;
	if (body.timestamp !== undefined && vumiTimeToIso(body.timestamp) === null)
		return `the timestamp ${JSON.stringify(body.timestamp)} is not a Vumi time`;
	if (body.session_event !== undefined && !SESSION_EVENTS.includes(body.session_event as string))
		return `unknown session_event ${JSON.stringify(body.session_event)}`;
	if (
		body.event_type === 'delivery_report' &&
		!DELIVERY_STATUSES.includes(body.delivery_status as string)
	)
		return `unknown delivery_status ${JSON.stringify(body.delivery_status)}`;
	return undefined;
}

interface TriggerData extends IDataObject {
	webhookUrl?: string;
}

const PUSH_AUTH_CREDENTIAL = 'vumiGoPushAuthApi';

/** Why a user and password cannot guard the push URLs, if they cannot. */
function pushAuthProblem(data: IDataObject): string | undefined {
	const user = typeof data.user === 'string' ? data.user : '';
	const password = typeof data.password === 'string' ? data.password : '';
	if (user === '' || password === '') return 'Fill in both the user and the password';
	if (user.includes(':'))
		return 'The user must not contain ":" (Basic auth puts one between user and password)';
	if (password.length < 16)
		return 'Use a password of at least 16 characters: anyone can try guessing it';
	return undefined;
}

/**
 * The user and password a push must carry, or undefined when any push is accepted: from the credential
 * (version 2), or from the node parameters of a version 1 node.
 */
async function expectedBasicAuth(
	context: IWebhookFunctions,
): Promise<{ user: string; password: string } | undefined> {
	if (context.getNode().typeVersion < 2) {
		if (!(context.getNodeParameter('checkBasicAuth', false) as boolean)) return undefined;
		return {
			user: context.getNodeParameter('user', '') as string,
			password: context.getNodeParameter('password', '') as string,
		};
	}
	if (context.getNodeParameter('authentication', 'none') !== 'basicAuth') return undefined;
	const credential = await context.getCredentials(PUSH_AUTH_CREDENTIAL);
	return { user: String(credential.user ?? ''), password: String(credential.password ?? '') };
}

function chosenEvents(context: IHookFunctions | IWebhookFunctions): PushEvent[] {
	return context.getNodeParameter('events', []) as PushEvent[];
}

/**
 * An inbound message says whether its whole text is an opt-out or opt-in keyword; with "Record
 * Opt-Outs in Vumi Go" the sender is put on (or taken off) the account's opt-out list first, so a
 * failure there answers 500 and Vumi Go pushes the message again.
 */
async function readKeywords(
	context: IWebhookFunctions,
	item: IDataObject,
	lists: KeywordLists,
): Promise<void> {
	const fields = keywordFields(item.content, lists);
	Object.assign(item, fields);
	if (!(fields.optOut || fields.optIn) || !context.getNodeParameter('recordOptOuts', false)) return;
	const addressType = typeof item.from_addr_type === 'string' ? item.from_addr_type : 'msisdn';
	const kind = fields.optOut ? 'optOut' : 'optIn';
	await recordKeyword(context, kind, addressType, String(item.from_addr));
	item[fields.optOut ? 'optOutRecorded' : 'optOutRemoved'] = true;
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
		// Version 2 keeps the Basic auth user and password in a credential; version 1 kept them as node
		// parameters, and workflows saved with it keep working as they were.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: chosenOptionsSubtitle('events', PUSH_EVENTS),
		// n8n's node panel merges this trigger with the Vumi Go node into one entry that shows this description.
		description:
			'Send messages through Vumi Go and manage contacts, groups and opt-outs, or start the workflow on inbound messages and delivery reports',
		defaults: { name: 'Vumi Go Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// Basic auth as n8n's Webhook node does it: the user and password in a credential, not in the workflow.
			{
				name: 'vumiGoPushAuthApi',
				required: true,
				displayOptions: { show: { authentication: ['basicAuth'] } },
				testedBy: 'pushAuthCanBeWrittenIntoUrl',
			},
			// Only to record opt-outs: the account's token reaches the opt-out list. Optional and shown always:
			// n8n 1.x hides the parameters that a credential's displayOptions depend on (here Events and
			// Record Opt-Outs) from the parameter list.
			{ name: 'vumiGoApi', required: false },
		],
		triggerPanel: {
			header: 'Pushes from your Vumi Go conversation',
			executionsHelp: {
				inactive:
					'<b>While building your workflow</b>, paste the test URL into the conversation\'s push URLs and click "Execute step" (or "Test workflow"). Then send a message to the conversation, or send one with the Vumi Go node (its ack and delivery report come here); the first push appears here.<br /><br /><b>Once you are happy with your workflow</b>, paste the production URL into the push URLs and publish the workflow (activate it). Then every push starts an execution.',
				active:
					'<b>While building your workflow</b>, paste the test URL into the push URLs and click "Execute step" (or "Test workflow") to see one push here.<br /><br /><b>Your workflow is active</b>: every push to the production URL starts an execution; you see them in the executions list.',
			},
			activationHint:
				"Once you have finished building your workflow, paste the production URL into the conversation's push URLs and publish the workflow (activate it).",
		},
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
			eventKeyNotice(
				'"message:" and the message ID for an inbound message, "event:" and the event ID for an ack, nack or delivery report',
			),
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				default: 'none',
				displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
				options: [
					{ name: 'None', value: 'none', description: 'Accept every push to this URL' },
					{
						name: 'Basic Auth',
						value: 'basicAuth',
						description:
							'Accept only pushes that carry the user and password of a Vumi Go Push Auth credential. Write them into the push URLs as https://USER:PASSWORD@host/...; Vumi Go sends them as Basic auth.',
					},
				],
				description: 'Whether pushes must prove they come from your Vumi Go conversation',
			},
			{
				displayName:
					"Vumi Go hands back nothing of a send but its message ID: acks, nacks and delivery reports name no recipient and no campaign. To tie them back, keep each send's message_id with its recipient and campaign (in a Data Table, say) and look the event's user_message_id up there.",
				name: 'reportNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { events: ['ack', 'nack', 'delivery_report'] } },
			},
			...keywordProperties({ show: { events: ['message'] } }),
			{
				displayName: 'Record Opt-Outs in Vumi Go',
				name: 'recordOptOuts',
				type: 'boolean',
				default: false,
				description:
					"Whether to put the sender of an opt-out keyword on the account's opt-out list (and take the sender of an opt-in keyword off it), so Vumi Go refuses to send to them. Needs the account's Vumi Go credential.",
				displayOptions: { show: { events: ['message'] } },
			},
			{
				displayName: 'Check Basic Auth',
				name: 'checkBasicAuth',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '@version': [1] } },
				description:
					'Whether to accept only pushes that carry this user name and password. Write them into the push URLs as https://USER:PASSWORD@host/...; Vumi Go sends them as Basic auth.',
			},
			{
				displayName: 'User Name',
				name: 'user',
				type: 'string',
				default: '',
				required: true,
				displayOptions: { show: { '@version': [1], checkBasicAuth: [true] } },
				description: 'User name written into the push URLs',
			},
			{
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				displayOptions: { show: { '@version': [1], checkBasicAuth: [true] } },
				description: 'Password written into the push URLs; use a long random one',
			},
		],
	};

	methods = {
		credentialTest: {
			/** Nothing is sent with this credential: it must only be usable in a push URL. */
			async pushAuthCanBeWrittenIntoUrl(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const problem = pushAuthProblem(credential.data ?? {});
				return problem
					? { status: 'Error', message: problem }
					: {
							status: 'OK',
							message:
								'Write the user and password into both push URLs in Vumi Go, as https://USER:PASSWORD@host/...',
						};
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				return data.webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				// Keyword lists that cannot work fail the activation, not the first inbound message.
				if (chosenEvents(this).includes('message')) keywordListsOf(this);
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
		const expected = await expectedBasicAuth(this);
		if (expected) {
			const header = singleHeader(this.getRequestObject(), 'authorization');
			const { user, password } = expected;
			if (user === '' || password === '' || !basicAuthMatches(header, user, password)) {
				return rejectCall(this, 401, 'Authorization failed');
			}
		}

		// A 4xx makes Vumi Go drop the push instead of retrying it.
		const refused = jsonBodyProblem(this);
		if (refused) return rejectCall(this, refused.status, refused.message);
		const body = this.getBodyData() as unknown;
		const push = readPush(body);
		const problem = 'problem' in push ? push.problem : pushProblem(body);
		if (problem || 'problem' in push)
			return rejectCall(this, 400, `Not a Vumi Go message or event: ${problem}`);
		if (!chosenEvents(this).includes(push.event)) return { webhookResponse: { status: 'ignored' } };
		if (push.event === 'message') await readKeywords(this, push.item, keywordListsOf(this));
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
