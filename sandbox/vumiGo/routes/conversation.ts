import { isRecord } from '../../core/body';
import type { EmulatorResponse } from '../../core/types';
import { sessionEvents, userMessage, type SessionEvent } from '../messages';
import type { VumiConversation, VumiGoState, VumiMetricValue } from '../state';
import { httpApiError, ok } from '../wire';
import { aggregators } from './metrics';
import type { VumiGoContext, VumiGoRoutes } from './context';

/** The route wrapper has already checked the Basic credentials against this conversation. */
function conversationOf({ state, path }: VumiGoContext): VumiConversation {
	const conversation = state.conversations.find(
		(candidate) => candidate.key === path.conversationKey,
	);
	if (!conversation) throw new Error(`Conversation ${path.conversationKey} vanished`);
	return conversation;
}

const isStringOrNull = (value: unknown) =>
	value === null || value === undefined || typeof value === 'string';

/** `MsgOptions`: one reason for one bad key, a bulleted list for several (keys in sorted order). */
function checkPayload(
	payload: Record<string, unknown>,
	checks: Record<string, (value: unknown) => boolean>,
): void {
	const errors = Object.keys(checks)
		.sort()
		.filter((key) => !checks[key](payload[key]))
		.map((key) => `Invalid or missing value for payload key '${key}'`);
	if (errors.length === 1) throw httpApiError(errors[0]);
	if (errors.length > 1) throw httpApiError(`Errors:\n* ${errors.join('\n* ')}`);
}

function checkLength(content: unknown, max: number): void {
	if (typeof content === 'string' && content.length > max)
		throw httpApiError(`Payload content too long: ${content.length} > ${max}`);
}

function isOptedOut(state: VumiGoState, account: string, type: string, address: string): boolean {
	return state.optouts.some(
		(record) =>
			record.user_account === account && record.address_type === type && record.address === address,
	);
}

/** Only `voice` (speech_url / wait_for) is carried through from the caller's helper metadata. */
function voiceMetadata(payload: Record<string, unknown>): Record<string, unknown> {
	const helper = payload.helper_metadata;
	return isRecord(helper) && isRecord(helper.voice) ? { voice: helper.voice } : {};
}

function sendTo(context: VumiGoContext, payload: Record<string, unknown>): EmulatorResponse {
	const conversation = conversationOf(context);
	checkPayload(payload, {
		content: isStringOrNull,
		to_addr: (value) => typeof value === 'string' && value.trim() !== '',
	});
	const toAddr = payload.to_addr as string;
	const content = (payload.content as string | null | undefined) ?? null;
	checkLength(content, context.services.maxContentLength);
	const addressType =
		typeof payload.to_addr_type === 'string' && payload.to_addr_type !== ''
			? payload.to_addr_type
			: 'msisdn';
	if (isOptedOut(context.state, conversation.account, addressType, toAddr))
		throw httpApiError(`Recipient with ${addressType} ${toAddr} has opted out`);
	const sessionEvent = sessionEvents.includes(payload.session_event as SessionEvent)
		? ((payload.session_event as SessionEvent) ?? null)
		: null;
	const message = userMessage(conversation, context.now, {
		to_addr: toAddr,
		content,
		session_event: sessionEvent,
		to_addr_type: typeof payload.to_addr_type === 'string' ? payload.to_addr_type : null,
	});
	message.helper_metadata = { ...message.helper_metadata, ...voiceMetadata(payload) };
	context.state.outboundMessages.push({ ...message, conversation_key: conversation.key });
	context.services.afterSend(conversation, message);
	return ok(message);
}

function replyTo(
	context: VumiGoContext,
	payload: Record<string, unknown>,
	inReplyTo: string,
): EmulatorResponse {
	const conversation = conversationOf(context);
	const original = context.state.inboundMessages.find(
		(message) => message.message_id === inReplyTo,
	);
	if (!original || original.conversation_key !== conversation.key)
		throw httpApiError('Invalid in_reply_to value');
	checkPayload(payload, {
		content: isStringOrNull,
		session_event: (value) => sessionEvents.includes((value ?? null) as SessionEvent),
	});
	const content = (payload.content as string | null | undefined) ?? null;
	checkLength(content, context.services.maxContentLength);
	const message = userMessage(conversation, context.now, {
		to_addr: original.from_addr,
		from_addr: original.to_addr,
		to_addr_type: original.from_addr_type,
		from_addr_type: original.to_addr_type,
		in_reply_to: original.message_id,
		content,
		// vumi's reply_to: any session event other than close continues the session.
		session_event: payload.session_event === 'close' ? 'close' : 'resume',
		transport_name: original.transport_name,
		transport_type: original.transport_type,
		group: original.group,
	});
	message.helper_metadata = { ...message.helper_metadata, ...voiceMetadata(payload) };
	context.state.outboundMessages.push({ ...message, conversation_key: conversation.key });
	context.services.afterSend(conversation, message);
	return ok(message);
}

/** PUT `{base}/{conversation_key}/messages.json`: send, or reply when `in_reply_to` is set. */
function putMessage(context: VumiGoContext): EmulatorResponse {
	const payload = context.request.body;
	if (!isRecord(payload)) throw httpApiError('Invalid Message');
	const inReplyTo = payload.in_reply_to;
	if (typeof inReplyTo === 'string' && inReplyTo !== '')
		return replyTo(context, payload, inReplyTo);
	return sendTo(context, payload);
}

/** PUT `{base}/{conversation_key}/metrics.json` with `[["name", value, "agg"], ...]`. */
function putMetrics(context: VumiGoContext): EmulatorResponse {
	const conversation = conversationOf(context);
	const body = context.request.body;
	if (!Array.isArray(body)) throw httpApiError('Invalid Message');
	const fired: VumiMetricValue[] = [];
	for (const item of body) {
		if (!Array.isArray(item) || item.length !== 3 || typeof item[0] !== 'string')
			throw httpApiError('Invalid Message');
		const [name, rawValue, rawAggregate] = item as [string, unknown, unknown];
		const value = typeof rawValue === 'string' ? Number(rawValue) : rawValue;
		if (typeof value !== 'number' || !Number.isFinite(value)) throw httpApiError('Invalid Message');
		const aggregate = String(rawAggregate).toLowerCase();
		if (!(aggregators as readonly string[]).includes(aggregate))
			throw httpApiError(`'${String(rawAggregate)}' is not a valid aggregate.`);
		fired.push({
			account: conversation.account,
			name,
			aggregator: aggregate as VumiMetricValue['aggregator'],
			value,
			timestamp: context.now.getTime(),
			source: 'conversation',
			conversation_key: conversation.key,
		});
	}
	context.state.metrics.push(...fired);
	return ok({ success: true, reason: 'Metrics published' });
}

/** The conversation HTTP API (`http_api_nostream`), Basic auth account key : conversation token. */
export function registerConversationRoutes(routes: VumiGoRoutes): void {
	routes.add(
		'PUT',
		'/http_api_nostream/:conversationKey/messages.json',
		putMessage,
		'conversation',
	);
	routes.add('PUT', '/http_api_nostream/:conversationKey/metrics.json', putMetrics, 'conversation');
}
