import { badRequest } from '../values';
import { json, type SmartLivingRoutes } from './context';

export function registerNotificationRoutes(routes: SmartLivingRoutes): void {
	routes.add(
		'POST',
		'/service/push/notifications',
		({ body, state, caller, now }) => {
			const message = body.message;
			if (typeof message !== 'string' || message.trim() === '')
				throw badRequest('message is required');
			if (caller.platform !== 'legacy') throw badRequest('Push notifications need a user login');
			const notification = {
				id: `notification-${state.notifications.length + 1}`,
				userId: caller.userId,
				message,
				at: now.toISOString(),
			};
			state.notifications.push(notification);
			return json({ id: notification.id, message: notification.message, at: notification.at });
		},
		{ legacyOnly: 'push notifications' },
	);
}
