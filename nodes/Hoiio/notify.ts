import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * "Report to Hoiio Trigger": the Hoiio node sends a transaction's reports to the Production URL of a
 * Hoiio Trigger, copied from the trigger's panel. Nothing is shared between the two at run time (in
 * queue mode the send runs on a worker that sees neither the trigger's static data nor anything else
 * the main process holds), so the node signs the URL with the Hoiio credential's access token and the
 * trigger, holding the same credential, checks the signature against its own URL. Hoiio echoes the
 * URL's parameters back in every notification.
 */

/** The query parameter that carries the signature. */
export const SIGNATURE_PARAMETER = 'n8n_signature';

/**
 * The query parameter that carries a send's Campaign Key: Hoiio hands the URL's parameters back
 * untouched in every report, and the signature covers only scheme, host and path.
 */
export const CAMPAIGN_PARAMETER = 'n8n_campaign';

/** A signature as `signedReportUrl` writes it: an HMAC-SHA256 in lower-case hex. */
const SIGNATURE = /^[0-9a-f]{64}$/;

/** What both sides sign: scheme, host and path, without query, fragment or trailing slash. */
function signedPart(url: URL): string {
	return `hoiio-report:${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function signatureOf(url: URL, accessToken: string): Buffer {
	return createHmac('sha256', accessToken).update(signedPart(url)).digest();
}

/** What is wrong with a value given as a Hoiio Trigger's Production URL, or undefined. */
export function triggerUrlProblem(value: unknown): string | undefined {
	let url: URL | undefined;
	try {
		url = new URL(String(value).trim());
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
		return 'must be the Production URL of a Hoiio Trigger (http or https): copy it from Webhook URLs in the trigger’s panel';
	// n8n's default path for test webhooks; Hoiio reports to the active workflow, so only production works.
	if (url.pathname.includes('/webhook-test/'))
		return 'is the trigger’s Test URL: copy its Production URL (Webhook URLs → Production URL) instead';
	// The trigger's webhook path is `webhook`, so its URL always ends with it.
	if (!/\/webhook\/*$/.test(url.pathname))
		return 'is not the Production URL of a Hoiio Trigger (that URL ends in /webhook): copy it from the trigger’s panel, or use Notify URL for another address';
	return undefined;
}

/** The trigger's URL with the signature of the credential's access token added. */
export function signedReportUrl(triggerUrl: string, accessToken: string): string {
	const url = new URL(triggerUrl.trim());
	url.hash = '';
	url.searchParams.set(SIGNATURE_PARAMETER, signatureOf(url, accessToken).toString('hex'));
	return url.toString();
}

/** Whether `signature` is what `signedReportUrl` adds to the trigger's own URL with this access token. */
export function isReportSignature(signature: string, ownUrl: string, accessToken: string): boolean {
	// Without an access token anyone could compute the signature.
	if (accessToken === '' || !SIGNATURE.test(signature)) return false;
	return timingSafeEqual(Buffer.from(signature, 'hex'), signatureOf(new URL(ownUrl), accessToken));
}

/** The notify URL with the campaign key added (a URL that does not parse is left as it is). */
export function withCampaignKey(notifyUrl: string, campaignKey: string): string {
	try {
		const url = new URL(notifyUrl);
		url.searchParams.set(CAMPAIGN_PARAMETER, campaignKey);
		return url.toString();
	} catch {
		return notifyUrl;
	}
}
