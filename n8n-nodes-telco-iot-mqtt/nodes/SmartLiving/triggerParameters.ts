import type { INodeProperties, ITriggerFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { EVERY_ASSET } from '../../../nodes/SmartLiving/loadOptions';
import type { Platform } from '../../../nodes/SmartLiving/login';
import { platformName } from '../../../nodes/SmartLiving/login';
import type { Direction, Kind, Subscription } from './topics';
import { DIRECTION_WORDS, topicsFor } from './topics';

/** The SmartLiving MQTT Trigger's parameters: how n8n shows them, and how the trigger reads them. */

/** How long One Message at a Time waits for n8n to report a run's end, unless the Options say otherwise. */
export const DEFAULT_RUN_WAIT_SECONDS = 300;

/** What the Options collection holds. */
export interface TriggerOptions {
	oneAtATime?: boolean;
	runWaitSeconds?: number;
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
		description:
			'How much to listen to: one asset (a sensor or actuator), a whole device, or a gateway with the devices behind it',
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
		description:
			'Which way the messages travel: from the platform to devices (new states and commands), or from the devices themselves. Each item says the same words in its "direction" field.',
		options: [
			{
				name: DIRECTION_WORDS.in,
				value: 'in',
				description:
					'What the platform passes on: new states of assets, and commands sent to devices',
			},
			{
				name: DIRECTION_WORDS.out,
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
		description:
			'Which messages start the workflow: new values (states), commands for actuators, or events. Each item says which in its "kind" field.',
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
		description:
			'Name the device and its asset (both platforms), or give the asset’s own ID (SmartLiving legacy only)',
		options: [
			{
				name: 'Device and Asset Name',
				value: 'device',
				description: 'The device, then one of its assets by name',
			},
			{
				name: 'Asset ID',
				value: 'id',
				description: 'The asset’s own ID (SmartLiving legacy only)',
			},
		],
	},
	{
		displayName: 'Device',
		name: 'deviceId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		// Hidden only when the asset is given by ID: Level Device has no Find Asset By at all.
		displayOptions: { show: { level: ['asset', 'device'] }, hide: { assetBy: ['id'] } },
		description: 'The device to listen to',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a device...',
				typeOptions: { searchListMethod: 'searchDevices', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'abc123',
			},
		],
	},
	{
		displayName: 'Asset Name',
		name: 'assetName',
		type: 'resourceLocator',
		default: { mode: 'list', value: '+', cachedResultName: EVERY_ASSET },
		displayOptions: { show: { level: ['asset'], assetBy: ['device'] } },
		description: 'One asset of the device by its name, or every asset (+)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an asset...',
				typeOptions: { searchListMethod: 'searchAssetNamesOrAll', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'id',
				type: 'string',
				placeholder: 'temperature',
			},
		],
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
		placeholder: 'gw-01',
		description: 'The gateway to listen to, as SmartLiving shows its ID (SmartLiving legacy only)',
	},
	{
		displayName: 'Listen To',
		name: 'gatewayScope',
		type: 'options',
		default: 'deviceAssets',
		displayOptions: { show: { level: ['gateway'] } },
		description: 'What of the gateway to listen to',
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
				displayName: 'Batch Window',
				name: 'batchWindowMs',
				type: 'number',
				default: 1000,
				typeOptions: { minValue: 1 },
				description:
					'With a Batch Size above 1: the longest a message waits for its batch to fill, in milliseconds (ms; 1000 = one second)',
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
				displayName: 'Longest Wait for a Run (Seconds)',
				name: 'runWaitSeconds',
				type: 'number',
				default: DEFAULT_RUN_WAIT_SECONDS,
				typeOptions: { minValue: 0 },
				description:
					'With One Message at a Time: how long to wait for an execution to end before taking the next message anyway. 0 = as long as it takes.',
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
		// From List, By ID (By Name), or a plain value saved before these fields offered a list.
		subscription.deviceId = context.getNodeParameter('deviceId', '', {
			extractValue: true,
		}) as string;
		if (level === 'asset')
			subscription.assetName = context.getNodeParameter('assetName', '+', {
				extractValue: true,
			}) as string;
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
