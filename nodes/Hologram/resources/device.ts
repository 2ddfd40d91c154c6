import type { OperationSpec } from '../../shared/operations';
import { deviceLocator, organizationId, tagId } from '../fields';

export const deviceOperations: OperationSpec[] = [
	{
		resource: 'device',
		operation: 'get',
		name: 'Get',
		action: 'Get a device',
		description: 'Retrieve a device with its links, tags and last session',
		method: 'GET',
		path: 'devices/{deviceId}',
		fields: [deviceLocator],
	},
	{
		resource: 'device',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many devices',
		description: 'List the devices of the account, optionally filtered',
		method: 'GET',
		path: 'devices',
		list: true,
		fields: [
			organizationId,
			tagId,
			{
				displayName: 'Tag Name',
				name: 'tagName',
				type: 'string',
				default: '',
				wireName: 'tagname',
				description: 'Only devices with this tag',
			},
			{
				displayName: 'Device Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only devices with this name',
			},
			{
				displayName: 'IMEI',
				name: 'imei',
				type: 'string',
				default: '',
				description: 'Only the device with this IMEI',
			},
			{
				displayName: 'SIM Number (ICCID)',
				name: 'sim',
				type: 'string',
				default: '',
				description: 'Only the device with this SIM',
			},
		],
	},
];
