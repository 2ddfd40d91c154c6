import type { IDataObject } from 'n8n-workflow';

import type { OperationSpec } from '../../shared/operations';
import { deviceLocator, organizationId, tagId } from '../fields';

/**
 * A device at a glance: its name and numbers, and from its first cellular link the SIM and whether it
 * is live; when it was last online. The full record nests the links and the last session.
 */
function simplifyDevice(device: IDataObject): IDataObject {
	const links = (device.links as IDataObject | undefined)?.cellular;
	const link = (Array.isArray(links) ? links[0] : undefined) as IDataObject | undefined;
	const session = device.lastsession as IDataObject | undefined;
	const simplified: IDataObject = {
		id: device.id,
		name: device.name,
		phonenumber: device.phonenumber,
		imei: device.imei,
		tags: device.tags,
		linkid: link?.id,
		sim: link?.sim,
		state: link?.state,
		session_end: session?.session_end,
	};
	for (const [key, value] of Object.entries(simplified))
		if (value === undefined) delete simplified[key];
	return simplified;
}

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
		simplify: simplifyDevice,
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
		simplify: simplifyDevice,
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
