import { isRecord } from '../../core/body';
import type { EmulatorResponse } from '../../core/types';
import type { VumiMetricAggregator, VumiMetricValue } from '../state';
import { collectionError, ok, pythonRepr, queryValue, queryValues } from '../wire';
import type { VumiGoContext, VumiGoRoutes } from './context';

export const aggregators: readonly VumiMetricAggregator[] = ['avg', 'sum', 'max', 'min', 'last'];

const second = 1000;
const unitMs: Record<string, number> = {
	s: second,
	sec: second,
	secs: second,
	second: second,
	seconds: second,
	min: 60 * second,
	mins: 60 * second,
	minute: 60 * second,
	minutes: 60 * second,
	h: 3600 * second,
	hour: 3600 * second,
	hours: 3600 * second,
	d: 86400 * second,
	day: 86400 * second,
	days: 86400 * second,
	w: 7 * 86400 * second,
	week: 7 * 86400 * second,
	weeks: 7 * 86400 * second,
	mon: 30 * 86400 * second,
	month: 30 * 86400 * second,
	months: 30 * 86400 * second,
	y: 365 * 86400 * second,
	year: 365 * 86400 * second,
	years: 365 * 86400 * second,
};

/** Longest series one request may ask for, so a typo in `interval` cannot build millions of buckets. */
const maxBuckets = 10_000;

/** Graphite-style durations: `1d`, `1hour`, `5min`, `30s`. */
function duration(text: string): number | undefined {
	const match = /^(\d+)\s*([a-z]+)$/i.exec(text.trim());
	if (!match) return undefined;
	const unit = unitMs[match[2].toLowerCase()];
	return unit === undefined ? undefined : Number(match[1]) * unit;
}

/** `-30d` relative to now, `-0s` for now, or an absolute epoch (seconds, or ms when that long). */
function pointInTime(text: string, now: number): number | undefined {
	const trimmed = text.trim();
	if (trimmed.startsWith('-')) {
		const span = duration(trimmed.slice(1));
		return span === undefined ? undefined : now - span;
	}
	if (/^\d+$/.test(trimmed)) return trimmed.length >= 12 ? Number(trimmed) : Number(trimmed) * 1000;
	const parsed = Date.parse(trimmed);
	return Number.isNaN(parsed) ? undefined : parsed;
}

export function aggregatorOf(name: string): VumiMetricAggregator | undefined {
	const suffix = name.slice(name.lastIndexOf('.') + 1);
	return name.includes('.') && (aggregators as readonly string[]).includes(suffix)
		? (suffix as VumiMetricAggregator)
		: undefined;
}

function aggregate(values: VumiMetricValue[], aggregator: VumiMetricAggregator): number {
	const numbers = values.map((value) => value.value);
	switch (aggregator) {
		case 'sum':
			return numbers.reduce((total, value) => total + value, 0);
		case 'avg':
			return numbers.reduce((total, value) => total + value, 0) / numbers.length;
		case 'max':
			return Math.max(...numbers);
		case 'min':
			return Math.min(...numbers);
		case 'last':
			return [...values].sort((a, b) => a.timestamp - b.timestamp)[values.length - 1].value;
	}
}

function parameter(context: VumiGoContext, name: string, fallback: string): string {
	const value = queryValue(context.request.query, name);
	return value === undefined || value === '' ? fallback : value;
}

/** GET `{base}/metrics/?m=<name>&from=-24h&until=-0s&interval=1hour&nulls=zeroize`. */
function getMetrics(context: VumiGoContext): EmulatorResponse {
	const names = queryValues(context.request.query, 'm').filter((name) => name !== '');
	if (names.length === 0) throw collectionError(400, "Missing required parameter 'm'");
	const now = context.now.getTime();
	const fromText = parameter(context, 'from', '-24h');
	const untilText = parameter(context, 'until', '-0s');
	const intervalText = parameter(context, 'interval', '1hour');
	const nulls = parameter(context, 'nulls', 'zeroize');
	const from = pointInTime(fromText, now);
	const until = pointInTime(untilText, now);
	const interval = duration(intervalText);
	if (from === undefined)
		throw collectionError(400, `Invalid value for from: ${pythonRepr(fromText)}`);
	if (until === undefined)
		throw collectionError(400, `Invalid value for until: ${pythonRepr(untilText)}`);
	if (interval === undefined || interval <= 0)
		throw collectionError(400, `Invalid value for interval: ${pythonRepr(intervalText)}`);
	if (!['keep', 'omit', 'zeroize'].includes(nulls))
		throw collectionError(400, `Invalid value for nulls: ${pythonRepr(nulls)}`);
	const first = Math.floor(from / interval) * interval;
	const buckets = until < first ? 0 : Math.floor((until - first) / interval) + 1;
	if (buckets > maxBuckets)
		throw collectionError(400, `Too many data points requested: ${buckets} > ${maxBuckets}`);

	const result: Record<string, { x: number; y: number | null }[]> = {};
	for (const name of names) {
		const stored = context.state.metrics.filter(
			(value) =>
				value.account === context.account &&
				value.name === name &&
				value.timestamp >= from &&
				value.timestamp <= until,
		);
		const aggregator = aggregatorOf(name) ?? stored[0]?.aggregator ?? 'last';
		const points: { x: number; y: number | null }[] = [];
		for (let index = 0; index < buckets; index++) {
			const start = first + index * interval;
			const inBucket = stored.filter(
				(value) => value.timestamp >= start && value.timestamp < start + interval,
			);
			if (inBucket.length > 0) points.push({ x: start, y: aggregate(inBucket, aggregator) });
			else if (nulls === 'keep') points.push({ x: start, y: null });
			else if (nulls === 'zeroize') points.push({ x: start, y: 0 });
		}
		result[name] = points;
	}
	return ok(result);
}

function numeric(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
		return Number(value);
	return undefined;
}

/** POST `{base}/metrics/` with `{"<name>.<agg>": value, ...}`: all or nothing. */
function fireMetrics(context: VumiGoContext): EmulatorResponse {
	const body = context.request.body;
	if (!isRecord(body) || Object.keys(body).length === 0)
		throw collectionError(400, 'Expected a JSON object of metric names to values');
	const fired: VumiMetricValue[] = [];
	for (const [name, raw] of Object.entries(body)) {
		const aggregator = aggregatorOf(name);
		if (!aggregator) {
			throw collectionError(
				400,
				`Invalid metric name ${pythonRepr(name)}: it must end in one of ${aggregators.map((agg) => `.${agg}`).join(', ')}`,
			);
		}
		const value = numeric(raw);
		if (value === undefined)
			throw collectionError(400, `Invalid value for metric ${pythonRepr(name)}: not a number`);
		fired.push({
			account: context.account,
			name,
			aggregator,
			value,
			timestamp: context.now.getTime(),
			source: 'metrics_api',
		});
	}
	context.state.metrics.push(...fired);
	return ok(fired.map(({ name, value, aggregator }) => ({ name, value, aggregator })));
}

/** go-metrics-api: `{base}/metrics/`. */
export function registerMetricRoutes(routes: VumiGoRoutes): void {
	routes.add('GET', '/metrics', getMetrics, 'bearer');
	routes.add('POST', '/metrics', fireMetrics, 'bearer');
}
