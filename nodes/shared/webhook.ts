import type {
	IDataObject,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { randomString } from 'n8n-workflow';
import { createHash, timingSafeEqual } from 'node:crypto';

/** Helpers every webhook trigger needs: its secret, and forgetting nothing it already ran. */

/** A secret for a webhook registration: 40 letters and digits from a cryptographic source. */
export function generateWebhookSecret(): string {
	return randomString(40);
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Whether a secret someone gave matches the expected one, in time that depends neither on where they
 * differ nor on the secret's length (both are hashed to the same length first). An empty expected
 * secret matches nothing.
 */
export function constantTimeEqual(given: string, expected: string): boolean {
	return timingSafeEqual(digest(given), digest(expected)) && expected.length > 0;
}

/** Whether an `Authorization: Basic ...` header carries this user name and password. */
export function basicAuthMatches(
	header: unknown,
	expectedUser: string,
	expectedPassword: string,
): boolean {
	if (typeof header !== 'string') return false;
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
	if (!match) return false;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	if (separator < 0) return false;
	const userOk = constantTimeEqual(decoded.slice(0, separator), expectedUser);
	const passwordOk = constantTimeEqual(decoded.slice(separator + 1), expectedPassword);
	return userOk && passwordOk;
}

/** A webhook URL with a user name and password in it, which senders turn into Basic auth. */
export function urlWithBasicAuth(url: string, user: string, password: string): string {
	const parsed = new URL(url);
	parsed.username = encodeURIComponent(user);
	parsed.password = encodeURIComponent(password);
	return parsed.toString();
}

/** A webhook URL with the secret as a query parameter, for providers that cannot send credentials. */
export function urlWithSecret(url: string, parameter: string, secret: string): string {
	const parsed = new URL(url);
	parsed.searchParams.set(parameter, secret);
	return parsed.toString();
}

/** Answers a call that must not start a run (wrong secret, not an event) with a status and a reason. */
export function rejectCall(
	context: IWebhookFunctions,
	status: 400 | 401 | 413 | 415,
	message: string,
): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * The notice under a webhook trigger's fields saying what its items' `eventKey` is (`what`). A trigger drops
 * redeliveries it has seen itself, but n8n gives webhook code no store shared between processes: where n8n
 * runs several webhook processes, the workflow claims the key (see the package README, "Scaling out").
 */
export function eventKeyNotice(what: string): INodeProperties {
	return {
		displayName: `Each item carries an eventKey: ${what}. It is the same on every redelivery of the event. When n8n runs separate webhook processes, a redelivery can reach one that has not seen the event: right after this trigger, claim the key with a Redis Increment and go on only when it is 1 (the package README shows how, under "Scaling out").`,
		name: 'eventKeyNotice',
		type: 'notice',
		default: '',
	};
}

const SEEN_KEY = 'seenEventIds';

/** Event IDs handled lately by this n8n process, per registration; see `firstDelivery`. */
const handledInProcess = new Map<string, string[]>();
const MAX_SCOPES = 1000;

function remember(list: string[], eventId: string, keep: number): void {
	list.push(eventId);
	if (list.length > keep) list.splice(0, list.length - keep);
}

/**
 * Remembers the IDs of events already handled, in the workflow's static data, so a redelivered
 * event starts no second run. Returns false when the ID was seen before. Keeps the latest `keep`.
 * n8n loads its own copy of the static data for each webhook call and saves it whole afterwards, so
 * of events arriving together only the last saved copy keeps its ID; with a `scope` (one per
 * registration) the IDs are also kept in this process's memory, which every call shares.
 */
export function firstDelivery(
	staticData: IDataObject,
	eventId: string,
	scope?: string,
	keep = 1000,
): boolean {
	const seen = Array.isArray(staticData[SEEN_KEY]) ? (staticData[SEEN_KEY] as string[]) : [];
	const handled = scope === undefined ? undefined : (handledInProcess.get(scope) ?? []);
	if (seen.includes(eventId) || handled?.includes(eventId)) return false;
	remember(seen, eventId, keep);
	staticData[SEEN_KEY] = seen;
	if (scope !== undefined && handled) {
		remember(handled, eventId, keep);
		// Most recently used last, so the oldest registration is the one forgotten.
		handledInProcess.delete(scope);
		handledInProcess.set(scope, handled);
		if (handledInProcess.size > MAX_SCOPES)
			handledInProcess.delete(handledInProcess.keys().next().value as string);
	}
	return true;
}

/** Bodies above this are refused with 413: no provider here sends an event anywhere near it. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;
/** JSON nested deeper than this is refused: n8n could not even save such an item (stack overflow). */
export const MAX_WEBHOOK_BODY_DEPTH = 32;

/** The parts of a webhook request these checks read; n8n's express request has them all. */
interface IncomingWebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	rawHeaders?: string[];
	rawBody?: unknown;
}

/**
 * The value of a header sent exactly once. Undefined when it is missing or repeated: Node keeps only
 * the first of repeated credentials, so a second, different one would otherwise go unseen.
 */
export function singleHeader(request: IncomingWebhookRequest, name: string): string | undefined {
	const lower = name.toLowerCase();
	if (Array.isArray(request.rawHeaders)) {
		let count = 0;
		for (let index = 0; index < request.rawHeaders.length; index += 2)
			if (String(request.rawHeaders[index]).toLowerCase() === lower) count++;
		if (count !== 1) return undefined;
	}
	const value = request.headers[lower];
	return typeof value === 'string' ? value : undefined;
}

/** The media type of the body (`application/json`), lower case, without parameters; '' when none. */
export function mediaType(request: IncomingWebhookRequest): string {
	const header = request.headers['content-type'];
	const value = Array.isArray(header) ? header[0] : header;
	return (value ?? '').split(';')[0].trim().toLowerCase();
}

/** The size of the body as received, in bytes. */
export function bodySize(request: IncomingWebhookRequest, parsedBody: unknown): number {
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody.length;
	const declared = Number(request.headers['content-length']);
	if (Number.isFinite(declared)) return declared;
	try {
		return Buffer.byteLength(JSON.stringify(parsedBody) ?? '');
	} catch {
		return Number.POSITIVE_INFINITY;
	}
}

/** Keys that reach `Object.prototype` in code that merges objects with `obj[key] = ...`. */
const PROTOTYPE_KEY = /(^|[[.])(__proto__|constructor|prototype)($|[\].[])/;
// Half of a UTF-16 surrogate pair: like a NUL, text no database or JSON encoder stores intact.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string, what: string): string | undefined {
	if (PROTOTYPE_KEY.test(text) && what === 'key') return `the key "${text}" is not allowed`;
	if (text.includes('\u0000') || LONE_SURROGATE.test(text))
		return `a ${what} holds a NUL or a broken Unicode character`;
	return undefined;
}

/**
 * What makes a parsed body unsafe to hand on, whatever the provider: nesting deeper than
 * MAX_WEBHOOK_BODY_DEPTH, prototype keys (`__proto__`, `constructor`, `prototype`), NULs and
 * broken Unicode in keys or texts. Walks without recursion, so hostile nesting cannot overflow it.
 */
export function structureProblem(body: unknown): string | undefined {
	const pending: Array<{ value: unknown; depth: number }> = [{ value: body, depth: 0 }];
	while (pending.length > 0) {
		const { value, depth } = pending.pop()!;
		if (typeof value === 'string') {
			const problem = textProblem(value, 'text');
			if (problem) return problem;
			continue;
		}
		if (typeof value !== 'object' || value === null) continue;
		if (depth >= MAX_WEBHOOK_BODY_DEPTH)
			return `the body is nested deeper than ${MAX_WEBHOOK_BODY_DEPTH} levels`;
		if (Array.isArray(value)) {
			for (const entry of value) pending.push({ value: entry, depth: depth + 1 });
			continue;
		}
		for (const key of Object.keys(value)) {
			const problem = textProblem(key, 'key');
			if (problem) return problem;
			pending.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
		}
	}
	return undefined;
}

/** The JSON types a field of a provider's callback may have. */
export type WireType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'null';

function wireTypeOf(value: unknown): WireType | 'array' | 'other' {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object')
		return typeof value as WireType;
	return 'other';
}

/**
 * The first documented field of `record` whose value has none of its allowed JSON types, as a reason
 * for a 400; fields not in `schema` may hold anything. `required` fields must be present.
 */
export function fieldTypeProblem(
	record: Record<string, unknown>,
	schema: Record<string, readonly WireType[]>,
	required: readonly string[] = [],
	where = 'the body',
): string | undefined {
	for (const field of required)
		if (!Object.prototype.hasOwnProperty.call(record, field)) return `${where} lacks ${field}`;
	for (const [field, allowed] of Object.entries(schema)) {
		if (!Object.prototype.hasOwnProperty.call(record, field)) continue;
		const type = wireTypeOf(record[field]);
		const fits =
			allowed.includes(type as WireType) || (type === 'integer' && allowed.includes('number'));
		if (!fits) return `${field} in ${where} must be ${allowed.join(' or ')}, not ${type}`;
	}
	return undefined;
}

/** Why a call is refused before its fields are read, and the status that says so. */
export interface CallProblem {
	status: 400 | 413 | 415;
	message: string;
}

/** Refuses oversized bodies (413) and bodies whose structure is unsafe to hand on (400). */
export function bodyProblem(context: IWebhookFunctions): CallProblem | undefined {
	const request = context.getRequestObject() as unknown as IncomingWebhookRequest;
	const body = context.getBodyData() as unknown;
	if (bodySize(request, body) > MAX_WEBHOOK_BODY_BYTES)
		return { status: 413, message: `The body is larger than ${MAX_WEBHOOK_BODY_BYTES} bytes` };
	const problem = structureProblem(body);
	return problem ? { status: 400, message: problem } : undefined;
}

/** As `bodyProblem`, for providers that post JSON only: any other content type is refused (415). */
export function jsonBodyProblem(context: IWebhookFunctions): CallProblem | undefined {
	const request = context.getRequestObject() as unknown as IncomingWebhookRequest;
	const sized = bodyProblem(context);
	if (sized?.status === 413) return sized;
	if (mediaType(request) !== 'application/json')
		return { status: 415, message: 'The body must be JSON (Content-Type: application/json)' };
	return sized;
}
