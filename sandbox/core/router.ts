import type { EmulatorResponse, RecordedRequest } from './types';

export type RouteParams = Record<string, string>;
export type RouteHandler = (
	request: RecordedRequest,
	params: RouteParams,
) => EmulatorResponse | Promise<EmulatorResponse>;

interface Route {
	method: string;
	segments: string[];
	handler: RouteHandler;
}

export type RouteMatch =
	| { kind: 'found'; handler: RouteHandler; params: RouteParams }
	| { kind: 'methodNotAllowed' }
	| { kind: 'notFound' };

function splitPath(path: string): string[] {
	return path.split('/').filter((segment) => segment !== '');
}

/** Patterns like '/devices/:deviceId/link'; a literal segment wins over a parameter whatever the order. */
export class RouteTable {
	private readonly routes: Route[] = [];

	add(method: string, pattern: string, handler: RouteHandler): this {
		this.routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
		return this;
	}

	match(method: string, pathname: string): RouteMatch {
		const segments = splitPath(pathname);
		let best: { route: Route; params: RouteParams; literals: number } | undefined;
		let pathMatched = false;
		for (const route of this.routes) {
			const params = matchSegments(route.segments, segments);
			if (!params) continue;
			pathMatched = true;
			if (route.method !== method.toUpperCase()) continue;
			const literals = route.segments.filter((segment) => !segment.startsWith(':')).length;
			if (!best || literals > best.literals) best = { route, params, literals };
		}
		if (best) return { kind: 'found', handler: best.route.handler, params: best.params };
		return { kind: pathMatched ? 'methodNotAllowed' : 'notFound' };
	}
}

function matchSegments(pattern: string[], actual: string[]): RouteParams | undefined {
	if (pattern.length !== actual.length) return undefined;
	const params: RouteParams = {};
	for (let index = 0; index < pattern.length; index++) {
		const expected = pattern[index];
		if (expected.startsWith(':')) {
			try {
				params[expected.slice(1)] = decodeURIComponent(actual[index]);
			} catch {
				return undefined;
			}
		} else if (expected !== actual[index]) {
			return undefined;
		}
	}
	return params;
}
