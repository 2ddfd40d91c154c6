import type { OperationSpec } from '../../shared/operations';
import { deviceId, messageFields } from '../fields';

export const smsOperations: OperationSpec[] = [
	{
		resource: 'sms',
		operation: 'send',
		name: 'Send',
		action: 'Send an SMS to a device',
		description: 'Send an SMS to the SIM of a device',
		method: 'POST',
		path: 'sms/incoming',
		send: { recipientField: 'deviceId' },
		fields: [
			deviceId,
			...messageFields('body', 'base64body'),
			{
				displayName: 'From Number',
				name: 'fromNumber',
				type: 'string',
				default: '',
				wireName: 'fromnumber',
				description: 'Number the device sees as the sender',
			},
		],
	},
];
