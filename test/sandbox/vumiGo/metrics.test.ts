import { vumiGoSeed } from '../../../sandbox';
import { useVumiGoSandbox } from './harness';

const now = new Date('2024-05-02T12:00:00.000Z');
const hour = 3600_000;

describe('Vumi Go emulator: metrics', () => {
	const h = useVumiGoSandbox({ now: () => now });

	it('fires metrics named with their aggregator and answers what it stored', async () => {
		const response = await h.api.post('/metrics/', { 'foo.last': 3.1415, 'bar.sum': 2 });
		expect(response.status).toBe(200);
		expect(response.data).toEqual([
			{ name: 'foo.last', value: 3.1415, aggregator: 'last' },
			{ name: 'bar.sum', value: 2, aggregator: 'sum' },
		]);
		expect(
			h.emulator.state.metrics.filter((metric) => metric.source === 'metrics_api'),
		).toHaveLength(2);
	});

	it('refuses a name without an aggregator suffix, firing none of the batch', async () => {
		const response = await h.api.post('/metrics/', { 'good.max': 1, bad: 2 });
		expect(response.status).toBe(400);
		expect(response.data).toEqual({
			status_code: 400,
			reason: "Invalid metric name 'bad': it must end in one of .avg, .sum, .max, .min, .last",
		});
		expect(h.emulator.state.metrics.filter((metric) => metric.source === 'metrics_api')).toEqual(
			[],
		);
	});

	it('returns a fired metric as {x: epoch ms, y} points, aggregated per interval', async () => {
		await h.api.post('/metrics/', { 'queue.sum': 2 });
		await h.api.post('/metrics/', { 'queue.sum': 3 });
		const response = await h.api.get('/metrics/', {
			params: { m: 'queue.sum', from: '-2h', interval: '1h', nulls: 'omit' },
		});
		expect(response.data).toEqual({ 'queue.sum': [{ x: now.getTime(), y: 5 }] });
	});

	it('serves the seeded hourly series, and handles nulls as asked', async () => {
		const name = vumiGoSeed.metricNames.sent;
		const day = await h.api.get('/metrics/', {
			params: { m: name, from: '-30d', interval: '1d', nulls: 'omit' },
		});
		const total = (day.data[name] as { y: number }[]).reduce((sum, point) => sum + point.y, 0);
		expect(total).toBe(
			Array.from({ length: 48 }, (_, i) => 10 + ((i + 1) % 5)).reduce((a, b) => a + b),
		);

		const hourly = await h.api.get('/metrics/', {
			params: { m: name, from: '-3h', until: '-0s', interval: '1hour', nulls: 'keep' },
		});
		expect(hourly.data[name]).toEqual([
			{ x: now.getTime() - 3 * hour, y: 13 },
			{ x: now.getTime() - 2 * hour, y: 12 },
			{ x: now.getTime() - hour, y: 11 },
			{ x: now.getTime(), y: null },
		]);
		const zeroized = await h.api.get('/metrics/', {
			params: { m: name, from: '-1h', interval: '1h', nulls: 'zeroize' },
		});
		expect(zeroized.data[name][1]).toEqual({ x: now.getTime(), y: 0 });
	});

	it('returns several metrics at once with repeated m', async () => {
		const response = await h.api.get(
			`/metrics/?m=${vumiGoSeed.metricNames.sent}&m=${vumiGoSeed.metricNames.active}&from=-1h&interval=1h&nulls=omit`,
		);
		expect(response.data).toEqual({
			'messages.sent.sum': [{ x: now.getTime() - hour, y: 11 }],
			'contacts.active.last': [{ x: now.getTime() - hour, y: 99 }],
		});
	});

	it('refuses a missing metric name and a bad interval with 400', async () => {
		expect((await h.api.get('/metrics/')).data).toEqual({
			status_code: 400,
			reason: "Missing required parameter 'm'",
		});
		expect(
			(await h.api.get('/metrics/', { params: { m: 'a.sum', interval: 'soon' } })).status,
		).toBe(400);
	});

	it('takes metrics through the conversation HTTP API as [name, value, agg] triples', async () => {
		const response = await h.httpApi.put('/conv-sms-1/metrics.json', [
			['replies', 5.1, 'MAX'],
			['replies', 2, 'max'],
		]);
		expect(response.data).toEqual({ success: true, reason: 'Metrics published' });
		const series = await h.api.get('/metrics/', {
			params: { m: 'replies', from: '-1h', interval: '1h', nulls: 'omit' },
		});
		expect(series.data).toEqual({ replies: [{ x: now.getTime(), y: 5.1 }] });
		expect(h.emulator.state.metrics[h.emulator.state.metrics.length - 1]).toMatchObject({
			source: 'conversation',
			conversation_key: 'conv-sms-1',
			aggregator: 'max',
		});
	});

	it('refuses a bad aggregate or a malformed list on the conversation API', async () => {
		const badAggregate = await h.httpApi.put('/conv-sms-1/metrics.json', [['m', 1, 'median']]);
		expect(badAggregate.status).toBe(400);
		expect(badAggregate.data).toEqual({
			success: false,
			reason: "'median' is not a valid aggregate.",
		});
		const malformed = await h.httpApi.put('/conv-sms-1/metrics.json', { m: 1 });
		expect(malformed.data).toEqual({ success: false, reason: 'Invalid Message' });
	});
});
