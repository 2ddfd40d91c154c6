import type { IExecuteFunctions } from 'n8n-workflow';

import type { OperationInput, OperationSpec } from '../shared/operations';
import { invalidInput } from '../shared/operations';
import { checkPhoneNumber } from '../shared/phone';
import { hoiioProfile } from './api';
import { PHONE_FIELDS } from './fields';
import { signedReportUrl } from './notify';

/** Normalises one phone value; conference rooms (`room:`) and a private caller ID pass unchanged. */
function normalisePhone(
	context: IExecuteFunctions,
	input: OperationInput,
	displayName: string,
	value: string,
	defaultCountryCode: string,
): string {
	if (/^room:/i.test(value) || value.toLowerCase() === 'private') return value;
	const check = checkPhoneNumber(value, { defaultCountryCode });
	if (!check.valid) throw invalidInput(context, input.itemIndex, displayName, check.reason);
	return check.number;
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
	const defaultCountryCode = String(credentials.defaultCountryCode ?? '').trim();
	const values = { ...input.values };
	for (const field of operation.fields ?? []) {
		const value = values[field.name];
		if (!PHONE_FIELDS.has(field.name) || value === undefined) continue;
		values[field.name] = Array.isArray(value)
			? value.map((entry) =>
					normalisePhone(context, input, field.displayName, String(entry), defaultCountryCode),
				)
			: normalisePhone(context, input, field.displayName, String(value), defaultCountryCode);
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
	return { ...input, values };
}
