// The operation table (resources/<resource>.ts): nearly every SCG operation is one request a row
// describes; the chunked Message Request → Create and the uploads have code beside their row.
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
import { scgPagination, scgProfile, unwrapScg } from './api';
import { scgLoadOptions } from './loadOptions';
import { attachmentOperations } from './resources/attachment';
import { contactOperations } from './resources/contact';
import { contactGroupOperations } from './resources/contactGroup';
import { messageOperations } from './resources/message';
import { messageRequestOperations } from './resources/messageRequest';
import { senderIdOperations } from './resources/senderId';

const scgApi: NodeApi = {
	profile: scgProfile,
	pagination: scgPagination,
	unwrap: unwrapScg,
	resources: [
		{
			name: 'Message Request',
			value: 'messageRequest',
			description: 'Send SMS and MMS to numbers, contacts and groups',
		},
		{ name: 'Message', value: 'message', description: 'Single sent or received messages' },
		{ name: 'Contact', value: 'contact', description: 'People messages can be sent to' },
		{ name: 'Contact Group', value: 'contactGroup', description: 'Groups of contacts' },
		{ name: 'Sender ID', value: 'senderId', description: 'Numbers and short codes to send from' },
		{ name: 'Attachment', value: 'attachment', description: 'Files sent in MMS messages' },
	],
	operations: [
		...messageRequestOperations,
		...messageOperations,
		...contactOperations,
		...contactGroupOperations,
		...senderIdOperations,
		...attachmentOperations,
	],
};

const properties = buildProperties(scgApi);

export class SyniverseScg implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Syniverse SCG',
		name: 'syniverseScg',
		icon: { light: 'file:syniverseScg.svg', dark: 'file:syniverseScg.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: resourceOperationSubtitle(properties),
		description:
			'Send SMS and MMS through Syniverse SCG and manage contacts, groups and attachments',
		defaults: { name: 'Syniverse SCG' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'syniverseScgApi', required: true }],
		properties,
	};

	methods = { loadOptions: scgLoadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations(this, scgApi);
	}
}
