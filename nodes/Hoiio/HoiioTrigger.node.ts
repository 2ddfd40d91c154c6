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

import { isObject } from '../shared/provider';
import { providerRequest } from '../shared/request';
import { chosenOptionsSubtitle } from '../shared/subtitle';
import { hoiioProfile, normalizeRecord } from './api';
import { hoiioLoadOptions } from './loadOptions';
import { SIGNATURE_PARAMETER, isReportSignature } from './notify';
import { createHash } from 'node:crypto';

import {
	bodyProblem,
	constantTimeEqual,
	firstDelivery,
	generateWebhookSecret,
	mediaType,
	rejectCall,
	structureProblem,
	urlWithSecret,
} from '../shared/webhook';

type HoiioEvent =
	| 'incomingSms'
	| 'smsStatus'
	| 'callStatus'
	| 'incomingFax'
	| 'faxStatus'
	| 'ivrAnswer'
	| 'ivrResult';

/** Events that reach the trigger only through the number's forwarding URLs. */
const FORWARDED_EVENTS: HoiioEvent[] = ['incomingSms', 'incomingFax', 'ivrAnswer'];

interface Forwarding {
	forward_to?: string;
	forward_sms_to?: string;
	mode?: string;
}

interface TriggerData extends IDataObject {
	secret?: string;
	url?: string;
	number?: string;
	/** The number's forwarding before this trigger changed it, restored on deactivation. */
	previous?: Forwarding & IDataObject;
}

/** Which notification this is, from the parameters Hoiio sends for each kind. */
export function eventOf(parameters: IDataObject): HoiioEvent | undefined {
	if (typeof parameters.ivr_block === 'string')
		return parameters.ivr_block === 'answer' ? 'ivrAnswer' : 'ivrResult';
	if (parameters.txn_ref === undefined) return undefined;
	if (parameters.sms_status !== undefined) return 'smsStatus';
	if (parameters.fax_status !== undefined)
		return parameters.dest !== undefined ? 'faxStatus' : 'incomingFax';
	if (
		parameters.call_status_dest1 !== undefined ||
		parameters.call_status_dest2 !== undefined ||
		parameters.dest2 !== undefined
	)
		return 'callStatus';
	if (parameters.msg !== undefined && parameters.from !== undefined) return 'incomingSms';
	return undefined;
}

const IVR_BLOCKS = ['answer', 'dial', 'play', 'gather', 'record', 'monitor', 'transfer', 'hangup'];

/** Parameters every notification of a kind carries (wire notes §3.5); the forwarded ones always have a date. */
const REQUIRED: Partial<Record<HoiioEvent, string[]>> = {
	incomingSms: ['txn_ref', 'msg', 'from', 'to', 'date'],
	incomingFax: ['txn_ref', 'fax_status', 'from', 'to', 'date'],
	smsStatus: ['txn_ref', 'sms_status'],
	faxStatus: ['txn_ref', 'fax_status'],
	callStatus: ['txn_ref'],
	ivrAnswer: ['session', 'txn_ref'],
	ivrResult: ['session', 'txn_ref'],
};
const NOT_EMPTY = ['txn_ref', 'session', 'from', 'to', 'dest', 'date'];
/** Hoiio writes amounts and counts as plain decimals. */
const DECIMAL_FIELDS = ['rate', 'debit', 'split_count', 'duration', 'fax_pages', 'fax_error_code'];
const DECIMAL = /^-?\d+(\.\d+)?$/;
const HOIIO_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

function isHoiioDate(value: string): boolean {
	const match = HOIIO_DATE.exec(value);
	if (!match) return false;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	return (
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		hour < 24 &&
		minute < 60 &&
		second < 60
	);
}

type Parameters = Record<string, string>;

/**
 * The text parameters of the query or form body. A parameter given twice with different values is
 * ambiguous: the name comes back in `conflicts`.
 */
