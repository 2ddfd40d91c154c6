import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FieldSpec, OperationInput, OwnOperationHead } from '../../../shared/operations';
import { jsonRun, operationProperties } from '../../../shared/operations';
import { isObject } from '../../../shared/provider';
import type { RequestSettings } from '../../../shared/request';
import { providerRequest } from '../../../shared/request';
import { checkConversationCredential, vumiConversationProfile, vumiProfile } from '../../api';

const AGGREGATORS = ['avg', 'sum', 'max', 'min', 'last'];

interface Metric {
	name: string;
	value: number;
	aggregator: string;
}

/** The aggregator a metric name ends in (`visitors.sum` → `sum`), or undefined. */
function aggregatorOf(name: string): string | undefined {
	const ending = name.split('.').pop()?.toLowerCase() ?? '';
	return name.includes('.') && AGGREGATORS.includes(ending) ? ending : undefined;
}

/** What is wrong with the rows of Metrics: a row without a name, a name without an aggregator, a value that is no number. */
function metricsProblem(rows: unknown): string | undefined {
	for (const [position, row] of (rows as IDataObject[]).entries()) {
		const label = `row ${position + 1}`;
		const name = row.name as string | undefined;
		if (name === undefined) return `${label} has no name`;
		if (!aggregatorOf(name))
			return `${label}: the name "${name}" must end in .avg, .sum, .max, .min or .last`;
		if (row.value === undefined) return `${label}: the value must be a number, got ""`;
	}
	return undefined;
}

/** One row per metric: Fire takes one or many. */
const metrics: FieldSpec = {
	displayName: 'Metrics',
	name: 'metrics',
	type: 'fixedCollection',
	placeholder: 'Add Metric',
	multipleValues: true,
	row: { name: 'metric', displayName: 'Metric' },
	default: { metric: [{ name: '', value: 0 }] },
	required: true,
	description:
		'The values to record. Each name ends in how values are combined over time: .avg, .sum, .max, .min or .last.',
	fields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'visitors.sum',
			description:
				'Metric name ending in .avg (average), .sum (total), .max, .min or .last (latest value)',
		},
		{
			displayName: 'Value',
			name: 'value',
			type: 'number',
			default: 0,
			description: 'The number to record',
		},
	],
	validate: metricsProblem,
	// Read by fireMetrics, which sends them in the form of the chosen API.
	in: 'none',
};

function metricsOf(input: OperationInput): Metric[] {
	return (input.values.metrics as IDataObject[]).map((row) => ({
		name: row.name as string,
		value: row.value as number,
		aggregator: aggregatorOf(row.name as string) as string,
	}));
}

/** Fire through the chosen API: firing again would count a .sum twice, so it is never repeated. */
async function fire(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<IDataObject> {
	const metrics = metricsOf(input);
	const through = input.values.metricApi as string;
	const fired = metrics.map((metric) => ({ ...metric }));
	if (through === 'conversation') {
		await checkConversationCredential(
			context,
			input.itemIndex,
			'Firing metrics through the conversation',
		);
		// The conversation API takes the aggregator apart from the name: [name, value, aggregator].
		const body = metrics.map((metric) => [
			metric.name.slice(0, -(metric.aggregator.length + 1)),
			metric.value,
			metric.aggregator,
		]);
		const { body: answer } = await providerRequest(
			context,
			vumiConversationProfile,
			{
				method: 'PUT',
				path: 'metrics.json',
				body: body as unknown as IDataObject[],
				idempotent: false,
				itemIndex: input.itemIndex,
			},
			settings,
		);
		return {
			success: true,
			through,
			metrics: fired,
			...(isObject(answer) && typeof answer.reason === 'string' ? { reason: answer.reason } : {}),
		};
	}
	const body: IDataObject = {};
	for (const metric of metrics) body[metric.name] = metric.value;
	const { body: answer } = await providerRequest(
		context,
		vumiProfile,
		{ method: 'POST', path: 'metrics/', body, idempotent: false, itemIndex: input.itemIndex },
		settings,
	);
	return { success: true, through, metrics: fired, response: answer as IDataObject[string] };
}

/** Metric → Fire: through the metrics API (account token) or the conversation (its key and token). */
export const operation: OwnOperationHead = {
	resource: 'metric',
	operation: 'fire',
	name: 'Fire',
	action: 'Fire metrics',
	description: 'Record one or more metric values',
	fields: [
		{
			displayName: 'Send Through',
			name: 'metricApi',
			type: 'options',
			required: true,
			default: 'metricsApi',
			options: [
				{
					name: 'Metrics API',
					value: 'metricsApi',
					description: "Account-wide metrics, with the credential's access token",
				},
				{
					name: 'Conversation HTTP API',
					value: 'conversation',
					description:
						"The conversation's metrics, with the conversation's key and token from the credential",
				},
			],
			description:
				'Which Vumi Go API records the metrics; the conversation needs the conversation fields of the credential',
			in: 'none',
		},
		metrics,
	],
};

export const description = operationProperties(operation);

export const execute = jsonRun(fire);
