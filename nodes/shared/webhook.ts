import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

/** Helpers every webhook trigger needs: its secret, and forgetting nothing it already ran. */

/** A secret for a webhook registration: 40 letters and digits from a cryptographic source. */
export function generateWebhookSecret(): string {
	return randomString(40);
}

/** Compares two texts in time that does not depend on where they differ. */
export function constantTimeEqual(given: string, expected: string): boolean {
	const length = Math.max(given.length, expected.length);
	let difference = given.length ^ expected.length;
	for (let index = 0; index < length; index++) {
		difference |= (given.charCodeAt(index) || 0) ^ (expected.charCodeAt(index) || 0);
	}
	return difference === 0 && expected.length > 0;
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
	status: 400 | 401,
	message: string,
): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
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
