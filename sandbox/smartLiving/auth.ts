/**
 * Who may call, and how a REST caller proves it: the legacy accounts (login, and the client ID and key of
 * the device protocol) and the Maker tokens with what each reaches. Secrets live here, not in the state.
 */
import type { EmulatorResponse, RecordedRequest } from '../core/types';
import type { LegacyAccount } from './login';
import type { Caller } from './records';
import type { SessionStore } from './sessions';
import { smartLivingSeed } from './seed';

export interface MakerTokenScope {
	/** Devices the token may use directly (a device token). */
	deviceIds?: string[];
	/** Grounds whose devices the token may use (a ground token). */
	groundIds?: string[];
}

export interface AccountOptions {
	/** Legacy login of the main user; default `sandbox-user` / `sandbox-password`. */
	username?: string;
	password?: string;
	/** Maker tokens and what they reach; default the seeded device and ground tokens. */
	makerTokens?: Record<string, MakerTokenScope>;
}

export class SmartLivingAccounts {
	/** The main user first, then the friend who shares the office ground. */
	readonly legacy: LegacyAccount[];
	private readonly makerTokens: Map<string, MakerTokenScope>;

	constructor({ username, password, makerTokens }: AccountOptions) {
		this.legacy = [
			{
				userId: smartLivingSeed.userId,
				username: username ?? smartLivingSeed.username,
				password: password ?? smartLivingSeed.password,
				clientId: smartLivingSeed.clientId,
				clientKey: smartLivingSeed.clientKey,
			},
			{ ...smartLivingSeed.friend },
		];
		this.makerTokens = new Map(
			Object.entries(
				makerTokens ?? {
					[smartLivingSeed.makerDeviceToken]: { deviceIds: [smartLivingSeed.deviceIds.thermostat] },
					[smartLivingSeed.makerGroundToken]: { groundIds: [smartLivingSeed.groundIds.home] },
				},
			),
		);
	}

	/** The legacy account with this MQTT client ID and key (the device protocol's credentials). */
	byClientKey(
		clientId: string | undefined,
		clientKey: string | undefined,
	): LegacyAccount | undefined {
		return this.legacy.find(
			(candidate) => candidate.clientId === clientId && candidate.clientKey === clientKey,
		);
	}

	isMakerToken(token: string): boolean {
		return this.makerTokens.has(token);
	}

	makerCaller(token: string): Caller | undefined {
		const scope = this.makerTokens.get(token);
		if (!scope) return undefined;
		return {
			platform: 'maker',
			kind: scope.groundIds && scope.groundIds.length > 0 ? 'ground' : 'device',
			deviceIds: scope.deviceIds ?? [],
			groundIds: scope.groundIds ?? [],
		};
	}

	/** The CLI's lines: the main user's logins and each Maker token with what it reaches. */
	describe(mqttUrl: string): Record<string, string> {
		const main = this.legacy[0];
		const lines: Record<string, string> = {
			'MQTT broker': mqttUrl,
			'Legacy login': `${main.username} / ${main.password}`,
			'Legacy MQTT': `user ${main.clientId}:${main.clientId}, password ${main.clientKey}`,
		};
		for (const [token, scope] of this.makerTokens) {
			const isGround = (scope.groundIds ?? []).length > 0;
			const reach = isGround ? scope.groundIds : scope.deviceIds;
			lines[`Maker ${isGround ? 'ground' : 'device'} token`] =
				`${token} (${(reach ?? []).join(', ')})`;
		}
		return lines;
	}
}

function deniedResponse(message: string): EmulatorResponse {
	return {
		status: 401,
		body: { message },
		headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
	};
}

/** Bearer login token or Maker token; the old device protocol's `Auth-ClientId`/`Auth-ClientKey` too. */
export function authenticateRequest(
	request: RecordedRequest,
	accounts: SmartLivingAccounts,
	sessions: SessionStore,
): Caller | EmulatorResponse {
	const authorization = request.headers.authorization ?? '';
	const bearer = /^bearer\s+(.+)$/i.exec(authorization.trim())?.[1];
	if (bearer) {
		const session = sessions.resolve(bearer);
		if (session === 'expired') return deniedResponse('The access token has expired');
		if (session) return { platform: 'legacy', userId: session.userId };
		const maker = accounts.makerCaller(bearer);
		if (maker) return maker;
		return deniedResponse('Authorization has been denied for this request.');
	}
	const clientId = request.headers['auth-clientid'];
	const account = accounts.byClientKey(clientId, request.headers['auth-clientkey']);
	if (clientId && account) return { platform: 'legacy', userId: account.userId };
	return deniedResponse('Authorization has been denied for this request.');
}
