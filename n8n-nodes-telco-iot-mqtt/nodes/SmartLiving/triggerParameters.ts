import type { INodeProperties, ITriggerFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Platform } from '../../../nodes/SmartLiving/login';
import { platformName } from '../../../nodes/SmartLiving/login';
import type { Direction, Kind, Subscription } from './topics';
import { topicsFor } from './topics';

/** The SmartLiving MQTT Trigger's parameters: how n8n shows them, and how the trigger reads them. */

/** What the Options collection holds. */
export interface TriggerOptions {
	oneAtATime?: boolean;
	batchSize?: number;
	batchWindowMs?: number;
	reportDownAfterSeconds?: number;
	customTopic?: string;
}

/** The parameters: what to listen to (level, direction, kinds, the address) and the Options collection. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Level',
		name: 'level',
		type: 'options',
		default: 'asset',
		options: [
			{ name: 'Asset', value: 'asset', description: 'One asset, or every asset of a device' },
			{
				name: 'Device',
				value: 'device',
				description: 'Messages about a device as a whole (on Maker: every asset of the device)',
			},
			{
				name: 'Gateway',
				value: 'gateway',
				description: 'A gateway and the devices behind it (SmartLiving legacy only)',
			},
		],
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		default: 'in',
		options: [
			{
				name: 'From the Platform',
				value: 'in',
				description:
					'What the platform passes on: new states of assets, and commands sent to devices',
			},
			{
				name: 'From Devices',
				value: 'out',
				description: 'What devices publish themselves: measurements and events',
			},
		],
	},
	{
		displayName: 'Kinds',
		name: 'kinds',
		type: 'multiOptions',
		default: ['state'],
		options: [
			{ name: 'State', value: 'state', description: 'New values of assets' },
			{ name: 'Command', value: 'command', description: 'Commands for actuators' },
			{ name: 'Event', value: 'event', description: 'Events (SmartLiving legacy only)' },
		],
	},
	{
		displayName: 'Find Asset By',
		name: 'assetBy',
		type: 'options',
		default: 'device',
		displayOptions: { show: { level: ['asset'] } },
		options: [
			{ name: 'Device and Asset Name', value: 'device' },
			{ name: 'Asset ID (SmartLiving Legacy Only)', value: 'id' },
		],
	},
	{
		displayName: 'Device Name or ID',
		name: 'deviceId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getDevices' },
		default: '',
		required: true,
		displayOptions: { show: { level: ['asset', 'device'], assetBy: ['device'] } },
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	{
		displayName: 'Asset Name or ID',
		name: 'assetName',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getAssetNamesOrAll',
			loadOptionsDependsOn: ['deviceId'],
		},
		default: '+',
		displayOptions: { show: { level: ['asset'], assetBy: ['device'] } },
		description:
			'One asset, or every asset of the device. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Asset ID',
		name: 'assetId',
		type: 'string',
		default: '+',
		displayOptions: { show: { level: ['asset'], assetBy: ['id'] } },
		description: 'The asset, or + for every asset the account can see',
	},
	{
		displayName: 'Gateway ID',
		name: 'gatewayId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { level: ['gateway'] } },
	},
	{
		displayName: 'Listen To',
		name: 'gatewayScope',
		type: 'options',
		default: 'deviceAssets',
		displayOptions: { show: { level: ['gateway'] } },
		options: [
			{ name: 'Assets of Devices Behind the Gateway', value: 'deviceAssets' },
			{ name: 'Assets of the Gateway Itself', value: 'gatewayAssets' },
			{ name: 'Devices Behind the Gateway', value: 'devices' },
		],
	},
	{
		displayName: 'Device Name',
		name: 'gatewayDeviceName',
		type: 'string',
		default: '+',
		displayOptions: { show: { level: ['gateway'], gatewayScope: ['deviceAssets', 'devices'] } },
		description: 'The device behind the gateway, or + for every device',
	},
	{
		displayName: 'Asset Name',
		name: 'gatewayAssetName',
		type: 'string',
		default: '+',
		displayOptions: {
			show: { level: ['gateway'], gatewayScope: ['deviceAssets', 'gatewayAssets'] },
		},
		description: 'The asset, or + for every asset',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1 },
				description:
					'Start one execution for up to this many messages, for high-rate telemetry. 1 = one execution per message.',
			},
			{
				displayName: 'Batch Window (Ms)',
				name: 'batchWindowMs',
				type: 'number',
				default: 1000,
				typeOptions: { minValue: 1 },
				description:
					'With batches: the longest a message waits for its batch to fill, in milliseconds',
			},
			{
				displayName: 'Custom Topic',
				name: 'customTopic',
				type: 'string',
				default: '',
				placeholder: 'device/abc123/asset/+/feed',
				description:
					'Advanced: subscribe to this MQTT topic instead of the one built from the choices above',
			},
			{
				displayName: 'One Message at a Time',
				name: 'oneAtATime',
				type: 'boolean',
				default: true,
				description:
					'Whether to wait for each execution to finish before taking the next message (in order; the broker gets the acknowledgement only then)',
			},
			{
				displayName: 'Report Outage After (Seconds)',
				name: 'reportDownAfterSeconds',
				type: 'number',
				default: 60,
				typeOptions: { minValue: 0 },
				description:
					'When the broker stays unreachable this long, a failed execution says so; the trigger keeps reconnecting',
			},
		],
	},
];

/** The topics the user chose, as the parameters of the level they chose name them. */
export function readSubscription(context: ITriggerFunctions): Subscription {
	const level = context.getNodeParameter('level') as Subscription['level'];
	const assetBy = context.getNodeParameter('assetBy', 'device') as 'device' | 'id';
	const subscription: Subscription = {
		level,
		direction: context.getNodeParameter('direction') as Direction,
		kinds: context.getNodeParameter('kinds') as Kind[],
		assetBy,
	};
	if (level === 'gateway') {
		subscription.gatewayId = context.getNodeParameter('gatewayId') as string;
		subscription.gatewayScope = context.getNodeParameter(
			'gatewayScope',
		) as Subscription['gatewayScope'];
		subscription.deviceName = context.getNodeParameter('gatewayDeviceName', '+') as string;
		subscription.assetName = context.getNodeParameter('gatewayAssetName', '+') as string;
	} else if (level === 'asset' && assetBy === 'id') {
		subscription.assetId = context.getNodeParameter('assetId', '+') as string;
	} else {
		subscription.deviceId = context.getNodeParameter('deviceId') as string;
		if (level === 'asset')
			subscription.assetName = context.getNodeParameter('assetName', '+') as string;
	}
	return subscription;
}

/** Settings that can never work fail the activation (a broker that is down does not). */
export function checkSubscription(
	context: ITriggerFunctions,
	subscription: Subscription,
	options: TriggerOptions,
	platform: Platform,
): void {
	if (options.customTopic) return;
	try {
		topicsFor(subscription, platform, 'check');
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: `The credential's platform is ${platformName(platform)}.`,
		});
	}
}
