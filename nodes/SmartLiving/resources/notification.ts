import type { IDataObject } from 'n8n-workflow';

import type { OperationSpec } from '../../shared/operations';
import { jsonRun } from '../../shared/operations';
import { isObject } from '../../shared/provider';
import { call, notOnPlatform, platformFor } from '../api';

export const notificationOperations: OperationSpec[] = [
	{
		resource: 'notification',
		operation: 'push',
		name: 'Push',
		action: 'Push a notification',
		description:
			"Send a notification to the account's phones and browsers. SmartLiving legacy only: Maker has no call for it.",
		method: 'POST',
		path: '/service/push/notifications',
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
		run: jsonRun(async (context, input, settings) => {
			const platform = await platformFor(context);
			if (platform === 'maker')
				throw notOnPlatform(
					context,
					input.itemIndex,
					platform,
					'push notifications (Notification → Push)',
				);
			const body = await call(
				context,
				{
					method: 'POST',
					path: '/service/push/notifications',
					body: { message: String(input.values.message) },
					itemIndex: input.itemIndex,
				},
				settings,
			);
			const answer: IDataObject = isObject(body) ? (body as IDataObject) : {};
			return { sent: true, message: input.values.message as string, ...answer };
		}),
	},
];
