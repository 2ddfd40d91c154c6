/**
 * What a campaign checks before it sends, once per node execution: the message preview (and Max
 * Segments), and the send window for each recipient. Everything the checks work out is kept for the
 * execution (previews by text, window states by zone, rates by destination), so a send to 2,000
 * recipients in three zones works out three window states, one preview and a rate per country.
 */
import type { IDataObject, IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { invalidInput } from '../errors';
import { checkPhoneNumber } from '../phone';
import type { RequestSettings } from '../request';
import type { Cost } from './campaignTally';
import type { MessagePreview } from './messagePreview';
import { previewMessage, segmentLimitProblem } from './messagePreview';
import type { CampaignOptionValues } from './options';
import { SendWindowGate, parseSendWindow } from './sendWindow';
import { timeZoneOfNumber } from './timeZones';

/** What a dry run can ask the provider about a recipient, where the provider has an API for it. */
export interface DryRunProbes {
	/** The price of one SMS segment to the recipient (Hoiio's SMS rate); asked once per destination prefix. */
	ratePerSegment?(
		context: IExecuteFunctions,
		recipient: string,
		itemIndex: number,
		settings: RequestSettings,
	): Promise<Cost | undefined>;
	/** Whether the recipient opted out, through the provider's opt-out API (Vumi Go). */
	optedOut?(
		context: IExecuteFunctions,
		recipient: string,
		itemIndex: number,
		settings: RequestSettings,
	): Promise<boolean>;
}

/** What a send operation tells the campaign about itself (part of the operation table's `send`). */
export interface CampaignSendSpec {
	/**
	 * An SMS: the parameter with its text. Every item of the send reports the text's encoding,
	 * characters and segments, and Max Segments applies. `when`: only while these other parameters
	 * have these values (Message Format Text, Message Type SMS).
	 */
	sms?: { field: string; displayName: string; when?: Record<string, unknown[]> };
	/** The recipients are phone numbers (E.164): a Send Window applies in each one's time zone. */
	phoneRecipients?: boolean;
	/** A dry run asks these of the provider. */
	dryRun?: DryRunProbes;
}

/** The fields of a preview as items show them. */
export function previewFields(preview: MessagePreview | undefined): IDataObject {
	if (!preview) return {};
	return {
		encoding: preview.encoding,
		characters: preview.characters,
		segments: preview.segments,
	};
}

/** The SMS text of an item, or undefined when this send is not an SMS (an MMS, a base64 payload). */
export function smsText(
	spec: CampaignSendSpec | undefined,
	parameter: (name: string) => unknown,
): string | undefined {
	if (!spec?.sms) return undefined;
	for (const [name, values] of Object.entries(spec.sms.when ?? {}))
		if (!values.includes(parameter(name))) return undefined;
	const text = parameter(spec.sms.field);
	return typeof text === 'string' ? text : undefined;
}

/** Where one recipient stands against the item's send window. */
export type WindowPlace =
	| { inside: true }
	| { inside: false; item: IDataObject; status: 'deferred' | 'skipped' };

const MAX_KEPT_PREVIEWS = 1000;

/** The checks of one node execution, shared by its items. */
export class CampaignChecks {
	/** One moment for the whole run: every item sees the window at the time the run started. */
	readonly now = Date.now();
	private readonly previews = new Map<string, MessagePreview>();
	private readonly windows = new Map<string, SendWindowGate | string>();
	private readonly rates = new Map<string, Promise<Cost | undefined>>();

	constructor(private readonly context: IExecuteFunctions) {}

	/** The text's preview, worked out once per text. */
	preview(text: string): MessagePreview {
		let preview = this.previews.get(text);
		if (!preview) {
			preview = previewMessage(text);
			// Personalised texts differ per item; keeping a few is enough to spare the repeats.
			if (this.previews.size < MAX_KEPT_PREVIEWS) this.previews.set(text, preview);
		}
		return preview;
	}

	/** The error for a text longer than Max Segments, naming the item and the field; undefined when it fits. */
	tooLong(
		preview: MessagePreview,
		options: CampaignOptionValues,
		itemIndex: number,
		field: string,
	): NodeOperationError | undefined {
		const maxSegments = options.maxSegments;
		if (typeof maxSegments !== 'number' || maxSegments <= 0) return undefined;
		const problem = segmentLimitProblem(preview, maxSegments);
		return problem
			? invalidInput(this.context, itemIndex, field, `${problem} (Campaign → Max Segments)`)
			: undefined;
	}

	/** The item's send window checker, or undefined without a Send Window; a bad window is an error. */
	windowGate(options: CampaignOptionValues, itemIndex: number): SendWindowGate | undefined {
		const window = options.sendWindow?.window;
		if (!window) return undefined;
		const key = JSON.stringify([window.start, window.end, window.days]);
		let gate = this.windows.get(key);
		if (gate === undefined) {
			const check = parseSendWindow({ start: window.start, end: window.end, days: window.days });
			gate = check.valid ? new SendWindowGate(check.window, this.now) : check.reason;
			this.windows.set(key, gate);
		}
		if (typeof gate === 'string') throw invalidInput(this.context, itemIndex, 'Send Window', gate);
		return gate;
	}

	/**
	 * Where a recipient stands: inside the window, deferred until it opens, or skipped when its time
	 * zone is not known (it is not recorded, so a later run with a Time Zone sends it). An item Time
	 * Zone that is no zone is bad input: an error naming the item and the field.
	 */
	place(
		gate: SendWindowGate,
		recipient: string,
		number: string,
		timeZone: unknown,
		itemIndex: number,
	): WindowPlace {
		// As written ("+65 8100 0001"), as some providers take it: the window reads the E.164 form.
		const phone = checkPhoneNumber(number);
		const result = gate.check(phone.valid ? phone.number : number, timeZone);
		if (result.outcome === 'inside') return { inside: true };
		if (result.outcome === 'outside')
			return {
				inside: false,
				status: 'deferred',
				item: {
					recipient,
					status: 'deferred',
					opensAt: result.opensAt,
					timeZone: result.timeZone,
					reason: result.reason,
				},
			};
		if (result.cause === 'itemTimeZone')
			throw invalidInput(this.context, itemIndex, 'Time Zone', result.reason);
		return {
			inside: false,
			status: 'skipped',
			item: { recipient, status: 'skipped', skipped: true, reason: result.reason },
		};
	}

	/**
	 * A recipient's price per segment, asked of the provider once per destination prefix (a country
	 * calling code, or a region within one such as a North American area code).
	 */
	async rate(
		probes: DryRunProbes,
		recipient: string,
		itemIndex: number,
		settings: RequestSettings,
	): Promise<Cost | undefined> {
		if (!probes.ratePerSegment) return undefined;
		const prefix = timeZoneOfNumber(recipient)?.prefix ?? recipient;
		let rate = this.rates.get(prefix);
		if (!rate) {
			rate = probes.ratePerSegment(this.context, recipient, itemIndex, settings);
			this.rates.set(prefix, rate);
			// A failed ask is not kept: the next recipient asks again, and the error reaches its item.
			rate.catch(() => this.rates.delete(prefix));
		}
		return await rate;
	}
}

/** The part of a recipient entry that is a phone number (`voice:+1…` is one). */
export function numberOf(recipient: string): string {
	const colon = recipient.indexOf(':');
	return colon === -1 ? recipient : recipient.slice(colon + 1).trim();
}
