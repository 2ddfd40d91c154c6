import type { RouteParams } from '../../core/router';
import type { EmulatorResponse, RecordedRequest } from '../../core/types';
import type { EventSpec } from '../messages';
import type { VumiConversation, VumiEvent, VumiGoState, VumiUserMessage } from '../state';

/** What handlers need from the emulator beyond the state. */
export interface VumiGoServices {
	/** Server page size for contact and group lists. */
	readonly pageSize: number;
	/** Longest `content` the conversation HTTP API accepts. */
	readonly maxContentLength: number;
	/** The ack and delivery report that follow an accepted outbound message. */
	afterSend(conversation: VumiConversation, message: VumiUserMessage): void;
	emitEvent(conversation: VumiConversation, message: VumiUserMessage, spec: EventSpec): VumiEvent;
}

export interface VumiGoContext {
	request: RecordedRequest;
	/** URL-decoded path parameters. */
	path: RouteParams;
	state: VumiGoState;
	now: Date;
	/** The account the Bearer token (or, on the conversation API, the Basic user) belongs to. */
	account: string;
	services: VumiGoServices;
}

export type VumiGoHandler = (context: VumiGoContext) => EmulatorResponse;

/** `bearer`: the OAuth token of the account APIs; `conversation`: Basic account key : conversation token. */
export type VumiGoAuth = 'bearer' | 'conversation';

export interface VumiGoRoutes {
	add(method: string, pattern: string, handler: VumiGoHandler, auth: VumiGoAuth): void;
}
