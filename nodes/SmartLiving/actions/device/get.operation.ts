import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { pathWith } from '../../../shared/request';
import { call, notOnPlatform, platformFor, unwrapSmartLiving } from '../../api';
import { deviceIdField, legacyOnly } from '../../fields';

/** Device → Get: by ID, or (legacy) by its name behind a gateway. */
export const operation: OwnOperationHead = {
	resource: 'device',
	operation: 'get',
	name: 'Get',
	action: 'Get a device',
	description: 'Retrieve a device with its assets, by ID or by its name behind a gateway',
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
			in: 'path',
			description: 'The name of the device on the gateway',
		},
	],
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const { values, itemIndex } = input;
	let path = pathWith('/device/{id}', { id: String(values.deviceId) });
	if (values.deviceBy === 'gateway') {
		const platform = await platformFor(context);
		if (platform === 'maker')
			throw notOnPlatform(context, itemIndex, platform, 'gateways: find the device by ID');
		path = pathWith('/gateway/{gw}/device/{name}', {
			gw: String(values.gatewayId),
			name: String(values.deviceName),
		});
	}
	return unwrapSmartLiving(await call(context, { method: 'GET', path, itemIndex }, settings));
});
