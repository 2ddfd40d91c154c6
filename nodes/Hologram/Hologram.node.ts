// The operation table (resources/<resource>.ts): every Hologram operation is one request that a
// table row describes, so the rows are data and shared code makes the parameters and the requests.
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties, executeOperations } from '../shared/operations';
import type { NodeApi } from '../shared/operations';
import { resourceOperationSubtitle } from '../shared/subtitle';
import { hologramPagination, hologramProfile, unwrapHologram } from './api';
import { hologramListSearch, hologramLoadOptions } from './loadOptions';
import { cellularLinkOperations } from './resources/cellularLink';
import { csrMessageOperations } from './resources/csrMessage';
import { dataPlanOperations } from './resources/dataPlan';
import { deviceOperations } from './resources/device';
import { deviceMessageOperations } from './resources/deviceMessage';
import { deviceTagOperations } from './resources/deviceTag';
import { organizationOperations } from './resources/organization';
import { smsOperations } from './resources/sms';
import { tunnelKeyOperations } from './resources/tunnelKey';
import { userOperations } from './resources/user';

const hologramApi: NodeApi = {
	profile: hologramProfile,
	pagination: hologramPagination,
	unwrap: unwrapHologram,
	resources: [
		{ name: 'Device', value: 'device', description: 'Devices with their SIMs' },
		{
			name: 'Cellular Link',
			value: 'cellularLink',
			description: 'SIMs: activate, pause, change plan',
		},
		{ name: 'Device Tag', value: 'deviceTag', description: 'Tags that group devices' },
		{ name: 'Data Plan', value: 'dataPlan', description: 'Plans a SIM can be on' },
		{
			name: 'Cloud Message',
			value: 'csrMessage',
			description: 'Messages devices sent to the cloud',
		},
		{ name: 'SMS', value: 'sms', description: 'SMS to a device' },
		{
			name: 'Device Message',
			value: 'deviceMessage',
			description: 'Data sent to devices over TCP or UDP',
		},
		{ name: 'Tunnel Key', value: 'tunnelKey', description: 'Spacebridge SSH keys' },
		{ name: 'User', value: 'user', description: 'The user of the API key and their balance' },
		{
			name: 'Organization',
			value: 'organization',
			description: 'Organizations and their balances',
		},
	],
	operations: [
		...deviceOperations,
		...cellularLinkOperations,
		...deviceTagOperations,
		...dataPlanOperations,
		...csrMessageOperations,
		...smsOperations,
		...deviceMessageOperations,
		...tunnelKeyOperations,
		...userOperations,
		...organizationOperations,
	],
};

const properties = buildProperties(hologramApi);

export class Hologram implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hologram',
		name: 'hologram',
		icon: { light: 'file:hologram.svg', dark: 'file:hologram.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: resourceOperationSubtitle(properties),
		description: 'Manage Hologram cellular IoT SIMs and devices, and message them',
		defaults: { name: 'Hologram' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hologramApi', required: true }],
		properties,
	};

	methods = { loadOptions: hologramLoadOptions, listSearch: hologramListSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations(this, hologramApi);
	}
}
