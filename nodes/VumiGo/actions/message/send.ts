import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeApiError } from '../../../shared/errors';
import { SMS_MAX_CHARACTERS } from '../../../shared/limits';
import type { FieldSpec, OperationInput } from '../../../shared/operations';
import { invalidInput, wireValues } from '../../../shared/operations';
import { checkPhoneNumber } from '../../../shared/phone';
import type { RequestSettings } from '../../../shared/request';
import { providerRequest } from '../../../shared/request';
import { checkConversationCredential, vumiConversationProfile } from '../../api';

/**
 * A message to one recipient through the conversation's HTTP API: a PUT of the message to
 * `messages.json`. Send Text and Send Voice share it; the shared executor runs it once per recipient
 * (`send.recipientField`), skipping and recording recipients of a campaign around it.
 */

export const toAddress: FieldSpec = {
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
 * type defaults to msisdn (opt-outs are checked against it). So "To" is checked as a phone number,
 * unless the user says the channel addresses people another way (a chat handle on a chat transport):
 * then it goes as typed. Not sent itself.
 */
export const toAddressType: FieldSpec = {
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
export const content = (description: string): FieldSpec => ({
	displayName: 'Message',
	name: 'content',
	type: 'string',
	default: '',
	required: true,
	typeOptions: { rows: 3 },
	maxLength: SMS_MAX_CHARACTERS,
	description: `${description}, at most 1,600 characters (the conversation may allow fewer)`,
});

export const optedOutHandling: FieldSpec = {
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

/** Vumi Go refuses opted-out recipients with a 400 whose reason says "opted out". */
function isOptOutRefusal(error: unknown): error is NodeApiError {
	return (
		error instanceof NodeApiError &&
		error.httpCode === '400' &&
		/opted out/i.test(String(error.message))
	);
}

/** An opted-out recipient: an item saying so (Skip and Report), or an error that names them. */
function optedOut(
	context: IExecuteFunctions,
	input: OperationInput,
	error: NodeApiError,
): INodeExecutionData[] {
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

/** Sends the message of one item: the checked address, the fields' wire values and the voice options. */
export async function sendMessage(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
	fields: FieldSpec[],
): Promise<INodeExecutionData[]> {
	const address = recipientAddress(context, input);
	await checkConversationCredential(context, input.itemIndex, 'Sending a message');
	const body: IDataObject = { ...wireValues(fields, input.values), to_addr: address };
	const { speechUrl, waitFor } = input.values;
	if (speechUrl !== undefined || waitFor !== undefined) {
		const voice: IDataObject = {};
		if (speechUrl !== undefined) voice.speech_url = speechUrl as string;
		if (waitFor !== undefined) voice.wait_for = waitFor as string;
		body.helper_metadata = { voice };
	}
	try {
		// A send whose outcome is unknown must not be repeated, even though it is a PUT.
		const request = {
			method: 'PUT' as const,
			path: 'messages.json',
			body,
			idempotent: false,
			itemIndex: input.itemIndex,
		};
		const response = await providerRequest(context, vumiConversationProfile, request, settings);
		return context.helpers.returnJsonArray(response.body as IDataObject);
	} catch (error) {
		if (!isOptOutRefusal(error)) throw asNodeApiError(context.getNode(), error);
		return optedOut(context, input, error);
	}
}
