import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationInput, OperationSpec } from '../../shared/operations';
import {
	failureFields,
	invalidInput,
	selectRecipients,
	sendInChunks,
	wireValues,
} from '../../shared/operations';
import type { RequestSettings } from '../../shared/request';
import { providerRequest } from '../../shared/request';
import { scgProfile } from '../api';
import { isEmptyWireValue, messageRequestId, simplified, wireField } from '../fields';
import { checkRecipients, recipientEntries } from '../recipients';
import { uploadAttachment } from './attachment';
import {
	RECIPIENTS_PER_REQUEST,
	createFields,
	listFilters,
	optionalFields,
	recipients,
} from './messageRequestFields';

const PATH = 'messaging/message_requests';

/** The attachment IDs of an MMS: given, or uploaded from the item's binary fields. */
async function attachmentsOf(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<string[]> {
	const { values, itemIndex } = input;
	if (values.attachmentSource === 'ids') return values.attachmentIds as string[];
	const names = String(values.binaryProperties)
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	const uploaded: string[] = [];
	for (const name of names) {
		const attachment = await uploadAttachment(context, itemIndex, name, {}, settings);
		uploaded.push(String(attachment.id));
	}
	return uploaded;
}

/** The recipients to send to, checked; invalid numbers either stop the send or are reported. */
function checkedRecipients(
	context: IExecuteFunctions,
	input: OperationInput,
): { to: string[]; invalid: unknown[]; report: IDataObject } {
	const { values, itemIndex } = input;
	const entries = recipientEntries(values.recipients);
	if (entries.length === 0)
		throw invalidInput(context, itemIndex, recipients.displayName, 'is required but empty');
	const { to, invalid } = checkRecipients(entries, values.defaultCountryCode as string);
	const skipInvalid = values.invalidNumbers === 'skip';
	if (invalid.length > 0 && !skipInvalid) {
		throw invalidInput(
			context,
			itemIndex,
			recipients.displayName,
			`has an invalid phone number: ${invalid.map((entry) => entry.reason).join('; ')}`,
		);
	}
	const report: IDataObject = skipInvalid
		? { skippedRecipients: invalid as unknown as IDataObject[] }
		: {};
	return { to, invalid, report };
}

/** What every message request of the send carries besides its `to`. */
async function messageBody(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<IDataObject> {
	const { values } = input;
	const common: IDataObject = { from: values.sender as string };
	if (values.message !== undefined) common.body = values.message as string;
	if (values.messageType === 'MMS')
		common.attachments = await attachmentsOf(context, input, settings);
	// SCG never receives false, 0 or empty values (docs/wire-formats/syniverseScg.md#empty-values).
	const optional = wireValues(optionalFields, values, (wireValue) => !isEmptyWireValue(wireValue));
	const campaignKey = input.send?.campaignKey;
	if (campaignKey !== undefined) {
		// The only field of ours SCG's delivery reports carry back (external_message_request_id).
		if (optional.external_id !== undefined && optional.external_id !== campaignKey)
			throw invalidInput(
				context,
				input.itemIndex,
				'External ID',
				`and the Campaign Key are both set: SCG reports one ID back with each message (external_message_request_id), which a campaign fills with its key. Leave External ID empty, or make it the Campaign Key.`,
			);
		optional.external_id = campaignKey;
	}
	return { ...common, ...optional };
}

/** Contacts and groups get their numbers only inside SCG: no time zone can be known for them. */
function refuseReferencesInWindow(context: IExecuteFunctions, input: OperationInput, to: string[]) {
	const references = to.filter((entry) => /^(contact|group|fb|we):/.test(entry));
	if (references.length === 0 || !input.send?.hasSendWindow) return;
	throw invalidInput(
		context,
		input.itemIndex,
		recipients.displayName,
		`has ${references.slice(0, 3).join(', ')}${references.length > 3 ? ', …' : ''}: SCG expands contacts and groups itself, so their numbers and time zones are not known here and a Send Window cannot hold them back. List phone numbers, or leave out the Send Window (SCG's own Scheduled Delivery Time with Scheduled Delivery Time Zone LOCAL can time a message per recipient).`,
	);
}

/**
 * Create: one message request per chunk of recipients. SCG answers a create with the request's ID
 * only; the messages per recipient (and a group's members) exist once SCG has processed it, and
 * Get Messages lists them. So the output is one item per message request, with the entries of `to`
 * it carried and their count, plus an item for every recipient skipped as already sent.
 */
async function createMessageRequests(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<INodeExecutionData[]> {
	const { to, invalid, report } = checkedRecipients(context, input);
	const nothingSent = () => ({ sent: false, to: [], ...report });
	// Nothing left to send to: report it instead of failing the whole run.
	if (to.length === 0) return context.helpers.returnJsonArray([nothingSent()]);
	refuseReferencesInWindow(context, input, to);
	const tracking = input.send;
	const { toSend, held } = await selectRecipients(tracking, to, input.values);
	if (toSend.length === 0)
		return context.helpers.returnJsonArray(invalid.length > 0 ? [nothingSent(), ...held] : held);
	const message = await messageBody(context, input, settings);
	const size = (input.values.recipientsPerRequest as number | undefined) ?? RECIPIENTS_PER_REQUEST;
	// Invalid numbers are reported once, with the first request.
	const extra = (chunk: number) => (chunk === 1 ? report : {});
	const created = await sendInChunks(context, tracking, toSend, size, {
		async sendChunk(chunkTo, position) {
			const body: IDataObject = { from: message.from, to: chunkTo, ...message };
			const response = await providerRequest<IDataObject>(
				context,
				scgProfile,
				{ method: 'POST', path: PATH, body, itemIndex: input.itemIndex },
				settings,
			);
			const item = {
				...response.body,
				...body,
				status: 'sent',
				recipientCount: chunkTo.length,
				...position,
				...tracking?.campaignFields,
				...extra(position.chunk),
			};
			return { reference: String(response.body.id), items: [item] };
		},
		failedItems: (chunkTo, failure, position) => [
			{
				...failureFields(failure),
				to: chunkTo,
				recipientCount: chunkTo.length,
				...position,
				...extra(position.chunk),
			},
		],
		alreadyDone: (done, chunks, references) =>
			`Message requests 1 to ${done} of ${chunks} were already created (${references.join(', ')})`,
	});
	return context.helpers.returnJsonArray([...created, ...held]);
}

export const messageRequestOperations: OperationSpec[] = [
	{
		resource: 'messageRequest',
		operation: 'create',
		name: 'Create',
		action: 'Send an SMS or MMS',
		description:
			'Send a message to phone numbers, contacts or groups, now or at a scheduled time; one result per message request, a long list going out as several',
		method: 'POST',
		path: PATH,
		fields: createFields,
		onTimeout: 'fail',
		send: {
			sms: { field: 'message', displayName: 'Message', when: { messageType: ['SMS'] } },
			phoneRecipients: true,
		},
		run: createMessageRequests,
	},
	{
		resource: 'messageRequest',
		operation: 'get',
		name: 'Get',
		action: 'Get a message request',
		description: 'Retrieve a message request with its state and delivered, failed and other counts',
		method: 'GET',
		path: `${PATH}/{messageRequestId}`,
		fields: [messageRequestId],
		simplify: simplified.messageRequest,
	},
	{
		resource: 'messageRequest',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many message requests',
		description: 'List message requests, optionally filtered',
		method: 'GET',
		path: PATH,
		list: true,
		fields: listFilters,
		simplify: simplified.messageRequest,
	},
	{
		resource: 'messageRequest',
		operation: 'getMessages',
		name: 'Get Messages',
		action: 'Get the messages of a message request',
		description:
			'List the single messages a request produced, one per recipient, with their delivery state',
		method: 'GET',
		path: `${PATH}/{messageRequestId}/messages`,
		list: true,
		simplify: simplified.message,
		fields: [
			messageRequestId,
			wireField('State', 'state', 'string', 'Only messages in this state, for example FAILED', {
				placeholder: 'FAILED',
			}),
		],
	},
	{
		resource: 'messageRequest',
		operation: 'cancel',
		name: 'Cancel',
		action: 'Cancel a message request',
		description:
			'Stop a scheduled, paused or still sending request; messages already sent stay sent',
		method: 'POST',
		path: `${PATH}/{messageRequestId}`,
		constantBody: { state: 'CANCELED' },
		onTimeout: 'retry',
		fields: [messageRequestId],
		output: (_body, input) => ({
			id: input.values.messageRequestId as string,
			state: 'CANCELED',
		}),
	},
];
