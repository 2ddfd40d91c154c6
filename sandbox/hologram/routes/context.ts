import type { RouteParams } from '../../core/router';
import type { EmulatorResponse, RecordedRequest } from '../../core/types';
import type { HologramState } from '../state';
import type { Params } from '../wire';

export interface HologramContext {
	request: RecordedRequest;
	/** Query string and body fields merged (the SDK sends GET parameters in a JSON body). */
	params: Params;
	/** URL-decoded path parameters. */
	path: RouteParams;
	state: HologramState;
	now: Date;
}

export type HologramHandler = (context: HologramContext) => EmulatorResponse;

export interface HologramRoutes {
	/** Routes need the API key unless marked public (the webhook URL carries its own secret). */
	add(method: string, pattern: string, handler: HologramHandler, access?: 'public'): void;
}
