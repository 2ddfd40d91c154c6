import type { RouteParams } from '../../core/router';
import type { EmulatorResponse, RecordedRequest } from '../../core/types';
import type { Caller } from '../records';
import type { SmartLivingAsset, SmartLivingState } from '../state';

/** State changes go through the emulator so that every change is also published over MQTT. */
export interface SmartLivingEffects {
	setState(asset: SmartLivingAsset, value: unknown, at: string, caller: Caller): Promise<void>;
	sendCommand(asset: SmartLivingAsset, value: unknown, at: string, caller: Caller): Promise<void>;
	historyPageSize(): number;
}

export interface SmartLivingContext {
	request: RecordedRequest;
	/** URL-decoded path parameters. */
	path: RouteParams;
	/** The JSON (or form) body with lower-cased keys: Maker sends `Name`/`Is`, legacy `name`/`is`. */
	body: Record<string, unknown>;
	caller: Caller;
	state: SmartLivingState;
	now: Date;
	effects: SmartLivingEffects;
}

export type SmartLivingHandler = (
	context: SmartLivingContext,
) => EmulatorResponse | Promise<EmulatorResponse>;

export interface SmartLivingRouteOptions {
	/** Calls only the legacy platform has; a Maker token gets a 404 naming what is missing. */
	legacyOnly?: string;
}

export interface SmartLivingRoutes {
	add(
		method: string,
		pattern: string,
		handler: SmartLivingHandler,
		options?: SmartLivingRouteOptions,
	): void;
}

export function json(body: unknown, status = 200): EmulatorResponse {
	return { status, body };
}

/** Writes answer 200 with an empty body, which the SDK accepts. */
export function empty(): EmulatorResponse {
	return { status: 200 };
}
