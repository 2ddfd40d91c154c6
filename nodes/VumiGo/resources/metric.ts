import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationInput, OperationSpec } from '../../shared/operations';
import { invalidInput } from '../../shared/operations';
import { isObject } from '../../shared/provider';
import type { RequestSettings } from '../../shared/request';
import { providerRequest } from '../../shared/request';
import { vumiConversationProfile, vumiProfile } from '../api';

export const METRICS = 'metrics';
const AGGREGATORS = ['avg', 'sum', 'max', 'min', 'last'];

/** One row per metric: Fire takes one or many. */
export const metricProperties: INodeProperties[] = [
	{
		displayName: 'Metrics',
		name: METRICS,
		type: 'fixedCollection',
		placeholder: 'Add Metric',
		typeOptions: { multipleValues: true },
		default: { metric: [{ name: '', value: 0 }] },
		required: true,
		description:
			'The values to record. Each name ends in how values are combined over time: .avg, .sum, .max, .min or .last.',
		displayOptions: { show: { resource: ['metric'], operation: ['fire'] } },
		options: [
			{
				displayName: 'Metric',
				name: 'metric',
				values: [
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
			},
		],
	},
];

interface Metric {
	name: string;
	value: number;
	aggregator: string;
}

function readMetrics(context: IExecuteFunctions, itemIndex: number): Metric[] {
	const raw = context.getNodeParameter(METRICS, itemIndex, {}) as IDataObject;
	const rows = Array.isArray(raw.metric) ? (raw.metric as IDataObject[]) : [];
	if (rows.length === 0)
		throw invalidInput(context, itemIndex, 'Metrics', 'needs at least one metric');
	return rows.map((row, position) => {
		const name = String(row.name ?? '').trim();
		const label = `row ${position + 1}`;
		if (name === '') throw invalidInput(context, itemIndex, 'Metrics', `${label} has no name`);
		const aggregator = name.split('.').pop()?.toLowerCase() ?? '';
		if (!name.includes('.') || !AGGREGATORS.includes(aggregator))
			throw invalidInput(
				context,
				itemIndex,
				'Metrics',
				`${label}: the name "${name}" must end in .avg, .sum, .max, .min or .last`,
			);
		const value = typeof row.value === 'number' ? row.value : Number(String(row.value).trim());
		if (row.value === '' || row.value === null || !Number.isFinite(value))
			throw invalidInput(
				context,
				itemIndex,
				'Metrics',
				`${label}: the value must be a number, got ${JSON.stringify(row.value)}`,
			);
		return { name, value, aggregator };
	});
}

async function fireMetrics(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
): Promise<IDataObject> {
	const metrics = readMetrics(context, input.itemIndex);
	const through = input.values.metricApi as string;
	const fired = metrics.map((metric) => ({ ...metric }));
	// Firing again would count a .sum twice: never repeated when the outcome is unknown.
	if (through === 'conversation') {
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

/** Data points come as `{x: epoch ms, y: value}`: one item each, its time in ISO 8601. */
function dataPoints(body: unknown, input: OperationInput): IDataObject[] {
	if (!isObject(body)) return [];
	const wanted = input.values.metricName as string;
	const items: IDataObject[] = [];
	for (const [metric, points] of Object.entries(body)) {
		if (!Array.isArray(points) || (metric !== wanted && Object.keys(body).length > 1)) continue;
		for (const point of points) {
			if (!isObject(point)) continue;
			const x = Number(point.x);
			items.push({
				metric,
				time: Number.isFinite(x) ? new Date(x).toISOString() : null,
				timestamp: Number.isFinite(x) ? x : (point.x as IDataObject[string]),
				value: point.y as IDataObject[string],
			});
		}
	}
	return items;
}

export const metricOperations: OperationSpec[] = [
	{
		resource: 'metric',
		operation: 'fire',
		name: 'Fire',
		action: 'Fire metrics',
		description: 'Record one or more metric values',
		method: 'POST',
		path: 'metrics/',
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
						description: 'Account-wide metrics, with the Vumi Go API credential',
					},
					{
						name: 'Conversation HTTP API',
						value: 'conversation',
						description: "The conversation's metrics, with the conversation credential",
					},
				],
				description: 'Which Vumi Go API records the metrics (each has its own credential)',
				in: 'none',
			},
		],
		execute: fireMetrics,
	},
	{
		resource: 'metric',
		operation: 'get',
		name: 'Get',
		action: 'Get a metric',
		description: 'Get the values of a metric over time, one item per data point',
		method: 'GET',
		path: 'metrics/',
		fields: [
			{
				displayName: 'Metric Name',
				name: 'metricName',
				wireName: 'm',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'visitors.sum',
				description: 'Full name of the metric, including its ending such as .sum',
			},
			{
				displayName: 'From',
				name: 'from',
				type: 'string',
				required: true,
				default: '-24h',
				description: 'How far back to start, relative to now: for example -24h, -7d or -30d',
			},
			{
				displayName: 'Interval',
				name: 'interval',
				type: 'string',
				required: true,
				default: '1h',
				description: 'Length of each data point: for example 5min, 1h or 1d',
			},
			{
				displayName: 'Empty Intervals',
				name: 'nulls',
				type: 'options',
				required: true,
				default: 'omit',
				options: [
					{ name: 'Leave Out', value: 'omit' },
					{ name: 'Keep as Empty', value: 'keep' },
					{ name: 'Show as Zero', value: 'zeroize' },
				],
				description: 'What to do with intervals in which nothing was recorded',
			},
			{
				displayName: 'Until',
				name: 'until',
				type: 'string',
				default: '',
				placeholder: '-1d',
				description: 'When to stop, relative to now (for example -1d); empty means now',
			},
		],
		output: dataPoints,
	},
];
