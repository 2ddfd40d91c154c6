/**
 * Who may do what on the broker. Legacy clients log in as `<clientId>:<clientId>` with their client key
 * and live in `client/{clientId}/...`; a Maker token (the user name, any password) reaches the devices
 * of its scope under `device/{deviceId}/...`.
 */
import type { SmartLivingAccounts } from './auth';
import type { BrokerRules } from './broker';
import { canSeeDevice } from './records';
import type { SmartLivingWorld } from './settings';
import { parseLegacyTopic, parseMakerTopic } from './topics';

export type MqttIdentity =
	| { platform: 'legacy'; userId: string; clientId: string }
	| { platform: 'maker'; token: string };

export type MqttAccessRules = Omit<BrokerRules<MqttIdentity>, 'onMessage'>;

export function mqttAccessRules(
	accounts: SmartLivingAccounts,
	world: SmartLivingWorld,
): MqttAccessRules {
	const makerCanUseDevice = (identity: { token: string }, deviceId: string): boolean => {
		const caller = accounts.makerCaller(identity.token);
		const device = world.state.devices.find((candidate) => candidate.id === deviceId);
		return (
			caller !== undefined && device !== undefined && canSeeDevice(world.state, caller, device)
		);
	};
	return {
		authenticate(username, password) {
			if (!username || !password || password.length === 0) return undefined;
			const legacy = /^(.+):(.+)$/.exec(username);
			if (legacy && legacy[1] === legacy[2]) {
				const account = accounts.byClientKey(legacy[1], password.toString('utf8'));
				if (account)
					return { platform: 'legacy', userId: account.userId, clientId: account.clientId };
			}
			if (accounts.isMakerToken(username)) return { platform: 'maker', token: username };
			return undefined;
		},
		/** Publishing needs a well-formed topic of one's own namespace (legacy) or devices (Maker). */
		canPublish(identity, topic) {
			if (identity.platform === 'legacy')
				return parseLegacyTopic(topic)?.clientId === identity.clientId;
			const parsed = parseMakerTopic(topic);
			return parsed !== undefined && makerCanUseDevice(identity, parsed.deviceId);
		},
		/** Legacy: `client/{ownClientId}/...`; Maker: `device/{id}/...` for a reachable device, or `device/+/...`. */
		canSubscribe(identity, filter) {
			const parts = filter.split('/');
			if (identity.platform === 'legacy') {
				return parts.length >= 3 && parts[0] === 'client' && parts[1] === identity.clientId;
			}
			return (
				parts.length >= 2 &&
				parts[0] === 'device' &&
				(parts[1] === '+' || makerCanUseDevice(identity, parts[1]))
			);
		},
		/** Wildcard subscriptions are narrowed per message to what the client may see. */
		canReceive(identity, topic) {
			const parts = topic.split('/');
			if (identity.platform === 'legacy')
				return parts[0] === 'client' && parts[1] === identity.clientId;
			return parts[0] === 'device' && parts.length > 1 && makerCanUseDevice(identity, parts[1]);
		},
	};
}
