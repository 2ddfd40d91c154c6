import { vumiGoSeed } from '../../sandbox';
import { CONVERSATION_API, VUMI_API, useVumiGo } from './useVumiGo';

const vumi = useVumiGo();

describe('Vumi Go → Metric', () => {
	test('Fire through the metrics API posts every metric as name: value', async () => {
		const { items, error } = await vumi.run({
			resource: 'metric',
			operation: 'fire',
			metricApi: 'metricsApi',
			metrics: {
				metric: [
					{ name: 'visits.sum', value: 3 },
					{ name: 'queue.length.max', value: 12.5 },
				],
			},
		});

		expect(error).toBeUndefined();
		const request = vumi.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(`POST ${VUMI_API}/metrics/`);
		expect(request.headers.authorization).toBe('Bearer sandbox-vumi-token');
		expect(request.body).toEqual({ 'visits.sum': 3, 'queue.length.max': 12.5 });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			success: true,
			through: 'metricsApi',
			metrics: [
				{ name: 'visits.sum', value: 3, aggregator: 'sum' },
				{ name: 'queue.length.max', value: 12.5, aggregator: 'max' },
			],
		});
		const stored = vumi.state().metrics.filter((metric) => metric.source === 'metrics_api');
		expect(stored.map((metric) => [metric.name, metric.value])).toEqual(
			expect.arrayContaining([
				[expect.stringContaining('visits'), 3],
				[expect.stringContaining('queue.length'), 12.5],
			]),
		);
	});

	test("Fire through the conversation's HTTP API PUTs [name, value, aggregator] triples", async () => {
		const { items, error } = await vumi.run({
			resource: 'metric',
			operation: 'fire',
			metricApi: 'conversation',
			metrics: { metric: [{ name: 'replies.avg', value: 4 }] },
		});

		expect(error).toBeUndefined();
		const request = vumi.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(`PUT ${CONVERSATION_API}/metrics.json`);
		expect(request.headers.authorization).toMatch(/^Basic /);
		expect(request.body).toEqual([['replies', 4, 'avg']]);
		expect(items[0].json).toMatchObject({ success: true, through: 'conversation' });
		expect(vumi.state().metrics.at(-1)).toMatchObject({
			name: 'replies',
			aggregator: 'avg',
			value: 4,
			source: 'conversation',
		});
	});

	test('a metric name without a valid aggregator ending is refused before anything is sent', async () => {
		const { error } = await vumi.run({
			resource: 'metric',
			operation: 'fire',
			metricApi: 'metricsApi',
			metrics: {
				metric: [
					{ name: 'ok.last', value: 1 },
					{ name: 'visits.total', value: 2 },
				],
			},
		});

		expect(error?.message).toBe(
			'Item 0: "Metrics" row 2: the name "visits.total" must end in .avg, .sum, .max, .min or .last',
		);
		expect(vumi.requests()).toHaveLength(0);
	});

	test('Get asks for the metric over the chosen range and returns one item per data point', async () => {
		const name = vumiGoSeed.metricNames.sent;
		const { items, error } = await vumi.run({
			resource: 'metric',
			operation: 'get',
			metricName: name,
			from: '-48h',
			interval: '1h',
			nulls: 'omit',
		});

		expect(error).toBeUndefined();
		const request = vumi.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(`GET ${VUMI_API}/metrics/`);
		expect(request.query).toEqual({ m: name, from: '-48h', interval: '1h', nulls: 'omit' });
		expect(items.length).toBeGreaterThan(40);
		for (const item of items) {
			expect(item.json.metric).toBe(name);
			expect(new Date(String(item.json.time)).getTime()).toBe(item.json.timestamp);
			expect(String(item.json.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
			expect(typeof item.json.value).toBe('number');
		}
	});

	test('Get sends Until when given', async () => {
		await vumi.run({
			resource: 'metric',
			operation: 'get',
			metricName: vumiGoSeed.metricNames.active,
			from: '-2d',
			interval: '1d',
			nulls: 'zeroize',
			additionalFields: { until: '-1d' },
		});

		expect(vumi.lastRequest().query).toEqual({
			m: vumiGoSeed.metricNames.active,
			from: '-2d',
			interval: '1d',
			nulls: 'zeroize',
			until: '-1d',
		});
	});
});
