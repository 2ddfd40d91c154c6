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
