import type { OperationSpec } from '../../shared/operations';
import { pathWith } from '../../shared/request';
import {
	call,
	firstItems,
	itemsOf,
	limitOf,
	notOnPlatform,
	platformFor,
	unwrapSmartLiving,
} from '../api';
import { deviceIdField, legacyOnly } from '../fields';

export const deviceOperations: OperationSpec[] = [
	{
		resource: 'device',
		operation: 'get',
		name: 'Get',
		action: 'Get a device',
		description: 'Retrieve a device with its assets, by ID or by its name behind a gateway',
		method: 'GET',
		path: '/device/{deviceId}',
		fields: [
			{
				displayName: 'Find Device By',
				name: 'deviceBy',
				type: 'options',
				required: true,
				default: 'id',
				options: [
					{ name: 'Device ID', value: 'id', description: 'The ID of the device' },
					{
						name: 'Gateway and Device Name',
						value: 'gateway',
						description: legacyOnly('The device of this name behind a gateway'),
					},
				],
			},
			{ ...deviceIdField, showWhen: { deviceBy: ['id'] } },
			{
				displayName: 'Gateway ID',
				name: 'gatewayId',
				type: 'string',
				default: '',
				required: true,
				showWhen: { deviceBy: ['gateway'] },
				// Goes into the request path (built below).
				in: 'path',
				description: 'The gateway the device is behind',
			},
			{
				displayName: 'Device Name',
				name: 'deviceName',
				type: 'string',
				default: '',
				required: true,
				showWhen: { deviceBy: ['gateway'] },
				// Goes into the request path (built below).
				in: 'path',
				description: 'The name of the device on the gateway',
			},
		],
		async execute(context, input, settings) {
			const platform = await platformFor(context);
			const { values } = input;
			let path: string;
			if (values.deviceBy === 'gateway') {
				if (platform === 'maker')
					throw notOnPlatform(
						context,
						input.itemIndex,
						platform,
						'gateways: find the device by ID',
					);
				path = pathWith('/gateway/{gw}/device/{name}', {
					gw: String(values.gatewayId),
					name: String(values.deviceName),
				});
			} else {
				path = pathWith('/device/{id}', { id: String(values.deviceId) });
			}
			return unwrapSmartLiving(
				await call(context, { method: 'GET', path, itemIndex: input.itemIndex }, settings),
			);
		},
	},
	{
		resource: 'device',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many devices',
		description: 'List the devices of a ground',
		method: 'GET',
		path: '/ground/{groundId}/devices',
		list: true,
		fields: [
			{
				displayName: 'Ground Name or ID',
				name: 'groundId',
				type: 'options',
				default: '',
				required: true,
				loadOptionsMethod: 'getGrounds',
				description: 'The ground whose devices to list',
			},
		],
		async execute(context, input, settings) {
			const path = pathWith('/ground/{id}/devices', { id: String(input.values.groundId) });
			const body = await call(
				context,
				{ method: 'GET', path, itemIndex: input.itemIndex },
				settings,
			);
			return firstItems(itemsOf(body), limitOf(context, input.itemIndex));
		},
	},
];
