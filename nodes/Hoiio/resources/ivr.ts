import type { IDataObject } from 'n8n-workflow';

import type { FieldSpec, OperationInput, OperationSpec } from '../../shared/operations';
import { unwrapHoiio } from '../api';
import {
	callerId,
	ivrMessage,
	maxDuration,
	phoneField,
	reportFields,
	session,
	to,
} from '../fields';

/** IVR steps answer only `success_ok`: the output carries the session on to the next step. */
function sessionOutput(body: unknown, input: OperationInput): IDataObject {
	return { success: true, session: input.values.session as string, ...unwrapHoiio(body) };
}

// Without a notify URL Hoiio hangs up once the message is played, so the step says so.
const ivrReportFields: FieldSpec[] = reportFields.map((field) =>
	field.name === 'notifyUrl'
		? {
				...field,
				description:
					'Hoiio posts the result of this step here (for example to a Hoiio Trigger). Without a notify URL or trigger, the call hangs up after the message.',
			}
		: field,
);

function ivrStep(
	operation: string,
	name: string,
	action: string,
	description: string,
	path: string,
	fields: FieldSpec[],
): OperationSpec {
	return {
		resource: 'ivr',
		operation,
		name,
		action,
		description,
		method: 'POST',
		path,
		onTimeout: 'fail',
		fields: [session, ...fields, ...ivrReportFields],
		output: sessionOutput,
	};
}

export const ivrOperations: OperationSpec[] = [
	{
		resource: 'ivr',
		operation: 'dial',
		name: 'Dial',
		action: 'Start an IVR call',
		description:
			'Call a number, read out a message and start an IVR session that the next IVR steps continue',
		method: 'POST',
		path: 'ivr/start/dial',
		onTimeout: 'fail',
		fields: [to('Phone number to call'), ivrMessage, callerId, maxDuration, ...ivrReportFields],
	},
	ivrStep(
		'play',
		'Play',
		'Play a message in an IVR call',
		'Read out a message or play a recording to the caller',
		'ivr/middle/play',
		[ivrMessage],
	),
	ivrStep(
		'gather',
		'Gather',
		'Collect keypad digits in an IVR call',
		'Read out a message and collect the digits the caller presses; the digits arrive at the notify URL or Hoiio Trigger',
		'ivr/middle/gather',
		[
			ivrMessage,
			{
				displayName: 'Max Digits',
				name: 'maxDigits',
				type: 'number',
				default: 0,
				integer: true,
				min: 0,
				wireName: 'max_digits',
				description:
					'Digits to collect (1 to 255); 0 collects until the caller presses # or the timeout',
				validate: (value) => ((value as number) > 255 ? 'must be at most 255' : undefined),
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 15,
				integer: true,
				min: 1,
				wireName: 'timeout',
				description: 'How long to wait for the caller to press keys',
			},
			{
				displayName: 'Attempts',
				name: 'attempts',
				type: 'number',
				default: 1,
				integer: true,
				min: 1,
				wireName: 'attempts',
				description: 'How many times the message is repeated when the caller presses nothing',
			},
		],
	),
	ivrStep(
		'record',
		'Record',
		'Record the caller in an IVR call',
		'Read out a message and record what the caller says; the recording link arrives at the notify URL or Hoiio Trigger',
		'ivr/middle/record',
		[ivrMessage, { ...maxDuration, description: 'The recording stops after this many seconds' }],
	),
	ivrStep(
		'monitor',
		'Monitor',
		'Record the rest of an IVR call',
		'Record the rest of the call, including any transfer; the recording link arrives at the notify URL or Hoiio Trigger',
		'ivr/middle/monitor',
		[ivrMessage],
	),
	ivrStep(
		'transfer',
		'Transfer',
		'Transfer an IVR call',
		'Read out a message and transfer the caller to another number or into a conference room',
		'ivr/end/transfer',
		[
			{
				displayName: 'Transfer To',
				name: 'transferTo',
				type: 'options',
				required: true,
				default: 'number',
				options: [
					{ name: 'Phone Number', value: 'number' },
					{ name: 'Conference Room', value: 'room' },
				],
				wireName: 'dest',
				// `room:` alone opens a new room; a number or room ID given below replaces it.
				toWire: (value) => (value === 'room' ? 'room:' : undefined),
			},
			{
				...phoneField(
					'transferNumber',
					'Phone Number',
					'dest',
					'The number to transfer the caller to',
				),
				showWhen: { transferTo: ['number'] },
			},
			{
				displayName: 'Room',
				name: 'room',
				type: 'string',
				default: '',
				wireName: 'dest',
				showWhen: { transferTo: ['room'] },
				description:
					'ID of the conference room to put the caller in; leave empty to open a new room',
				// Hoiio takes rooms as `room:<id>`, and a bare `room:` for a new one.
				toWire: (value) => `room:${String(value).replace(/^room:/i, '')}`,
			},
			ivrMessage,
			callerId,
			{
				displayName: 'On Failure',
				name: 'onFailure',
				type: 'options',
				default: 'hangup',
				wireName: 'on_failure',
				options: [
					{ name: 'Hang Up', value: 'hangup' },
					{ name: 'Continue', value: 'continue', description: 'Keep the caller in the IVR' },
				],
				description: 'What happens to the caller when the transfer fails',
			},
		],
	),
	ivrStep(
		'hangup',
		'Hang Up',
		'End an IVR call',
		'Read out a last message and hang up',
		'ivr/end/hangup',
		[ivrMessage],
	),
];
