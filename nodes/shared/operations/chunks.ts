import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { asNodeApiError } from '../errors';
import type { Selection, SendRecipient, SendTracking } from '../campaign';

/** Where a chunk stands among the chunks of one send: both counted from 1. */
export interface ChunkPosition {
	chunk: number;
	chunks: number;
}

/** How one provider sends a chunk of a long recipient list, and says what a chunk did. */
export interface ChunkedSend {
	/** Sends one chunk: the provider's reference for it (said if a later chunk fails) and its items. */
	sendChunk(
		chunk: string[],
		position: ChunkPosition,
	): Promise<{ reference: string; items: IDataObject[] }>;
	/** With Continue On Fail: the items that report a chunk the provider refused. */
	failedItems(chunk: string[], failure: NodeApiError, position: ChunkPosition): IDataObject[];
	/** What the chunks before a failed one did, in the provider's words: "Requests 1 to 2 of 5 were already sent (…)". */
	alreadyDone(done: number, chunks: number, references: string[]): string;
}

/** The fields an item of a refused chunk carries: the provider's message and description. */
export function failureFields(failure: NodeApiError): IDataObject {
	return {
		status: 'failed',
		error: failure.message,
		...(failure.description ? { errorDescription: failure.description } : {}),
	};
}

/**
 * Splits distinct recipients into those to send to now and items for the others (see
 * `SendTracking.select`); `values` are the item's checked values, the message among them.
 */
export async function selectRecipients(
	tracking: SendTracking | undefined,
	recipients: Array<string | SendRecipient>,
	values: Record<string, unknown>,
): Promise<Selection> {
	if (tracking) return await tracking.select(recipients, values);
	return {
		toSend: recipients.map((entry) => (typeof entry === 'string' ? entry : entry.recipient)),
		held: [],
	};
}

/**
 * A failure after some chunks went out says so, and how to go on without sending twice: run the
 * campaign again (its record skips those already sent), or, without one, not at all.
 */
function partialFailure(
	failure: NodeApiError,
	send: ChunkedSend,
	campaignKey: string | undefined,
	chunks: number,
	references: string[],
): NodeApiError {
	const done = references.length;
	if (done === 0) return failure;
	const remembered = campaignKey
		? `. They are recorded in campaign "${campaignKey}": run it again to send only to the others.`
		: '; do not send them again.';
	failure.description = `${failure.description ?? ''} ${send.alreadyDone(done, chunks, references)}${remembered}`;
	return failure;
}

/**
 * Sends `recipients` (each once, without those the campaign skipped) in chunks of at most
 * `chunkSize`, recording each chunk in the item's campaign (`tracking`) once the provider took it. A
 * refused chunk stops the send (saying what already went out), or with Continue On Fail becomes
 * failed items and the next chunk goes on. Returns the items of every chunk, in order.
 */
export async function sendInChunks(
	context: IExecuteFunctions,
	tracking: SendTracking | undefined,
	recipients: string[],
	chunkSize: number,
	send: ChunkedSend,
): Promise<IDataObject[]> {
	const chunks = Math.ceil(recipients.length / chunkSize);
	const items: IDataObject[] = [];
	const references: string[] = [];
	for (let index = 0; index < chunks; index++) {
		const chunk = recipients.slice(index * chunkSize, (index + 1) * chunkSize);
		const position = { chunk: index + 1, chunks };
		let sent: { reference: string; items: IDataObject[] };
		try {
			sent = await send.sendChunk(chunk, position);
		} catch (error) {
			tracking?.failed(chunk);
			const failure = asNodeApiError(context.getNode(), error);
			if (!context.continueOnFail())
				throw partialFailure(failure, send, tracking?.campaignKey, chunks, references);
			items.push(...send.failedItems(chunk, failure, position));
			continue;
		}
		references.push(sent.reference);
		items.push(...sent.items);
		await tracking?.succeeded(chunk);
	}
	return items;
}
