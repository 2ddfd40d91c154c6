export interface FaultMatch {
	method?: string;
	/** Substring of, or regular expression on, the request pathname. */
	path?: string | RegExp;
}

interface FaultScope {
	/** How many matching requests the fault affects; unlimited when absent. */
	times?: number;
	match?: FaultMatch;
}

export type Fault = FaultScope &
	(
		| { type: 'latency'; ms: number }
		| {
				type: 'status';
				status: number;
				retryAfter?: number | string;
				body?: string;
				contentType?: string;
		  }
		| { type: 'drop'; when: 'beforeHandling' | 'afterHandling' }
		| { type: 'malformedJson' }
		| { type: 'htmlError'; status?: number }
		| { type: 'emptyBody'; status?: number }
	);

interface QueuedFault {
	fault: Fault;
	remaining: number;
}

/** Faults queue in order; the first one matching a request, with uses left, applies to it. */
export class FaultQueue {
	private queued: QueuedFault[] = [];

	inject(fault: Fault): void {
		this.queued.push({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
	}

	clear(): void {
		this.queued = [];
	}

	get pending(): Fault[] {
		return this.queued.map((entry) => entry.fault);
	}

	/** Returns the fault for this request and uses it up once. */
	take(method: string, pathname: string): Fault | undefined {
		const entry = this.queued.find(
			(candidate) => candidate.remaining > 0 && matches(candidate.fault.match, method, pathname),
		);
		if (!entry) return undefined;
		entry.remaining--;
		if (entry.remaining <= 0) this.queued = this.queued.filter((candidate) => candidate !== entry);
		return entry.fault;
	}
}

function matches(match: FaultMatch | undefined, method: string, pathname: string): boolean {
	if (!match) return true;
	if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
	if (match.path === undefined) return true;
	return typeof match.path === 'string' ? pathname.includes(match.path) : match.path.test(pathname);
}

const faultTypes = ['latency', 'status', 'drop', 'malformedJson', 'htmlError', 'emptyBody'];

/** Turns the JSON posted to `/__sandbox/faults` into a Fault; a `match.path` written as `/.../` is a regex. */
export function faultFromJson(input: unknown): Fault {
	if (typeof input !== 'object' || input === null) throw new Error('A fault must be a JSON object');
	const raw = input as Record<string, unknown>;
	if (typeof raw.type !== 'string' || !faultTypes.includes(raw.type)) {
		throw new Error(`Fault type must be one of ${faultTypes.join(', ')}`);
	}
	if (raw.times !== undefined && (!Number.isInteger(raw.times) || (raw.times as number) < 1)) {
		throw new Error('Fault times must be a positive integer');
	}
	if (raw.type === 'latency' && typeof raw.ms !== 'number')
		throw new Error('A latency fault needs ms');
	if (raw.type === 'status' && !Number.isInteger(raw.status))
		throw new Error('A status fault needs status');
	if (raw.type === 'drop' && raw.when !== 'beforeHandling' && raw.when !== 'afterHandling') {
		throw new Error('A drop fault needs when: beforeHandling or afterHandling');
	}
	const fault = { ...raw } as unknown as Fault;
	const match = raw.match as Record<string, unknown> | undefined;
	if (match !== undefined) {
		if (typeof match !== 'object' || match === null)
			throw new Error('Fault match must be an object');
		const path = match.path;
		const isRegex =
			typeof path === 'string' && path.length >= 2 && path.startsWith('/') && path.endsWith('/');
		fault.match = {
			method: typeof match.method === 'string' ? match.method : undefined,
			path: isRegex ? new RegExp(path.slice(1, -1)) : typeof path === 'string' ? path : undefined,
		};
	}
	return fault;
}

/** For `GET /__sandbox/faults`-style output: regexes do not survive JSON.stringify. */
export function faultToJson(fault: Fault): unknown {
	const path = fault.match?.path;
	if (!(path instanceof RegExp)) return fault;
	return { ...fault, match: { ...fault.match, path: `/${path.source}/` } };
}
