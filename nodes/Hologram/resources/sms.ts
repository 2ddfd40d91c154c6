import type { FieldSpec, OperationSpec } from '../../shared/operations';
import { phoneNumberProblem, toE164 } from '../../shared/phone';
import { SMS_LIMIT, deviceLocator, messageFields, sentOutput } from '../fields';

const fields: FieldSpec[] = [
	{ ...deviceLocator, description: 'The device whose SIM gets the SMS' },
	...messageFields('body', 'base64body', SMS_LIMIT),
	{
		displayName: 'From Number',
		name: 'fromNumber',
		type: 'string',
		default: '',
		wireName: 'fromnumber',
		placeholder: '+14155550100',
		description:
			'Phone number the device sees as the sender, in international format (+ and country code)',
		// A phone number like every other one: checked, and sent in E.164.
		validate: phoneNumberProblem,
		toWire: toE164,
	},
];

export const smsOperations: OperationSpec[] = [
	{
		resource: 'sms',
		operation: 'send',
		name: 'Send',
		action: 'Send an SMS to a device',
		description: 'Send an SMS to the SIM of a device',
		method: 'POST',
		path: 'sms/incoming',
		onTimeout: 'fail',
		// An SMS to a device, not to a number: previewed and counted, but with no send window.
		send: {
			recipientField: 'deviceId',
			sms: { field: 'message', displayName: 'Message', when: { encoding: ['text'] } },
		},
		fields,
		output: sentOutput(fields),
	},
];
