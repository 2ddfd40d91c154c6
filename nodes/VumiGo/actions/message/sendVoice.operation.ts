import type { FieldSpec, OwnOperationHead, RunOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { sessionEvent } from '../../fields';
import { vumiCampaignSend } from '../../campaign';
import { content, optedOutHandling, sendMessage, toAddress, toAddressType } from './send';

const fields: FieldSpec[] = [
	toAddress,
	content('Text to speak when no speech URL is given; channels that are not voice send it as text'),
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
];

/** Message → Send Voice: a call that plays a recording or speaks the text, to one recipient per item. */
export const operation: OwnOperationHead = {
	resource: 'message',
	operation: 'sendVoice',
	name: 'Send Voice',
	action: 'Send a voice message',
	description: 'Call someone through a voice channel and play a recording or spoken text',
	send: { recipientField: 'toAddress', ...vumiCampaignSend },
	fields,
};

export const description = operationProperties(operation);

export const execute: RunOperation = async (context, input, settings) =>
	await sendMessage(context, input, settings, fields);
