import type { CampaignSendSpec } from '../shared/campaign';
import { isOptedOut } from './optOutApi';

/**
 * What the campaign knows of Vumi Go's sends: recipients are phone numbers (MSISDNs), so a Send
 * Window applies; a channel address of another kind needs the item's Time Zone. Send Text is an SMS
 * on most conversations, so its text is previewed and Max Segments applies. A dry run asks the
 * account's opt-out list about each recipient (the one credential holds the account's token too).
 */
export const vumiCampaignSend: CampaignSendSpec = {
	phoneRecipients: true,
	dryRun: { optedOut: isOptedOut },
};

export const vumiSmsText: CampaignSendSpec['sms'] = { field: 'content', displayName: 'Message' };
