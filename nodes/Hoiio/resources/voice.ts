import type { OperationSpec } from '../../shared/operations';
import { callerId, historyFilters, maxDuration, phoneField, reportFields, txnRef } from '../fields';

export const voiceOperations: OperationSpec[] = [
	{
		resource: 'voice',
		operation: 'call',
		name: 'Call',
		action: 'Connect two phone numbers in a call',
		description:
			'Call back: Hoiio rings the first number, then connects it to the second number when answered',
		method: 'POST',
		path: 'voice/call',
		onTimeout: 'fail',
		fields: [
			phoneField(
				'secondNumber',
				'Number to Connect',
				'dest2',
				'The number the first person is connected to once they answer',
			),
			phoneField(
				'firstNumber',
				'First Number',
				'dest1',
				'The number Hoiio rings first; by default the mobile number of the Hoiio account',
				false,
			),
			callerId,
			maxDuration,
			...reportFields,
		],
	},
	{
		resource: 'voice',
		operation: 'conference',
		name: 'Conference',
		action: 'Call numbers into a conference room',
		description:
			'Ring up to 8 numbers and join them in a conference room, a new one or an existing one',
		method: 'POST',
		path: 'voice/conference',
		onTimeout: 'fail',
		fields: [
			{
				displayName: 'Participants',
				name: 'participants',
				type: 'stringList',
				default: '',
				required: true,
				wireName: 'dest',
				placeholder: '+6591234567, +6598765432',
				description: 'Phone numbers to call into the room (at most 8), comma-separated',
				validate: (value) =>
					(value as string[]).length > 8 ? 'can hold at most 8 numbers' : undefined,
			},
			{
				displayName: 'Room',
				name: 'room',
				type: 'string',
				default: '',
				wireName: 'room',
				description:
					'ID of the conference room; give the ID of an ongoing conference to add people to it, or leave empty for a new room',
			},
			callerId,
			...reportFields,
		],
	},
	{
		resource: 'voice',
		operation: 'hangup',
		name: 'Hang Up',
		action: 'Hang up a call',
		description: 'End a call, or remove one participant from a conference',
		method: 'POST',
		path: 'voice/hangup',
		onTimeout: 'fail',
		fields: [
			{
				...txnRef,
				description:
					'The txn_ref of the call; for a conference, the txn_ref of the participant to remove',
			},
		],
		output: (_body, input) => ({ success: true, txn_ref: input.values.txnRef as string }),
	},
	{
		resource: 'voice',
		operation: 'getStatus',
		name: 'Get Status',
		action: 'Get the status of a call',
		description: 'Get whether a call was answered, how long it lasted and what it cost',
		method: 'POST',
		path: 'voice/query_status',
		onTimeout: 'retry',
		fields: [txnRef],
	},
	{
		resource: 'voice',
		operation: 'getHistory',
		name: 'Get History',
		action: 'Get the call history',
		description: 'List the calls of the account',
		method: 'POST',
		path: 'voice/get_history',
		onTimeout: 'retry',
		list: true,
		// History pages are numbered: a run can start where the last one ended.
		resumable: true,
		fields: historyFilters,
	},
	{
		resource: 'voice',
		operation: 'getRate',
		name: 'Get Rate',
		action: 'Get the cost of a call',
		description: 'Get the per-minute rate of a call between two numbers and the talk time left',
		method: 'POST',
		path: 'voice/get_rate',
		onTimeout: 'retry',
		fields: [
			phoneField('firstNumber', 'First Number', 'dest1', 'The number Hoiio would ring first'),
			phoneField('secondNumber', 'Number to Connect', 'dest2', 'The number it would connect to'),
		],
	},
];
