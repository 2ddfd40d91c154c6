import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { NodeApi } from '../../shared/operations';
import { executeOperations, operationsFromFiles } from '../../shared/operations';
import { noPagination, smartLivingProfile, unwrapSmartLiving } from '../api';
import * as assetCreate from './asset/create.operation';
import * as assetGet from './asset/get.operation';
import * as assetGetAll from './asset/getAll.operation';
import * as assetGetHistory from './asset/getHistory.operation';
import * as assetGetState from './asset/getState.operation';
import * as assetSendCommand from './asset/sendCommand.operation';
import * as assetSendState from './asset/sendState.operation';
import * as deviceGet from './device/get.operation';
import * as deviceGetAll from './device/getAll.operation';
import * as gatewayGet from './gateway/get.operation';
import * as groundGetAll from './ground/getAll.operation';
import * as notificationPush from './notification/push.operation';

/** The SmartLiving node's resources and the operation files under them, for the shared executor. */
export const smartLivingApi: NodeApi = {
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
	operations: operationsFromFiles([
		assetCreate,
		assetGet,
		assetGetAll,
		assetGetState,
		assetGetHistory,
		assetSendState,
		assetSendCommand,
		deviceGet,
		deviceGetAll,
		groundGetAll,
		gatewayGet,
		notificationPush,
	]),
};

/** Each input item goes to the operation file its resource and operation name, through the shared executor. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeOperations(this, smartLivingApi);
}
