// The operation table (resources/<resource>.ts): nearly every Hoiio operation is one form request a
// row describes; Send Bulk and Fax → Send have a `run` beside their row.
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties, executeOperations } from '../shared/operations';
import type { NodeApi } from '../shared/operations';
import { resourceOperationSubtitle } from '../shared/subtitle';
import { hoiioPagination, hoiioProfile, unwrapHoiio } from './api';
import { prepareInput } from './execute';
import { hoiioLoadOptions } from './loadOptions';
import { accountOperations } from './resources/account';
import { faxOperations } from './resources/fax';
import { ivrOperations } from './resources/ivr';
import { numberOperations } from './resources/number';
import { smsOperations } from './resources/sms';
import { voiceOperations } from './resources/voice';

export const hoiioApi: NodeApi = {
	profile: hoiioProfile,
	pagination: hoiioPagination,
	unwrap: unwrapHoiio,
	resources: [
		{ name: 'SMS', value: 'sms', description: 'Send SMS, one or in bulk, and check them' },
		{ name: 'Voice', value: 'voice', description: 'Call-back calls and conferences' },
		{ name: 'Fax', value: 'fax', description: 'Send faxes and check them' },
		{
			name: 'IVR',
			value: 'ivr',
			description: 'Interactive voice calls: menus, recordings, transfers',
		},
		{ name: 'Number', value: 'number', description: 'Hoiio phone numbers and their forwarding' },
		{ name: 'Account', value: 'account', description: 'Balance and account details' },
	],
	operations: [
		...smsOperations,
		...voiceOperations,
		...faxOperations,
		...ivrOperations,
		...numberOperations,
		...accountOperations,
	],
	// Phone numbers need the credential's country code, and a trigger's report URL its access token.
	prepareInput,
};

const properties = buildProperties(hoiioApi);

export class Hoiio implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hoiio',
		name: 'hoiio',
		icon: { light: 'file:hoiio.svg', dark: 'file:hoiio.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: resourceOperationSubtitle(properties),
		description: 'Send SMS and faxes, make calls and IVR flows, and manage numbers with Hoiio',
		defaults: { name: 'Hoiio' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hoiioApi', required: true }],
		properties,
	};

	methods = { loadOptions: hoiioLoadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations(this, hoiioApi);
	}
}
