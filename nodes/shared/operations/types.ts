import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IHttpRequestMethods,
	INodePropertyOptions,
	INodePropertyTypeOptions,
} from 'n8n-workflow';

import type { Pagination } from '../pagination';
import type { ProviderProfile } from '../provider';
import type { RequestSettings } from '../request';
import type { SendTracking } from './campaign';

/**
 * How a value is read from the node's parameters and checked before it is sent:
 * - `stringList` / `numberList`: a comma-separated text or an array from an expression;
 * - `json`: a JSON text or an object from an expression;
 * - `dateTime`: an n8n date-time, turned into the wire format by `toWire`.
 */
export type FieldType =
	| 'string'
	| 'number'
	| 'boolean'
	| 'options'
	| 'json'
	| 'dateTime'
	| 'stringList'
	| 'numberList';

export interface FieldSpec {
	/** Parameter name in n8n: says what the value is (`deviceId`, `message`). */
	name: string;
	displayName: string;
	type: FieldType;
	/** Name on the wire when it differs from `name`. */
	wireName?: string;
	/**
	 * Where the value travels. Defaults to the path when the path has `{name}`, else query for GET/DELETE,
	 * else body. `none`: the value only steers the operation (which other fields apply) and is not sent.
	 */
	in?: 'path' | 'query' | 'body' | 'none';
	/** Required fields are parameters of their own; the rest go into Additional Fields (or Filters on lists). */
	required?: boolean;
	default?: string | number | boolean;
	description?: string;
	placeholder?: string;
	hint?: string;
	options?: INodePropertyOptions[];
	/** Name of a `methods.loadOptions` function that fills a dropdown from the live API. */
	loadOptionsMethod?: string;
	/** Only integers are accepted (IDs, counts, byte limits). */
	integer?: boolean;
	/** Smallest allowed number. */
	min?: number;
	/**
	 * Longest accepted value, counted in `lengthUnit`: texts as they are, JSON values as the JSON text
	 * that is sent. Say the limit and why in the field's description too.
	 */
	maxLength?: number;
	/** `characters` (default): Unicode characters, as SMS providers count them; `bytes`: UTF-8 bytes. */
	lengthUnit?: 'characters' | 'bytes';
	typeOptions?: INodePropertyTypeOptions;
	/** Shown only when these other parameters of the same operation have these values. */
	showWhen?: Record<string, Array<string | number | boolean>>;
	/** Extra check on a non-empty value: returns what is wrong with it, or undefined when it is fine. */
	validate?: (value: unknown) => string | undefined;
	/** Converts the checked value into what the API expects. */
	toWire?: (value: unknown) => unknown;
}

/** The checked values of one item, by parameter name, plus the item's index. */
export interface OperationInput {
	itemIndex: number;
	values: Record<string, unknown>;
	/** Send operations only: the campaign record and the progress counts (see `OperationSpec.send`). */
	send?: SendTracking;
}

/**
 * A send to people or devices. It gets the Campaign options (Campaign Key, Skip Recipients Already
 * Sent) and counts towards the progress of the run.
 */
export interface SendSpec {
	/**
	 * The parameter with the recipient, or a list of them, sent in one request. The shared executor
	 * then skips recipients already sent in the campaign, sends to the rest and records them once the
	 * send succeeded. Without it the operation's own `execute` does this through `input.send`
	 * (bulk sends, which record chunk by chunk).
	 */
	recipientField?: string;
}

export interface OperationSpec {
	resource: string;
	operation: string;
	/** Title Case, as the dropdown shows it: "Pause". */
	name: string;
	/** Sentence shown in the node panel: "Pause a cellular link". */
	action: string;
	description: string;
	method: IHttpRequestMethods;
	/** Below the credential's base URL; `{name}` placeholders are filled from fields and encoded. */
	path: string;
	fields?: FieldSpec[];
	/** Fixed body fields (the `state: "pause"` of a pause). */
	constantBody?: IDataObject;
	/** The API this operation talks to, when a node speaks to more than one (Vumi Go's two credentials). */
	profile?: ProviderProfile;
	/** A list: adds Return All / Limit and walks the provider's pages. */
	list?: boolean;
	/** A send to recipients: campaign options, skipping of recipients already sent, progress. */
	send?: SendSpec;
	/** Whether repeating the call is harmless (see ProviderRequest.idempotent). */
	idempotent?: boolean;
	/** False for calls that carry their own secret and need no credential auth. */
	authenticate?: boolean;
	/** Turns the response body into output items; defaults to the provider's `unwrap`. */
	output?: (body: unknown, input: OperationInput) => IDataObject | IDataObject[];
	/** For the few operations the generic request cannot express; kept next to the operation it serves. */
	execute?: (
		context: IExecuteFunctions,
		input: OperationInput,
		settings: RequestSettings,
	) => Promise<IDataObject | IDataObject[]>;
	/** Like `execute`, for operations whose output carries binary data (attachment downloads). */
	executeItems?: (
		context: IExecuteFunctions,
		input: OperationInput,
		settings: RequestSettings,
	) => Promise<INodeExecutionData[]>;
}

/** What a node hands the shared executor: its provider and its operations, described once as data. */
export interface NodeApi {
	profile: ProviderProfile;
	pagination: Pagination;
	/** Turns a provider response into the item(s) a user wants to see (`output` overrides it per operation). */
	unwrap(body: unknown): IDataObject | IDataObject[];
	resources: Array<{ name: string; value: string; description?: string }>;
	operations: OperationSpec[];
	/**
	 * Completes one item's checked values before any request is built, for what every operation of
	 * the provider needs (Hoiio: phone numbers with the credential's country code, notify URLs).
	 */
	prepareInput?(
		context: IExecuteFunctions,
		operation: OperationSpec,
		input: OperationInput,
	): Promise<OperationInput>;
}
