import type { CampaignSendSpec } from '../shared/campaign';

/**
 * What the campaign knows of Vumi Go's sends: recipients are phone numbers (MSISDNs), so a Send
 * Window applies; a channel address of another kind needs the item's Time Zone. Send Text is an SMS
 * on most conversations, so its text is previewed and Max Segments applies.
 *
 * Not here (yet): a dry run's check of Vumi Go's opt-out list (`isOptedOut` in optOutApi.ts) needs
 * the account token, which the sends cannot reach until the account and conversation credentials
 * are one.
 */
export const vumiCampaignSend: CampaignSendSpec = { phoneRecipients: true };

export const vumiSmsText: CampaignSendSpec['sms'] = { field: 'content', displayName: 'Message' };
