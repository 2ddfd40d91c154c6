import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodePropertyTypeOptions,
} from 'n8n-workflow';

import type { Pagination } from '../pagination';
import type { ProviderProfile } from '../provider';
import type { RequestSettings } from '../request';
import type { CampaignSendSpec, SendTracking } from '../campaign';
import type { Simplify } from './simplify';

/**
 * How a value is read from the node's parameters and checked before it is sent:
 * - `stringList` / `numberList`: a comma-separated text or an array from an expression;
 * - `multiOptions`: several values of `options`, as a list;
 * - `json`: a JSON text or an object from an expression;
 * - `dateTime`: an n8n date-time, turned into the wire format by `toWire`;
 * - `collection`: the optional `fields`, as one object by parameter name;
 * - `fixedCollection`: rows of `fields` (one object per row, a list with `multipleValues`);
 * - `resourceLocator`: an ID picked From List, typed By ID or read from a URL (see `modes`), as text.
 */
export type FieldType =
	| 'string'
	| 'number'
	| 'boolean'
	| 'options'
	| 'multiOptions'
	| 'json'
	| 'dateTime'
	| 'stringList'
	| 'numberList'
	| 'collection'
	| 'fixedCollection'
	| 'resourceLocator';

/** Where a value travels: a path segment, the query string, the body, or nowhere (`none`). */
export type FieldLocation = 'path' | 'query' | 'body' | 'none';

/**
 * The ways a resource locator takes an ID. The executor reads its value with n8n's `extractValue`, so
 * the operation sees the ID whichever mode the user chose.
 */
export interface ResourceLocatorModes {
	/** From List: the name of a `methods.listSearch` function that lists (and searches) the records. */
	list?: { searchMethod: string; searchable?: boolean; placeholder?: string };
	/**
	 * By ID: a regular expression a whole ID matches, checked in the editor and again before sending;
	 * `displayName` where the record is addressed by something else ("By Name").
	 */
	id: { regex?: string; errorMessage?: string; placeholder?: string; displayName?: string };
	/** By URL, where the provider has pages for its records: `regex` matches one and captures the ID. */
	url?: { regex: string; errorMessage?: string; placeholder: string };
}

export interface FieldSpec {
	/** Parameter name in n8n: says what the value is (`deviceId`, `message`). */
	name: string;
	displayName: string;
	type: FieldType;
	/** Name on the wire when it differs from `name` (top-level fields only). */
	wireName?: string;
	/**
	 * Where the value travels. Left out: `path` when the operation's path has `{name}`, else `query`
	 * for GET, HEAD and DELETE, else `body` (`resolveOperation` fills it in once per table).
	 * `none`: the value only steers the operation (which other fields apply) and is not sent.
	 */
	in?: FieldLocation;
	/**
	 * Required fields are parameters of their own; the rest go into Filters on a list (`list: true`)
	 * and into Additional Fields otherwise. Collections, fixed collections and resource locators are
	 * always parameters of their own.
	 */
	required?: boolean;
	default?: INodeProperties['default'];
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
	/**
	 * `collection`: the fields that can be added; `fixedCollection`: the fields of one row. Their
	 * values keep their parameter names (give the field a `toWire` to shape them for the wire).
	 */
	fields?: FieldSpec[];
	/** `fixedCollection`: what one row is called (`{ name: 'metric', displayName: 'Metric' }`). */
	row?: { name: string; displayName: string };
	/** `fixedCollection`: any number of rows, as a list; otherwise one row, as an object. */
	multipleValues?: boolean;
	/** `resourceLocator`: the ways to give the ID. */
	modes?: ResourceLocatorModes;
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
 * Sent; with `sms` or `phoneRecipients` also Dry Run, Max Segments, Send Window and Time Zone) and
 * counts towards the progress of the run.
 */
export interface SendSpec extends CampaignSendSpec {
	/**
	 * The parameter with the recipient, or a list of them, sent in one request. The shared executor
	 * then skips recipients already sent in the campaign, sends to the rest and records them once the
	 * send succeeded. Without it the operation's own `run` does this through `input.send` (bulk sends,
	 * which record chunk by chunk: see `sendInChunks`).
	 */
	recipientField?: string;
	/**
	 * True when the first input item sends for all of them (Hoiio Send Bulk with Recipients From: Input
	 * Items): the other items are not read at all, only their recipients, by the first item's `run`.
	 */
	allItemsInFirst?(context: IExecuteFunctions): boolean;
}

