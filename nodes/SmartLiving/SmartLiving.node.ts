import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties, executeOperations } from '../shared/operations';
import type { NodeApi } from '../shared/operations';
import { resourceOperationSubtitle } from '../shared/subtitle';
import { noPagination, smartLivingProfile, unwrapSmartLiving } from './api';
import { smartLivingLoadOptions } from './loadOptions';
import { assetOperations } from './resources/asset';
import { deviceOperations } from './resources/device';
import { gatewayOperations } from './resources/gateway';
import { groundOperations } from './resources/ground';
import { notificationOperations } from './resources/notification';

const smartLivingApi: NodeApi = {
	profile: smartLivingProfile,
	pagination: noPagination,
	unwrap: unwrapSmartLiving,
	resources: [
		{ name: 'Asset', value: 'asset', description: 'Sensors, actuators and settings of a device' },
		{ name: 'Device', value: 'device', description: 'Connected things and their assets' },
		{ name: 'Ground', value: 'ground', description: 'Groups of devices' },
		{
			name: 'Gateway',
			value: 'gateway',
			description: 'Gateways with devices behind them (SmartLiving legacy only)',
		},
		{
			name: 'Notification',
			value: 'notification',
			description: 'Push notifications to the account (SmartLiving legacy only)',
		},
	],
	operations: [
		...assetOperations,
		...deviceOperations,
		...groundOperations,
		...gatewayOperations,
		...notificationOperations,
	],
};

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

	methods = { loadOptions: smartLivingLoadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations(this, smartLivingApi);
	}
}
