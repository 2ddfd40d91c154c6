import type { IDataObject } from 'n8n-workflow';

import type { OperationInput, TableOperation } from '../../../shared/operations';
import { operationProperties } from '../../../shared/operations';
import { isObject } from '../../../shared/provider';

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

/** Metric → Get: a table request whose answer becomes one item per data point. */
export const operation: TableOperation = {
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
};

export const description = operationProperties(operation);
