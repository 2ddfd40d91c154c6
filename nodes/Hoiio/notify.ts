import { createHmac } from 'node:crypto';

import type { IExecuteFunctions, INode } from 'n8n-workflow';

/**
 * "Report to Hoiio Trigger": the Hoiio node points a send's notify URL at a Hoiio Trigger of the same
 * workflow. Nothing is shared between them at run time, because in queue mode the send runs on a worker
 * that sees neither the trigger's static data nor anything else the main process holds. Both sides
 * derive the same URL from what every process has: the workflow, the trigger node and the credential.
 */

/** The query parameter that carries the trigger's token (Hoiio echoes URL parameters back). */
export const TOKEN_PARAMETER = 'n8n_token';

/** A report token as `reportToken` writes it: an HMAC-SHA256 in hex. */
export const REPORT_TOKEN = /^[0-9a-f]{64}$/;

/**
 * The token of a trigger's report URL: an HMAC of the workflow ID and the trigger node's ID, keyed by
 * the Hoiio access token, so only someone holding the credential can make one.
 */
export function reportToken(
	accessToken: string,
	workflowId: string,
	triggerNodeId: string,
): string {
	return createHmac('sha256', accessToken)
		.update(`hoiio-report:${workflowId}:${triggerNodeId}`)
		.digest('hex');
}

/**
 * What n8n-core's execute context holds beyond IExecuteFunctions: the run's workflow, the only place
 * with another node's ID and webhook ID, and the server's production webhook base URL (the one the
 * trigger's own `getNodeWebhookUrl` uses; it honours WEBHOOK_URL and N8N_ENDPOINT_WEBHOOK).
 */
interface ExecutionInternals {
	workflow?: { getNode?: (name: string) => INode | null };
	additionalData?: { webhookBaseUrl?: unknown };
}

/**
 * The report URL of the Hoiio Trigger named `triggerName` in the running workflow, or why there is
 * none. The trigger must use the same credential as the sending node: its access token signs the URL.
 */
export function triggerReportUrl(
	context: IExecuteFunctions,
	triggerName: string,
	accessToken: string,
): { url: string } | { problem: string } {
	const internals = context as unknown as ExecutionInternals;
	const workflowId = context.getWorkflow().id;
	const trigger = internals.workflow?.getNode?.(triggerName) ?? undefined;
	const baseUrl = internals.additionalData?.webhookBaseUrl;
	const self = context.getNode();
	if (trigger === undefined || trigger.type !== `${self.type}Trigger`) {
		return {
			problem: `names no Hoiio Trigger of this workflow ("${triggerName}"): give the name of one, or a Notify URL instead`,
		};
	}
	if (trigger.disabled) {
		return { problem: `names a disabled Hoiio Trigger ("${triggerName}"): enable it first` };
	}
	if (!workflowId) {
		return { problem: 'needs the workflow saved and active: its trigger has no URL before that' };
	}
	if (typeof baseUrl !== 'string' || !trigger.webhookId || !trigger.id) {
		return {
			problem:
				'cannot find the trigger’s webhook URL in this n8n version: give a Notify URL instead',
		};
	}
	const triggerCredential = trigger.credentials?.hoiioApi?.id;
	if (triggerCredential !== self.credentials?.hoiioApi?.id) {
		return {
			problem: `names a Hoiio Trigger ("${triggerName}") with another Hoiio credential than this node: give both the same one`,
		};
	}
	// The trigger's production URL, as NodeHelpers.getNodeWebhookUrl builds it for its `webhook` path.
	const url = new URL(`${baseUrl.replace(/\/+$/, '')}/${trigger.webhookId}/webhook`);
	url.searchParams.set(TOKEN_PARAMETER, reportToken(accessToken, workflowId, trigger.id));
	return { url: url.toString() };
}
