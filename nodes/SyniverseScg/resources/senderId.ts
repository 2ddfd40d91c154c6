import type { OperationSpec } from '../../shared/operations';
import { senderIdId, simplified, sort, upperOptions, wireField } from '../fields';

export const senderIdOperations: OperationSpec[] = [
	{
		resource: 'senderId',
		operation: 'get',
		name: 'Get',
		action: 'Get a sender ID',
		description: 'Retrieve a sender ID with its address, state and capabilities',
		method: 'GET',
		path: 'messaging/sender_ids/{senderId}',
		fields: [senderIdId],
		simplify: simplified.senderId,
	},
	{
		resource: 'senderId',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many senders',
		description: 'List the numbers and short codes the account can send from',
		method: 'GET',
		path: 'messaging/sender_ids',
		list: true,
		simplify: simplified.senderId,
		fields: [
			wireField('State', 'state', 'options', 'Only sender IDs in this state', {
				options: upperOptions(['ACTIVE', 'INACTIVE']),
				default: 'ACTIVE',
			}),
			wireField(
				'Class',
				'class_id',
				'string',
				'Only sender IDs of this class, for example COMMERCIAL',
				{
					placeholder: 'COMMERCIAL',
				},
			),
			wireField(
				'Type',
				'type_id',
				'string',
				'Only sender IDs of this type, for example SHORTCODE or LONGCODE',
				{ placeholder: 'LONGCODE' },
			),
			wireField('Address', 'address', 'string', 'Only the sender ID with this number or code'),
			wireField('Name', 'name', 'string', 'Only sender IDs with this name'),
			wireField('Country', 'country', 'string', 'Only sender IDs of this country, for example USA'),
			sort,
		],
	},
];
