import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { FieldSpec, OperationInput, OperationSpec } from '../../shared/operations';
import { buildRequest, invalidInput } from '../../shared/operations';
import { asNodeApiError } from '../../shared/errors';
import { SMS_MAX_CHARACTERS } from '../../shared/limits';
import { checkPhoneNumber } from '../../shared/phone';
import type { RequestSettings } from '../../shared/request';
import { providerRequest } from '../../shared/request';
import { vumiConversationProfile } from '../api';
import { vumiCampaignSend, vumiSmsText } from '../campaign';
import { sessionEvent } from '../fields';

/** Messages go out through the conversation's HTTP API: a PUT of the message to `messages.json`. */

const toAddress: FieldSpec = {
	displayName: 'To',
	name: 'toAddress',
	wireName: 'to_addr',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+27761234567',
	description:
		'Address to send to: a phone number in international format, or (with Address Type "Other Address") the address the channel uses',
};

/**
 * Vumi Go treats `to_addr` as an MSISDN: a send carries only `to_addr` and `content`, and the address
 * type defaults to msisdn (wire notes §2.6; opt-outs are checked against it). So "To" is checked as a
 * phone number, unless the user says the channel addresses people another way (a chat handle on a
 * chat transport): then it goes as typed. Not sent itself.
 */
const toAddressType: FieldSpec = {
	displayName: 'Address Type',
	name: 'toAddressType',
	type: 'options',
	default: 'msisdn',
	options: [
		{
			name: 'Phone Number (MSISDN)',
			value: 'msisdn',
			description: 'Checked, and sent in international format (+ and country code)',
		},
		{
			name: 'Other Address',
			value: 'other',
			description: 'An address of the channel that is not a phone number, sent as typed',
		},
	],
	description: 'What kind of address "To" is: SMS, USSD and voice channels use phone numbers',
	in: 'none',
};

/**
 * Vumi Go's limit is set per conversation (`content_length_limit`, none by default), so the node
 * caps texts at the usual limit of a long (concatenated) SMS, the channel most conversations use.
 */
const content = (description: string): FieldSpec => ({
	displayName: 'Message',
	name: 'content',
	type: 'string',
	default: '',
	required: true,
	typeOptions: { rows: 3 },
	maxLength: SMS_MAX_CHARACTERS,
	description: `${description}, at most 1,600 characters (the conversation may allow fewer)`,
});

/** The address to send to: a phone number checked and in E.164, unless the address is of another type. */
function recipientAddress(context: IExecuteFunctions, input: OperationInput): string {
	const address = input.values.toAddress as string;
	if (input.values.toAddressType === 'other') return address;
	const check = checkPhoneNumber(address);
	if (!check.valid) {
		throw invalidInput(
			context,
			input.itemIndex,
			toAddress.displayName,
			`${check.reason}. For a channel address that is not a phone number, set Address Type to "Other Address".`,
		);
	}
	return check.number;
}

const optedOutHandling: FieldSpec = {
	displayName: 'Opted-Out Recipients',
	name: 'optedOut',
	type: 'options',
	default: 'error',
	options: [
		{
			name: 'Fail',
			value: 'error',
			description:
				'Stop with an error that names the recipient (or report it, with Continue On Fail)',
		},
		{
			name: 'Skip and Report',
			value: 'skip',
			description: 'Send nothing and output an item with skipped: true for this recipient',
		},
	],
	description: 'What to do when Vumi Go refuses a recipient because they opted out',
	// Decides how a refusal is handled; not sent.
	in: 'none',
};

/** Vumi Go refuses opted-out recipients with a 400 whose reason says "opted out". */
function isOptOutRefusal(error: unknown): error is NodeApiError {
	return (
		error instanceof NodeApiError &&
		error.httpCode === '400' &&
		/opted out/i.test(String(error.message))
	);
}

/** Sends the message of one item: the table's request, with the checked address and voice options. */
function sendMessage(operation: () => OperationSpec) {
	return async (
		context: IExecuteFunctions,
		input: OperationInput,
		settings: RequestSettings,
	): Promise<INodeExecutionData[]> => {
		const address = recipientAddress(context, input);
		const request = buildRequest(operation(), input);
		const body: IDataObject = { ...(request.body as IDataObject), to_addr: address };
		const { speechUrl, waitFor } = input.values;
		if (speechUrl !== undefined || waitFor !== undefined) {
			const voice: IDataObject = {};
			if (speechUrl !== undefined) voice.speech_url = speechUrl as string;
			if (waitFor !== undefined) voice.wait_for = waitFor as string;
			body.helper_metadata = { voice };
		}
		try {
			const response = await providerRequest(
				context,
				vumiConversationProfile,
				{ ...request, body },
				settings,
			);
			return context.helpers.returnJsonArray(response.body as IDataObject);
		} catch (error) {
			if (!isOptOutRefusal(error)) throw asNodeApiError(context.getNode(), error);
			const recipient = input.values.toAddress as string;
			const reason = String(error.message).replace(/^Vumi Go:\s*/, '');
			if (input.values.optedOut === 'skip') {
				const skipped = { skipped: true, reason: 'optedOut', to_addr: recipient, message: reason };
				return context.helpers.returnJsonArray(skipped);
			}
			throw new NodeApiError(
				context.getNode(),
				{ reason },
				{
					message: `The recipient ${recipient} has opted out: Vumi Go did not send the message`,
					description: `${reason}. Remove the recipient from the list, or set "Opted-Out Recipients" to "Skip and Report".`,
					httpCode: '400',
					itemIndex: input.itemIndex,
				},
			);
		}
	};
}

const sendText: OperationSpec = {
	resource: 'message',
	operation: 'sendText',
	name: 'Send Text',
	action: 'Send a text message',
	description: 'Send a text message (SMS, USSD, chat) through the conversation',
	method: 'PUT',
	path: 'messages.json',
	// A send whose outcome is unknown must not be repeated, even though it is a PUT.
	onTimeout: 'fail',
	send: { recipientField: 'toAddress', ...vumiCampaignSend, sms: vumiSmsText },
	fields: [toAddress, content('Text to send'), sessionEvent, toAddressType, optedOutHandling],
	run: sendMessage(() => sendText),
};

const sendVoice: OperationSpec = {
	resource: 'message',
	operation: 'sendVoice',
	name: 'Send Voice',
	action: 'Send a voice message',
	description: 'Call someone through a voice channel and play a recording or spoken text',
	method: 'PUT',
	path: 'messages.json',
	onTimeout: 'fail',
	send: { recipientField: 'toAddress', ...vumiCampaignSend },
	fields: [
		toAddress,
		content(
			'Text to speak when no speech URL is given; channels that are not voice send it as text',
		),
		{
			displayName: 'Speech URL',
			name: 'speechUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/greeting.mp3',
			description: 'Link to a sound file to play instead of speaking the message text',
			in: 'none',
			validate: (value) =>
				/^https?:\/\/\S+$/i.test(String(value)) ? undefined : 'must be an http(s) link',
		},
		{
			displayName: 'Wait For Key',
			name: 'waitFor',
			type: 'string',
			default: '',
			placeholder: '#',
			description:
				'Key that ends what the person types: with # pressing 1 2 3 # gives one reply "123" instead of four',
			in: 'none',
			validate: (value) =>
				String(value).length === 1 ? undefined : 'must be a single key such as # or *',
		},
		{
			...sessionEvent,
			description: 'New starts a call, Resume continues it, Close ends it; None means Resume',
		},
		toAddressType,
		optedOutHandling,
	],
	run: sendMessage(() => sendVoice),
};

export const messageOperations: OperationSpec[] = [sendText, sendVoice];
