import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationInput, OperationSpec } from '../shared/operations';
import { buildRequest, invalidInput } from '../shared/operations';
import { checkPhoneNumber } from '../shared/phone';
import type { ProviderRequest, RequestSettings } from '../shared/request';
import { providerRequest } from '../shared/request';
import { hoiioPagination, hoiioProfile, unwrapHoiio } from './api';
import { PHONE_FIELDS } from './fields';
import { triggerUrl } from './notify';

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
 * credential's default country code, and the notify URL of a Hoiio Trigger when one is named.
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
		const url = triggerUrl(context, values.notifyTrigger);
		if (!url) {
			throw invalidInput(
				context,
				input.itemIndex,
				'Report to Hoiio Trigger',
				`names no active Hoiio Trigger of this workflow ("${values.notifyTrigger}"): activate the workflow, or give a Notify URL instead`,
			);
		}
		values.notifyUrl = url;
	}
	return { ...input, values };
}

/** Every parameter travels in the form body, as the official SDKs send them. */
export function hoiioRequest(operation: OperationSpec, input: OperationInput): ProviderRequest {
	const request = buildRequest(operation, input);
	const body = { ...(request.qs ?? {}), ...((request.body as IDataObject) ?? {}) };
	for (const [key, value] of Object.entries(body)) {
		if (Array.isArray(value)) body[key] = value.join(',');
	}
	return { ...request, qs: undefined, body };
}

/** The execute of every Hoiio operation without a handler of its own. */
export async function runHoiioOperation(
	context: IExecuteFunctions,
	operation: OperationSpec,
	rawInput: OperationInput,
	settings: RequestSettings,
): Promise<IDataObject | IDataObject[]> {
	const input = await prepareInput(context, operation, rawInput);
	const request = hoiioRequest(operation, input);
	if (operation.list) {
		const returnAll = context.getNodeParameter('returnAll', input.itemIndex, false) as boolean;
		const limit = returnAll
			? undefined
			: (context.getNodeParameter('limit', input.itemIndex, 50) as number);
		return await hoiioPagination.collect(async (page) => {
			const pageRequest = { ...request, body: { ...(request.body as IDataObject), ...page } };
			return (await providerRequest(context, hoiioProfile, pageRequest, settings)).body;
		}, limit);
	}
	const { body } = await providerRequest(context, hoiioProfile, request, settings);
	return operation.output ? operation.output(body, input) : unwrapHoiio(body);
}

/** Gives every operation without its own handler the Hoiio execute above. */
export function withHoiioExecute(operation: OperationSpec): OperationSpec {
	if (operation.execute) return operation;
	return {
		...operation,
		execute: async (context, input, settings) =>
			await runHoiioOperation(context, operation, input, settings),
	};
}
