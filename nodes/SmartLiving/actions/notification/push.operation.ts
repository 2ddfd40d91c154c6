import type { IDataObject } from 'n8n-workflow';

import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { isObject } from '../../../shared/provider';
import { call, notOnPlatform, platformFor } from '../../api';

/** Notification → Push: legacy only; Maker has no call for it, so the node says so before sending. */
export const operation: OwnOperationHead = {
	resource: 'notification',
	operation: 'push',
	name: 'Push',
	action: 'Push a notification',
	description:
		"Send a notification to the account's phones and browsers. SmartLiving legacy only: Maker has no call for it.",
	fields: [
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 2 },
			description: 'The text of the notification',
		},
	],
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const platform = await platformFor(context);
	if (platform === 'maker')
		throw notOnPlatform(
			context,
			input.itemIndex,
			platform,
			'push notifications (Notification → Push)',
		);
	const message = String(input.values.message);
	const body = await call(
		context,
		{
			method: 'POST',
			path: '/service/push/notifications',
			body: { message },
			itemIndex: input.itemIndex,
		},
		settings,
	);
	return { sent: true, message, ...(isObject(body) ? (body as IDataObject) : {}) };
});
