import type { IHookFunctions, INodeProperties, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { KeywordLists } from './optOutKeywords';
import {
	DEFAULT_OPT_IN_KEYWORDS,
	DEFAULT_OPT_OUT_KEYWORDS,
	parseKeywordLists,
} from './optOutKeywords';
import { WEEKDAYS } from './sendWindow';

/** The collection of campaign options every send operation gets. */
export const CAMPAIGN_OPTIONS = 'campaign';

/** What a send's campaign can do beyond remembering its recipients: it decides which options it shows. */
export interface CampaignFeatures {
	/** An SMS: Max Segments applies (and each item reports the text's encoding and segments). */
	sms: boolean;
	/** Recipients are phone numbers: a Send Window applies in each one's time zone. */
	phoneRecipients: boolean;
}

/** The Campaign options as n8n hands them over (expressions resolved for one item). */
export interface CampaignOptionValues {
	campaignKey?: string;
	skipAlreadySent?: boolean;
	sendWindow?: { window?: { start?: unknown; end?: unknown; days?: unknown } };
	timeZone?: unknown;
	maxSegments?: number;
	dryRun?: boolean;
}

const campaignKey: INodeProperties = {
	displayName: 'Campaign Key',
	name: 'campaignKey',
	type: 'string',
	default: '',
	placeholder: 'spring-sale-2026',
	description:
		"Name of the campaign this send belongs to. Every recipient a send reached is remembered under it by this node (in n8n's database), so running the campaign again after a failure sends only to those not reached yet. A failed send remembers nothing. Leave empty to send without remembering.",
};

const skipAlreadySent: INodeProperties = {
	displayName: 'Skip Recipients Already Sent',
	name: 'skipAlreadySent',
	type: 'boolean',
	default: true,
	description:
		'Whether to send nothing to a recipient this node already reached in the campaign, and output an item with skipped: true for it instead. Turn it off to send to everyone again while still recording the campaign.',
};

const dryRun: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to do everything but the send: the checks, the send window and the campaign record are looked at, nothing is sent or remembered, and each recipient gets an item saying what would happen (status "would send", "skipped" or "deferred"), with the SMS segments and, where the provider has rates, the estimated cost',
};

const maxSegments: INodeProperties = {
	displayName: 'Max Segments',
	name: 'maxSegments',
	type: 'number',
	default: 1,
	typeOptions: { minValue: 1 },
	description:
		'Most SMS segments a message may take. A longer message is refused with an error before anything is sent. One segment holds 160 GSM-7 characters, or 70 when the text needs Unicode (emoji, most non-Latin letters); a longer message goes as parts of 153 or 67.',
};

// n8n's lint wants options in alphabetical order, not in the order of the week.
const weekdayOptions = WEEKDAYS.map((day) => ({
	name: day.charAt(0).toUpperCase() + day.slice(1),
	value: day,
})).sort((a, b) => a.name.localeCompare(b.name));

const sendWindow: INodeProperties = {
	displayName: 'Send Window',
	name: 'sendWindow',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Send Window',
	description:
		'Local hours and days a recipient may receive the message, in the recipient\'s own time zone (from the number\'s country code, or Time Zone). A recipient outside it is not sent to and not remembered: its item says status "deferred" and opensAt, the next time the window opens, so the next scheduled run sends it.',
	options: [
		{
			displayName: 'Window',
			name: 'window',
			values: [
				{
					displayName: 'Start',
					name: 'start',
					type: 'string',
					default: '09:00',
					placeholder: '09:00',
					description: 'Local time the window opens, HH:mm in 24-hour form',
				},
				{
					displayName: 'End',
					name: 'end',
					type: 'string',
					default: '20:00',
					placeholder: '20:00',
					description:
						'Local time the window closes, HH:mm; an end before the start runs across midnight (22:00 to 06:00)',
				},
				{
					displayName: 'Days',
					name: 'days',
					type: 'multiOptions',
					default: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
					options: weekdayOptions,
					description:
						'Days the window opens on; a window across midnight belongs to the day it opens',
				},
			],
		},
	],
};

const timeZone: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'America/Chicago',
	description:
		"The recipient's time zone for the Send Window, an IANA name, usually an expression that reads it from the input item. Empty: the zone of the number's country code; a country with several zones (US, Canada, Brazil, Russia, Australia, ...) then uses the zone where most of its people live.",
};

/** The Campaign options of a send with these features, in the order the panel lists them. */
export function campaignOptions(features: CampaignFeatures): INodeProperties[] {
	const options = [campaignKey, skipAlreadySent];
	if (features.sms || features.phoneRecipients) options.push(dryRun);
	if (features.sms) options.push(maxSegments);
	if (features.phoneRecipients) options.push(sendWindow, timeZone);
	// n8n lists the options of a collection alphabetically.
	return options.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The Campaign collection of some sends of one resource. */
export function campaignProperty(
	resource: string,
	operations: string[],
	features: CampaignFeatures,
): INodeProperties {
	return {
		displayName: 'Campaign',
		name: CAMPAIGN_OPTIONS,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: [resource], operation: operations } },
		options: campaignOptions(features),
	};
}

/** The keyword lists of a trigger that receives inbound messages (see optOutKeywords.ts). */
export function keywordProperties(
	displayOptions?: INodeProperties['displayOptions'],
): INodeProperties[] {
	return [
		{
			displayName: 'Opt-Out Keywords',
			name: 'optOutKeywords',
			type: 'string',
			default: DEFAULT_OPT_OUT_KEYWORDS.join(', '),
			description:
				'An inbound message whose whole text is one of these (case, spaces and a final full stop or exclamation mark ignored) gets optOut: true. Separate them with commas; empty: the usual STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT.',
			...(displayOptions ? { displayOptions } : {}),
		},
		{
			displayName: 'Opt-In Keywords',
			name: 'optInKeywords',
			type: 'string',
			default: DEFAULT_OPT_IN_KEYWORDS.join(', '),
			description:
				'An inbound message whose whole text is one of these gets optIn: true. Separate them with commas; empty: START, UNSTOP.',
			...(displayOptions ? { displayOptions } : {}),
		},
	];
}

/** A trigger's keyword lists, or an error saying what is wrong with them. */
export function keywordListsOf(context: IHookFunctions | IWebhookFunctions): KeywordLists {
	const check = parseKeywordLists({
		optOut: context.getNodeParameter('optOutKeywords', ''),
		optIn: context.getNodeParameter('optInKeywords', ''),
	});
	if (!check.valid)
		throw new NodeOperationError(context.getNode(), `Opt-out keywords: ${check.reason}`, {
			description: 'Check "Opt-Out Keywords" and "Opt-In Keywords": a keyword can be in one only.',
		});
	return check.lists;
}
