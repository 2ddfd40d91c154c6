import type { FieldSpec, OperationSpec } from '../../shared/operations';
import {
	CLOUD_MESSAGE_LIMIT,
	deviceIds,
	deviceLocator,
	messageFields,
	sentOutput,
} from '../fields';

/** Everything of a TCP/UDP send but the devices, which the answer lists itself. */
const sendOptions: FieldSpec[] = [
	{
		displayName: 'Protocol',
		name: 'protocol',
		type: 'options',
		required: true,
		default: 'TCP',
		options: [
			{ name: 'TCP', value: 'TCP' },
			{ name: 'UDP', value: 'UDP' },
		],
	},
	{
		displayName: 'Port',
		name: 'port',
		type: 'number',
		integer: true,
		min: 1,
		required: true,
		default: 4010,
		description: 'Port the device listens on',
	},
	...messageFields('data', 'base64data', CLOUD_MESSAGE_LIMIT),
	{
		displayName: 'Wait for Response',
		name: 'waitForResponse',
		type: 'boolean',
		default: false,
		description: 'Whether to wait for the device to answer (TCP only)',
	},
];

const webhookFields: FieldSpec[] = [
	{ ...deviceLocator, description: 'The device whose cloud webhook receives the message' },
	{
		displayName: 'Webhook GUID',
		name: 'webhookGuid',
		type: 'string',
		default: '',
		required: true,
		// The GUID is the secret of the send: it travels in the path only, never in the output.
		typeOptions: { password: true },
		description:
			"The device's webhook GUID, from the device's Cloud Messaging settings in the Dashboard",
	},
	...messageFields('data', 'base64data', CLOUD_MESSAGE_LIMIT),
];

export const deviceMessageOperations: OperationSpec[] = [
	{
		resource: 'deviceMessage',
		operation: 'send',
		name: 'Send',
		action: 'Send a message to devices',
		description: 'Send data to devices over TCP or UDP through the Hologram cloud',
		method: 'POST',
		path: 'devices/messages',
		onTimeout: 'fail',
		send: { recipientField: 'deviceIds' },
		fields: [deviceIds, ...sendOptions],
		// The answer lists each device with its message ID; each item also says what was sent.
		output: sentOutput(sendOptions),
	},
	{
		resource: 'deviceMessage',
		operation: 'sendViaWebhook',
		name: 'Send via Webhook',
		action: 'Send a message to a device via its webhook',
		description:
			"Send data to one device through its cloud webhook; the webhook's GUID replaces the API key",
		method: 'POST',
		path: 'devices/messages/{deviceId}/{webhookGuid}',
		onTimeout: 'fail',
		send: { recipientField: 'deviceId' },
		// The GUID in the URL is the secret: the API key must not travel with it.
		authenticate: false,
		fields: webhookFields,
		output: sentOutput(webhookFields),
	},
];
