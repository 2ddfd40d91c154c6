import type { RouteParams } from '../../core/router';
import type { EmulatorResponse, RecordedRequest } from '../../core/types';
import type { TokenStore } from '../auth';
import type { EventBus } from '../events';
import type { Messaging } from '../messaging';
import type { ScgState } from '../state';

export interface ScgContext {
	request: RecordedRequest;
	/** URL-decoded path parameters. */
	path: RouteParams;
	state: ScgState;
	/** Epoch milliseconds, the API's date format. */
	now: number;
	messaging: Messaging;
	events: EventBus;
	tokens: TokenStore;
	/** Attachment id → uploaded bytes (kept out of the state dump). */
	content: Map<string, Buffer>;
}

export type ScgHandler = (context: ScgContext) => EmulatorResponse;

export interface ScgRoutes {
	/** Full paths from the host root; routes need a Bearer token unless marked public. */
	add(method: string, pattern: string, handler: ScgHandler, access?: 'public'): void;
}
