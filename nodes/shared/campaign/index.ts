/**
 * Campaigns: what a send does besides sending. The campaign record (which recipients a campaign
 * reached, in n8n's processed data) and the counts of a run (sendSession.ts), the send window
 * (sendWindow.ts, timeZones.ts), the message preview and Max Segments (messagePreview.ts), the dry
 * run's tally (campaignTally.ts), and the opt-out keywords of the triggers (optOutKeywords.ts).
 */
export { CampaignTally, costOf } from './campaignTally';
export type { Cost, RecipientOutcome, RecipientStatus } from './campaignTally';
export { SEGMENT_LIMITS, previewMessage, segmentLimitProblem } from './messagePreview';
export type { MessagePreview, SmsEncoding } from './messagePreview';
export {
	DEFAULT_OPT_IN_KEYWORDS,
	DEFAULT_OPT_OUT_KEYWORDS,
	keywordFields,
	matchKeyword,
	parseKeywordLists,
} from './optOutKeywords';
export type { KeywordLists, KeywordListsInput, KeywordMatch } from './optOutKeywords';
export {
	SendWindowGate,
	WEEKDAYS,
	describeSendWindow,
	localIsoTime,
	parseSendWindow,
	sendWindowState,
} from './sendWindow';
export type {
	RecipientWindow,
	SendWindow,
	SendWindowInput,
	TimeZoneSource,
	Weekday,
	WindowState,
} from './sendWindow';
export { checkTimeZone, timeZoneOfNumber } from './timeZones';
export type { NumberTimeZone } from './timeZones';
export { CampaignChecks, numberOf, previewFields, smsText } from './checks';
export type { CampaignSendSpec, DryRunProbes } from './checks';
export {
	CAMPAIGN_OPTIONS,
	campaignOptions,
	campaignProperty,
	keywordListsOf,
	keywordProperties,
} from './options';
export type { CampaignFeatures, CampaignOptionValues } from './options';
export { SendSession, nothingSent, recipientsIn } from './sendSession';
export type { PlannedSend } from './sendSession';
export { skippedItem } from './tracking';
export type { SendRecipient, SendTracking, Selection } from './tracking';
export { PROGRESS_MIN_RECIPIENTS } from './sendProgress';
