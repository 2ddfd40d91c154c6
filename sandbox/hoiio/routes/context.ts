import type { EmulatorResponse, RecordedRequest } from '../../core/types';
import type { HoiioState } from '../state';
import type { Params } from '../wire';

/** The asynchronous side of the provider, as route handlers and simulated inbound events see it. */
export interface HoiioEvents {
	/** Runs `task` after the notification delay (or at the next flush), in order. */
	later(task: () => void): void;
	/** POSTs a notification when `url` is set; records the delivery in `state.deliveries`. */
	notify(url: string | undefined, event: string, params: Record<string, string | undefined>): void;
	/** The current time (tasks run later than the request that scheduled them). */
	now(): Date;
	/** Where the emulator serves files it links to (fax_url, record_url). */
	origin(): string;
}

export interface HoiioContext {
	request: RecordedRequest;
	/** Query string, form body and multipart fields merged, credentials included. */
	params: Params;
	state: HoiioState;
	now: Date;
	events: HoiioEvents;
}

export type HoiioHandler = (context: HoiioContext) => EmulatorResponse;

export interface HoiioRoutes {
	/** `path` like `sms/send`; GET and POST both reach it (docs/wire-formats/hoiio.md#transport-and-auth). */
	add(path: string, handler: HoiioHandler): void;
}
