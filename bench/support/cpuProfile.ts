/**
 * A CPU profile of one stretch of a benchmark (V8's sampling profiler through `node:inspector`), and its summary:
 * self time per function, grouped by where the code comes from (this package, n8n-core, n8n-workflow,
 * n8n-nodes-base, Node's internals, other packages). For finding what an item costs; see BENCHMARKS.md.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, sep } from 'node:path';

import { fixed, table } from './report';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	hitCount?: number;
	children?: number[];
}

export interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples?: number[];
}

/** Runs `work` with V8's profiler on (sampling every 100 µs); returns its value and the profile. */
export async function profiled<T>(
	work: () => Promise<T>,
): Promise<{ value: T; profile: CpuProfile }> {
	const session = new Session();
	session.connect();
	try {
		await session.post('Profiler.enable');
		await session.post('Profiler.setSamplingInterval', { interval: 100 });
		await session.post('Profiler.start');
		const value = await work();
		const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
		return { value, profile };
	} finally {
		session.disconnect();
	}
}

/** The project root: bundles run from `.build/bench/`. */
const root = join(__dirname, '..', '..');

/** Where a function's code comes from, by its script's URL. */
export function codeGroup(frame: CallFrame): string {
	const { url, functionName } = frame;
	if (url === '') {
		if (functionName === '(garbage collector)') return 'garbage collection';
		if (functionName.startsWith('(')) return functionName;
		return 'Node internals';
	}
	if (url.startsWith('node:')) return 'Node internals';
	const path = decodeURIComponent(url.replace(/^file:\/\//, ''));
	const modules = path.lastIndexOf(`${sep}node_modules${sep}`);
	if (modules >= 0) {
		const [scope, name] = path.slice(modules + 14).split(sep);
		const packageName = scope.startsWith('@') ? `${scope}/${name}` : scope;
		return packageName === 'n8n-nodes-telco-iot' ? 'this package' : packageName;
	}
	if (path.startsWith(join(root, 'dist') + sep)) return 'this package';
	if (path.startsWith(join(root, '.build') + sep)) return 'benchmark and harness';
	return path;
}

interface FunctionCost {
	name: string;
	group: string;
	where: string;
	ms: number;
}

/** Self time per function and per group, idle time left out. */
export function selfTimes(profile: CpuProfile): { functions: FunctionCost[]; totalMs: number } {
	const samples = profile.samples ?? [];
	const msPerSample =
		samples.length > 0 ? (profile.endTime - profile.startTime) / 1000 / samples.length : 0;
	const hits = new Map<number, number>();
	for (const id of samples) hits.set(id, (hits.get(id) ?? 0) + 1);
	const byFunction = new Map<string, FunctionCost>();
	for (const node of profile.nodes) {
		const count = hits.get(node.id) ?? 0;
		if (count === 0 || node.callFrame.functionName === '(idle)') continue;
		const group = codeGroup(node.callFrame);
		const file = node.callFrame.url.split('/').slice(-2).join('/');
		const where = file ? `${file}:${node.callFrame.lineNumber + 1}` : '';
		const name = node.callFrame.functionName || '(anonymous)';
		const key = `${name}@${where}@${group}`;
		const entry = byFunction.get(key) ?? { name, group, where, ms: 0 };
		entry.ms += count * msPerSample;
		byFunction.set(key, entry);
	}
	const functions = [...byFunction.values()].sort((a, b) => b.ms - a.ms);
	return { functions, totalMs: functions.reduce((sum, entry) => sum + entry.ms, 0) };
}

/**
 * What an item's CPU time goes to, each sample counted once under the first activity its stack shows
 * (the stack is read from the sampled function outwards, so a connection opened inside n8n's HTTP
 * helper counts as the connection). Asynchronous work (an answer arriving) has no caller in the stack:
 * it falls under Node's internals or the rest.
 */
const ACTIVITIES: Array<{ name: string; matches: (frame: CallFrame) => boolean }> = [
	{
		name: "credential: authenticate (the credential's auth put into each request)",
		matches: (frame) => frame.functionName === 'authenticate',
	},
	{
		name: 'credential: read (n8n reads and decrypts the stored credential)',
		matches: (frame) => frame.functionName === '_getCredentials',
	},
	{
		name: "parameters: n8n's getNodeParameter (expressions included)",
		matches: (frame) => frame.functionName === '_getNodeParameter',
	},
	{
		name: 'TCP connection set-up (one per request: a new agent each time)',
		matches: (frame) => frame.functionName === 'internalConnect' && frame.url === 'node:net',
	},
	{
		name: "HTTP request: n8n's helper and axios, sending",
		matches: (frame) =>
			['dispatchHttpRequest', 'executeLegacyRequest', 'httpRequest'].includes(frame.functionName) &&
			codeGroup(frame) !== 'this package',
	},
];

/** Milliseconds per activity of `ACTIVITIES`, then this package's own code, garbage collection and the rest. */
export function activityTimes(profile: CpuProfile): Array<{ name: string; ms: number }> {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parents = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parents.set(child, node.id);
	const samples = profile.samples ?? [];
	const msPerSample =
		samples.length > 0 ? (profile.endTime - profile.startTime) / 1000 / samples.length : 0;
	const totals = new Map<string, number>();
	const add = (name: string) => totals.set(name, (totals.get(name) ?? 0) + msPerSample);
	for (const id of samples) {
		const sampled = byId.get(id);
		if (!sampled || sampled.callFrame.functionName === '(idle)') continue;
		let activity: string | undefined;
		for (let at: number | undefined = id; at !== undefined && !activity; at = parents.get(at)) {
			const frame = (byId.get(at) as ProfileNode).callFrame;
			activity = ACTIVITIES.find((candidate) => candidate.matches(frame))?.name;
		}
		const group = codeGroup(sampled.callFrame);
		if (activity) add(activity);
		else if (group === 'this package') add("this package's own code");
		else if (group === 'garbage collection') add('garbage collection');
		else if (group === 'Node internals') add("Node's internals (sockets, answers arriving)");
		else add('the rest (n8n engine, harness, ...)');
	}
	return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

/** Writes the profile (open it in Chrome DevTools) and prints the groups and the top functions by self time. */
export function reportProfile(
	label: string,
	profile: CpuProfile,
	file: string,
	items: number,
	top = 15,
): void {
	writeFileSync(file, JSON.stringify(profile));
	const { functions, totalMs } = selfTimes(profile);
	const groups = new Map<string, number>();
	for (const entry of functions) groups.set(entry.group, (groups.get(entry.group) ?? 0) + entry.ms);
	const share = (ms: number) => `${fixed((100 * ms) / totalMs, 1)}%`;
	console.log(`\nCPU profile, ${label}: ${fixed(totalMs, 0)} ms busy (written to ${file})\n`);
	console.log(
		table(
			['code', 'self ms', 'share'],
			[...groups]
				.sort((a, b) => b[1] - a[1])
				.map(([group, ms]) => [group, fixed(ms, 0), share(ms)]),
		),
	);
	console.log(`\nper item, by activity\n`);
	console.log(
		table(
			['activity', 'µs per item', 'share'],
			activityTimes(profile).map(({ name, ms }) => [
				name,
				fixed((ms * 1000) / items, 0),
				share(ms),
			]),
		),
	);
	console.log(`\ntop ${top} functions by self time\n`);
	console.log(
		table(
			['function', 'code', 'where', 'self ms', 'share'],
			functions
				.slice(0, top)
				.map((entry) => [
					entry.name,
					entry.group,
					entry.where,
					fixed(entry.ms, 0),
					share(entry.ms),
				]),
		),
	);
}
