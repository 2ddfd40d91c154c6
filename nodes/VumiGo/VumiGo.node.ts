import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties, executeOperations } from '../shared/operations';
import type { NodeApi } from '../shared/operations';
import { resourceOperationSubtitle } from '../shared/subtitle';
import { unwrapVumi, vumiPagination, vumiProfile } from './api';
import { vumiLoadOptions } from './loadOptions';
import { accountOperations } from './resources/account';
import { contactExtraProperties, contactOperations } from './resources/contact';
import { groupOperations } from './resources/group';
import { messageOperations } from './resources/message';
import { metricOperations, metricProperties } from './resources/metric';
import { optOutOperations } from './resources/optOut';

const vumiGoApi: NodeApi = {
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
	operations: [
		...messageOperations,
		...contactOperations,
		...groupOperations,
		...optOutOperations,
		...metricOperations,
		...accountOperations,
	],
};

/** The fixed collections that the operation table does not describe, placed before Request Options. */
function vumiGoProperties(): INodeProperties[] {
	const built = buildProperties(vumiGoApi);
	const requestOptions = built.pop() as INodeProperties;
	return [...built, ...contactExtraProperties, ...metricProperties, requestOptions];
}

const properties = vumiGoProperties();

export class VumiGo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vumi Go',
		name: 'vumiGo',
		icon: { light: 'file:vumiGo.svg', dark: 'file:vumiGo.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: resourceOperationSubtitle(properties),
		description:
			'Send messages through Vumi Go and manage its contacts, groups, opt-outs, metrics and routing',
		defaults: { name: 'Vumi Go' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Two kinds of auth: the account token, and the conversation's own key and token for sending.
		credentials: [
			{
				name: 'vumiGoApi',
				required: true,
				displayOptions: { hide: { resource: ['message'], metricApi: ['conversation'] } },
			},
			{
				name: 'vumiGoConversationApi',
				required: true,
				displayOptions: {
					show: { resource: ['message', 'metric'] },
					hide: { operation: ['get'], metricApi: ['metricsApi'] },
				},
			},
		],
		properties,
	};

	methods = { loadOptions: vumiLoadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations(this, vumiGoApi);
	}
}
