import type { FieldSpec, OwnOperationHead, RunOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { sessionEvent } from '../../fields';
import { vumiCampaignSend, vumiSmsText } from '../../campaign';
import { content, optedOutHandling, sendMessage, toAddress, toAddressType } from './send';

const fields: FieldSpec[] = [
	toAddress,
	content('Text to send'),
	sessionEvent,
	toAddressType,
	optedOutHandling,
];

/** Message → Send Text: one message to one recipient per item. */
export const operation: OwnOperationHead = {
	resource: 'message',
	operation: 'sendText',
	name: 'Send Text',
	action: 'Send a text message',
	description: 'Send a text message (SMS, USSD, chat) through the conversation',
	send: { recipientField: 'toAddress', ...vumiCampaignSend, sms: vumiSmsText },
	fields,
};

export const description = operationProperties(operation);

export const execute: RunOperation = async (context, input, settings) =>
	await sendMessage(context, input, settings, fields);
