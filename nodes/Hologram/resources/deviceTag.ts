import type { OperationSpec } from '../../shared/operations';
import { deviceIds, organizationId, tagLocator } from '../fields';

export const deviceTagOperations: OperationSpec[] = [
	{
		resource: 'deviceTag',
		operation: 'create',
		name: 'Create',
		action: 'Create a device tag',
		description: 'Create a tag, optionally attached to devices right away',
		method: 'POST',
		path: 'devices/tags',
		onTimeout: 'fail',
		fields: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				required: true,
				description: 'Name of the new tag',
			},
			{
				...deviceIds,
				required: false,
				description: 'Devices to tag right away: comma-separated IDs or a list',
			},
			// For a non-personal organization the API takes the organization in the URL.
			{ ...organizationId, in: 'query' },
		],
	},
	{
		resource: 'deviceTag',
		operation: 'delete',
		name: 'Delete',
		action: 'Delete a device tag',
		description: 'Delete a tag; the devices themselves are kept',
		method: 'DELETE',
		path: 'devices/tags/{tagId}',
		fields: [tagLocator],
	},
	{
		resource: 'deviceTag',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many device tags',
		description: 'List the device tags with the devices they are attached to',
		method: 'GET',
		path: 'devices/tags',
		list: true,
	},
	{
		resource: 'deviceTag',
		operation: 'linkDevices',
		name: 'Link Devices',
		action: 'Link devices to a device tag',
		description: 'Attach a tag to devices',
		method: 'POST',
		path: 'devices/tags/{tagId}/link',
		onTimeout: 'retry',
		fields: [tagLocator, deviceIds],
	},
	{
		resource: 'deviceTag',
		operation: 'unlinkDevices',
		name: 'Unlink Devices',
		action: 'Unlink devices from a device tag',
		description: 'Remove a tag from devices',
		method: 'POST',
		path: 'devices/tags/{tagId}/unlink',
		onTimeout: 'retry',
		fields: [tagLocator, deviceIds],
	},
];
