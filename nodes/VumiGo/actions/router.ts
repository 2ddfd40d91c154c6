import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { NodeApi } from '../../shared/operations';
import { executeOperations, operationsFromFiles } from '../../shared/operations';
import { unwrapVumi, vumiPagination, vumiProfile } from '../api';
import * as campaignGetAll from './campaign/getAll.operation';
import * as channelGetAll from './channel/getAll.operation';
import * as contactCreate from './contact/create.operation';
import * as contactDelete from './contact/delete.operation';
import * as contactGet from './contact/get.operation';
import * as contactGetAll from './contact/getAll.operation';
import * as contactUpdate from './contact/update.operation';
import * as conversationGetAll from './conversation/getAll.operation';
import * as groupCreate from './group/create.operation';
import * as groupDelete from './group/delete.operation';
import * as groupGet from './group/get.operation';
import * as groupGetAll from './group/getAll.operation';
import * as groupGetContacts from './group/getContacts.operation';
import * as groupUpdate from './group/update.operation';
import * as messageSendText from './message/sendText.operation';
import * as messageSendVoice from './message/sendVoice.operation';
import * as metricFire from './metric/fire.operation';
import * as metricGet from './metric/get.operation';
import * as optOutCount from './optOut/count.operation';
import * as optOutCreate from './optOut/create.operation';
import * as optOutDelete from './optOut/delete.operation';
import * as optOutGet from './optOut/get.operation';
import * as routerGetAll from './router/getAll.operation';
import * as routingEntryGetAll from './routingEntry/getAll.operation';
import * as routingTableGet from './routingTable/get.operation';
import * as routingTableUpdate from './routingTable/update.operation';

/** The Vumi Go node's resources and the operation files under them, for the shared executor. */
export const vumiGoApi: NodeApi = {
	profile: vumiProfile,
	pagination: vumiPagination,
	unwrap: unwrapVumi,
	resources: [
		{ name: 'Message', value: 'message', description: 'Send text and voice messages' },
		{ name: 'Contact', value: 'contact', description: 'People and their addresses' },
		{ name: 'Group', value: 'group', description: 'Groups and smart groups of contacts' },
		{ name: 'Opt-Out', value: 'optOut', description: 'Addresses that asked for no messages' },
		{ name: 'Metric', value: 'metric', description: 'Numbers recorded over time' },
		{ name: 'Campaign', value: 'campaign', description: 'Campaigns of the account' },
		{ name: 'Conversation', value: 'conversation', description: 'Conversations of a campaign' },
		{ name: 'Channel', value: 'channel', description: 'Numbers and codes messages travel on' },
		{ name: 'Router', value: 'router', description: 'Routers between channels and conversations' },
		{
			name: 'Routing Entry',
			value: 'routingEntry',
			description: 'Links between channels, routers and conversations',
		},
		{ name: 'Routing Table', value: 'routingTable', description: "A campaign's whole routing" },
	],
	// The first operation of each resource is the one a new node starts with.
	operations: operationsFromFiles([
		messageSendText,
		messageSendVoice,
		contactCreate,
		contactDelete,
		contactGet,
		contactGetAll,
		contactUpdate,
		groupCreate,
		groupDelete,
		groupGet,
		groupGetAll,
		groupGetContacts,
		groupUpdate,
		optOutCount,
		optOutCreate,
		optOutDelete,
		optOutGet,
		metricFire,
		metricGet,
		campaignGetAll,
		conversationGetAll,
		channelGetAll,
		routerGetAll,
		routingEntryGetAll,
		routingTableGet,
		routingTableUpdate,
	]),
};

/** Each input item goes to the operation file its resource and operation name, through the shared executor. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeOperations(this, vumiGoApi);
}
