import type { OperationSpec } from '../../shared/operations';
import { messageId, simplified, sort, wireField } from '../fields';
import { deletedOutput } from '../update';
import { syniverseCampaignId } from './messageRequestFields';

const PATH = 'messaging/messages';

export const messageOperations: OperationSpec[] = [
	{
		resource: 'message',
		operation: 'delete',
		name: 'Delete',
		action: 'Delete a message',
		description: 'Delete a message record',
		method: 'DELETE',
		path: `${PATH}/{messageId}`,
		fields: [messageId],
		output: deletedOutput('messageId'),
	},
	{
		resource: 'message',
		operation: 'get',
		name: 'Get',
		action: 'Get a message',
		description: 'Retrieve a message with its delivery state and failure details',
		method: 'GET',
		path: `${PATH}/{messageId}`,
		fields: [messageId],
		simplify: simplified.message,
	},
	{
		resource: 'message',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many messages',
		description: 'List sent and received messages, optionally filtered',
		method: 'GET',
		path: PATH,
		list: true,
		simplify: simplified.message,
		fields: [
			wireField(
				'Message Request ID',
				'message_request_id',
				'string',
				'Only messages of this message request',
			),
			wireField(
				'State',
				'state',
				'string',
				'Only messages in this state, for example DELIVERED or FAILED',
				{
					placeholder: 'DELIVERED',
				},
			),
			wireField('Direction', 'direction', 'options', 'Only sent (MT) or received (MO) messages', {
				options: [
					{ name: 'Sent (MT)', value: 'MT' },
					{ name: 'Received (MO)', value: 'MO' },
				],
				default: 'MT',
			}),
			wireField('From Address', 'from_address', 'string', 'Only messages from this number or code'),
			wireField('To Address', 'to_address', 'string', 'Only messages to this number'),
			syniverseCampaignId('Only messages of this Syniverse campaign'),
			wireField(
				'Conversation ID',
				'conversation_id',
				'string',
				'Only messages of this conversation',
			),
			wireField(
				'External Message Request ID',
				'external_message_request_id',
				'string',
				'Only messages of the request with this external ID',
			),
			wireField('Type', 'type', 'options', 'Only messages of this type', {
				options: [
					{ name: 'SMS', value: 'SMS' },
					{ name: 'MMS', value: 'MMS' },
				],
				default: 'SMS',
			}),
			sort,
		],
	},
];
