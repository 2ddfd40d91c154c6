import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { RequestScheduler } from '../throttle';

export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| ITriggerFunctions
	| IPollFunctions;

export interface ProviderRequest {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, each segment already encoded (see `pathWith`). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | URLSearchParams | Buffer;
	headers?: IDataObject;
	/**
	 * Whether repeating the request is harmless. Defaults to true for GET, HEAD and DELETE and false for
	 * POST, PUT and PATCH: a send whose outcome is unknown is never repeated, and some providers send with
	 * a PUT (Vumi Go messages, SmartLiving commands). Writes that are safe to repeat say so.
	 */
	idempotent?: boolean;
	/** False for the few calls that carry their own secret in the URL (Hologram's webhook send). */
	authenticate?: boolean;
	/** The parameters the path's IDs came from, named when the provider answers 404 ("check the Group Key"). */
	idFields?: string[];
	/** Return the body as a Buffer instead of parsing JSON (attachment downloads). */
	binaryResponse?: boolean;
	itemIndex?: number;
}

export interface RequestSettings {
	/** Milliseconds before a request is given up. */
	timeout?: number;
	maxRetries?: number;
	/** Spaces requests to the rate limit and spreads a provider's "slow down" to every request sharing it. */
	scheduler?: RequestScheduler;
}

export interface ProviderResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, unknown>;
	body: T;
}