/**
 * What happens when a request's outcome is unknown: a timeout, a connection lost after the request
 * left, HTTP 500, 502 or 504, an answer that cannot be read.
 * - `retry`: it is sent again (up to Max Retries), for requests that change nothing when repeated;
 * - `fail`: it fails saying it may have been carried out, for sends and creates that would act twice.
 * Answers that prove nothing was done (429, 503, a refused connection) are retried either way.
 */
export type OnTimeout = 'retry' | 'fail';

/** Items of one input item, made by an operation's own code (binary data allowed). */
export type RunOperation = (
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
) => Promise<INodeExecutionData[]>;

interface OperationBase {
	resource: string;
	operation: string;
	/** Title Case, as the dropdown shows it: "Pause". */
	name: string;
	/** Sentence shown in the node panel: "Pause a cellular link". */
	action: string;
	description: string;
	fields?: FieldSpec[];
	/** The API this operation talks to, when a node speaks to more than one (Vumi Go's two credentials). */
	profile?: ProviderProfile;
	/** A list: adds Return All / Limit, puts the optional fields under Filters and walks the pages. */
	list?: boolean;
	/**
	 * A list the API can start part-way (page numbers, cursors): with Return All off it takes a Start
	 * At and gives every item `nextStart`, where the next run continues (see `slices.ts`).
	 */
	resumable?: boolean;
	/** A send to recipients: campaign options, skipping of recipients already sent, progress. */
	send?: SendSpec;
	/**
	 * A read whose records have many fields: adds Simplify (on by default), which keeps what this
	 * returns of each record (see `keepFields`); off, the items are the provider's records.
	 */
	simplify?: Simplify;
	/** False for calls that carry their own secret and need no credential auth. */
	authenticate?: boolean;
	/** Fixed body fields (the `state: "pause"` of a pause). */
	constantBody?: IDataObject;
	/**
	 * Its n8n parameters, where the operation's own file built them (`actions/`); otherwise they are
	 * made from `fields`.
	 */
	properties?: INodeProperties[];
}

interface TableRequest extends OperationBase {
	/** Below the credential's base URL; `{name}` placeholders are filled from fields and encoded. */
	path: string;
	/**
	 * Turns the provider's answer (envelope checked) into this operation's items, instead of the
	 * provider's `unwrap`. Lists ignore it: their items are the records of every page.
	 */
	output?: (body: unknown, input: OperationInput) => IDataObject | IDataObject[];
	run?: never;
}

/** A read: a request whose outcome is unknown is sent again unless it says `onTimeout: 'fail'`. */
interface ReadOperation extends TableRequest {
	method: 'GET' | 'HEAD' | 'DELETE';
	onTimeout?: OnTimeout;
}

/** A write says whether repeating it is harmless (`retry`) or could act twice (`fail`). */
interface WriteOperation extends TableRequest {
	method: 'POST' | 'PUT' | 'PATCH';
	onTimeout: OnTimeout;
}

/**
 * An operation the generic request cannot express (bulk chunking, uploads, two-step calls): its own
 * `run` makes its items. `method`, `path` and `onTimeout`, when given, describe the request that
 * `buildRequest` makes from the fields for it (`onTimeout` left out: `retry` for GET, HEAD and DELETE,
 * `fail` otherwise), and `{name}` in the path marks the fields that become path segments.
 */
export interface OwnOperation extends OperationBase {
	run: RunOperation;
	method?: IHttpRequestMethods;
	path?: string;
	onTimeout?: OnTimeout;
	output?: never;
}

/**
 * One operation, described once as data. Either a request the table describes (method, path,
 * fields; its answer becomes items through the provider's `unwrap` or the operation's `output`), or
 * an operation with its own `run`.
 */
export type OperationSpec = ReadOperation | WriteOperation | OwnOperation;

/** An operation the table's request carries out: method, path and fields say it all. */
export type TableOperation = ReadOperation | WriteOperation;

/** What a node hands the shared executor: its provider and its operations, described once as data. */
export interface NodeApi {
	profile: ProviderProfile;
	pagination: Pagination;
	/** Turns a provider answer into the item(s) a user wants to see (`output` overrides it per operation). */
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
