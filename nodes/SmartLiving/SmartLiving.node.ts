// One file per operation (actions/<resource>/<operation>.operation.ts): every SmartLiving operation
// picks its path by platform and asset address, so each needs code of its own that a table row
// cannot hold.
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from '../shared/operations';
import { resourceOperationSubtitle } from '../shared/subtitle';
import { router, smartLivingApi } from './actions/router';
import { smartLivingListSearch, smartLivingLoadOptions } from './loadOptions';

const properties: INodeProperties[] = [
	{
		displayName:
			'AllThingsTalk Maker has no gateways and no push notifications: those work with a SmartLiving (legacy) credential only',
		name: 'platformNotice',
		type: 'notice',
		default: '',
	},
	...buildProperties(smartLivingApi),
];

export class SmartLiving implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartLiving',
		name: 'smartLiving',
		icon: { light: 'file:smartLiving.svg', dark: 'file:smartLiving.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: resourceOperationSubtitle(properties),
		description:
			'Read and control IoT devices on AllThingsTalk Maker or the legacy SmartLiving platform',
		defaults: { name: 'SmartLiving' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smartLivingApi', required: true }],
		properties,
	};

	methods = { loadOptions: smartLivingLoadOptions, listSearch: smartLivingListSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