function textParameters(source: unknown, into: Parameters, conflicts: string[]): void {
	if (!isObject(source)) return;
	for (const key of Object.keys(source)) {
		const raw = source[key];
		const values = (Array.isArray(raw) ? raw : [raw]).filter(
			(value): value is string => typeof value === 'string',
		);
		for (const value of values) {
			if (Object.prototype.hasOwnProperty.call(into, key) && into[key] !== value)
				conflicts.push(key);
			// A defined property, so a key like `__proto__` cannot reach the prototype.
			Object.defineProperty(into, key, {
				value,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
	}
}

/** What makes a notification of this kind something Hoiio never sends. */
function notificationProblem(event: HoiioEvent, parameters: Parameters): string | undefined {
	for (const field of REQUIRED[event] ?? [])
		if (parameters[field] === undefined) return `the ${event} notification lacks ${field}`;
	for (const field of NOT_EMPTY)
		if (parameters[field] !== undefined && parameters[field].trim() === '')
			return `${field} is empty`;
	for (const field of DECIMAL_FIELDS) {
		const value = parameters[field];
		if (value !== undefined && value !== '' && !DECIMAL.test(value))
			return `${field} must be a number, got ${JSON.stringify(value)}`;
	}
	if (parameters.date !== undefined && !isHoiioDate(parameters.date))
		return `date must be YYYY-MM-DD HH:MM:SS, got ${JSON.stringify(parameters.date)}`;
	if (parameters.ivr_block !== undefined && !IVR_BLOCKS.includes(parameters.ivr_block))
		return `unknown ivr_block ${JSON.stringify(parameters.ivr_block)}`;
	return undefined;
}

/** The same notification sent twice has the same parameters: its fingerprint is the delivery ID. */
function fingerprint(parameters: Parameters): string {
	const sorted = Object.keys(parameters)
		.sort()
		.map((key) => [key, parameters[key]]);
	return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 32);
}

async function activeNumbers(context: IHookFunctions): Promise<IDataObject[]> {
	const entries: IDataObject[] = [];
	for (let page = 1; page <= 50; page++) {
		const { body } = await providerRequest<IDataObject>(context, hoiioProfile, {
			method: 'POST',
			path: 'number/get_active',
			body: { page },
			idempotent: true,
		});
		const list = Array.isArray(body.entries) ? (body.entries as IDataObject[]) : [];
		entries.push(...list);
		const total = Number(body.total_entries_count);
		if (list.length === 0 || !Number.isFinite(total) || entries.length >= total) break;
	}
	return entries;
}

async function currentForwarding(
	context: IHookFunctions,
	number: string,
): Promise<Forwarding | undefined> {
	const entry = (await activeNumbers(context)).find((candidate) => candidate.number === number);
	if (!entry) return undefined;
	return {
		forward_to: typeof entry.forward_to === 'string' ? entry.forward_to : '',
		// The Python SDK and get_active call it `forward_sms_to`; the update takes `forward_to_sms`.
		forward_sms_to:
			typeof entry.forward_sms_to === 'string'
				? entry.forward_sms_to
				: typeof entry.forward_to_sms === 'string'
					? entry.forward_to_sms
					: '',
		mode: typeof entry.mode === 'string' ? entry.mode : '',
	};
}

async function updateForwarding(
	context: IHookFunctions,
	number: string,
	forwarding: Forwarding,
): Promise<void> {
	const body: IDataObject = { number };
	if (forwarding.forward_to !== undefined) body.forward_to = forwarding.forward_to;
	if (forwarding.forward_sms_to !== undefined) body.forward_to_sms = forwarding.forward_sms_to;
	if (forwarding.mode) body.mode = forwarding.mode;
	await providerRequest(context, hoiioProfile, {
		method: 'POST',
		path: 'number/update_forwarding',
		body,
		// Setting the same forwarding twice is harmless.
		idempotent: true,
	});
}

/** What the number's forwarding must be for the chosen events. */
function wantedForwarding(events: HoiioEvent[], url: string): Forwarding {
	const wanted: Forwarding = {};
	if (events.includes('incomingSms')) wanted.forward_sms_to = url;
	if (events.includes('incomingFax')) wanted.forward_to = url;
	if (events.includes('ivrAnswer')) wanted.forward_to = url;
	if (events.includes('incomingFax')) wanted.mode = 'fax';
	else if (events.includes('ivrAnswer')) wanted.mode = 'voice';
	return wanted;
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
	const number = String(context.getNodeParameter('hoiioNumber', '') ?? '').trim();
	if (number === '') {
		throw new NodeOperationError(
			context.getNode(),
			'Choose the Hoiio number whose incoming SMS, calls or faxes should start this workflow',
		);
	}
	return number;
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
				displayName: 'Hoiio Number Name or ID',
				name: 'hoiioNumber',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getSubscribedNumbers' },
				default: '',
				description:
					'The number whose incoming SMS, calls or faxes start the workflow. On activation its forwarding is pointed at this trigger; on deactivation the previous forwarding is put back. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { events: ['incomingSms', 'incomingFax', 'ivrAnswer'] } },
			},
		],
	};

	methods = { loadOptions: hoiioLoadOptions };

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
		delete parameters[TOKEN_PARAMETER];
		delete parameters[SIGNATURE_PARAMETER];
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
			workflowData: [[{ json: { event, ...normalizeRecord(parameters) } }]],
		};
	}
}
