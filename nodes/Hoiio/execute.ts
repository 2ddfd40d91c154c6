import type { IExecuteFunctions } from 'n8n-workflow';

import type { OperationInput, OperationSpec } from '../shared/operations';
import { invalidInput } from '../shared/operations';
import { checkPhoneNumber } from '../shared/phone';
import { hoiioProfile } from './api';
import { MAX_TAG_LENGTH, PHONE_FIELDS } from './fields';
import { signedReportUrl, withCampaignKey } from './notify';

/** Normalises one phone value; conference rooms (`room:`) and a private caller ID pass unchanged. */
export function normalisePhone(
	context: IExecuteFunctions,
	itemIndex: number,
	displayName: string,
	value: string,
	defaultCountryCode: string,
): string {
	if (/^room:/i.test(value) || value.toLowerCase() === 'private') return value;
	const check = checkPhoneNumber(value, { defaultCountryCode });
	if (!check.valid) throw invalidInput(context, itemIndex, displayName, check.reason);
	return check.number;
}

/** The Hoiio credential's country code for numbers written without one. */
export async function defaultCountryCode(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<string> {
	const credentials = await context.getCredentials(hoiioProfile.credentialType, itemIndex);
	return String(credentials.defaultCountryCode ?? '').trim();
}

/**
 * A campaign's key travels with the send to where Hoiio reports it: as a parameter of the notify
 * URL, which every report carries back (the Hoiio Trigger outputs it as campaignKey), and in the
 * tag when the user gave none, so Get Status and Get History show it too.
 */
function stampCampaign(values: Record<string, unknown>, campaignKey: string | undefined): void {
	if (campaignKey === undefined) return;
	if (values.tag === undefined && campaignKey.length <= MAX_TAG_LENGTH) values.tag = campaignKey;
	if (typeof values.notifyUrl === 'string')
		values.notifyUrl = withCampaignKey(values.notifyUrl, campaignKey);
}

/**
 * Checks and completes one item's values the way Hoiio needs them: phone numbers in E.164 with the
 * credential's default country code, and a Hoiio Trigger's URL signed as its report URL.
 */
export async function prepareInput(
	context: IExecuteFunctions,
	operation: OperationSpec,
	input: OperationInput,
): Promise<OperationInput> {
	const credentials = await context.getCredentials(hoiioProfile.credentialType, input.itemIndex);
	const countryCode = String(credentials.defaultCountryCode ?? '').trim();
	const values = { ...input.values };
	const { itemIndex } = input;
	for (const field of operation.fields ?? []) {
		const value = values[field.name];
		if (!PHONE_FIELDS.has(field.name) || value === undefined) continue;
		const normalise = (entry: unknown) =>
			normalisePhone(context, itemIndex, field.displayName, String(entry), countryCode);
		values[field.name] = Array.isArray(value) ? value.map(normalise) : normalise(value);
	}
	if (typeof values.notifyTrigger === 'string') {
		if (values.notifyUrl !== undefined)
			throw invalidInput(
				context,
				input.itemIndex,
				'Report to Hoiio Trigger',
				'and "Notify URL" are both set: Hoiio reports to one address, so keep one of them',
			);
		values.notifyUrl = signedReportUrl(values.notifyTrigger, String(credentials.accessToken ?? ''));
	}
	stampCampaign(values, input.send?.campaignKey);
	return { ...input, values };
}
