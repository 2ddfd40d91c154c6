import type { IExecuteFunctions, INode, INodeParameters } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

/** What `getNodeParameter` is asked besides the name and the item. */
export interface ParameterOptions {
	/** A resource locator's ID rather than the locator (n8n's `extractValue`). */
	extractValue?: boolean;
}

/** How the shared executor reads one item's parameter: n8n's `getNodeParameter`, or its answer kept. */
export interface ParameterReader {
	get(name: string, itemIndex: number, fallback?: unknown, options?: ParameterOptions): unknown;
}

/** n8n's `getNodeParameter` for every item and every parameter. */
export function eachItemParameters(context: IExecuteFunctions): ParameterReader {
	return {
		get: (name, itemIndex, fallback, options) =>
			context.getNodeParameter(name, itemIndex, fallback as never, options),
	};
}

/** Whether a parameter's stored value has an expression anywhere: n8n marks one with a leading "=". */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (typeof value === 'object' && value !== null)
		return Object.values(value).some(holdsExpression);
	return false;
}

/** A name n8n looks up as one key (a dotted name is a path into a collection). */
const PLAIN_NAME = /^\w+$/;

/**
 * The node's parameters as one execution reads them. A parameter stored without an expression resolves
 * to the same value for every item, so n8n resolves it once, for the first item that asks, and every
 * later item gets a copy of that answer (n8n's own checks, defaults and `extractValue` included). A
 * parameter with an expression is resolved by n8n for each item. A failure is never kept: the next
 * item asks n8n again and gets its own error.
 */
export class ExecutionParameters implements ParameterReader {
	/** The node as n8n runs it; `getNode()` copies the whole node on every call. */
	readonly node: INode;
	private readonly stored: INodeParameters;
	private readonly sameForEveryItem = new Map<string, { value: unknown }>();
	/** Whether a parameter resolves the same for every item, by name, decided on its first read. */
	private readonly constant = new Map<string, boolean>();

	constructor(private readonly context: IExecuteFunctions) {
		this.node = context.getNode();
		this.stored = this.node.parameters;
	}

	get(name: string, itemIndex: number, fallback?: unknown, options?: ParameterOptions): unknown {
		const key = options?.extractValue ? `${name}:value` : name;
		const kept = this.sameForEveryItem.get(key);
		if (kept) return copyOf(kept.value);
		const value = this.context.getNodeParameter(name, itemIndex, fallback as never, options);
		if (this.isSameForEveryItem(name)) this.sameForEveryItem.set(key, { value: copyOf(value) });
		return value;
	}

	private isSameForEveryItem(name: string): boolean {
		let constant = this.constant.get(name);
		if (constant === undefined) {
			// A parameter that is not stored resolves to the fallback, which callers may give differently.
			const stored = PLAIN_NAME.test(name) ? this.stored[name] : undefined;
			constant = stored !== undefined && !holdsExpression(stored);
			this.constant.set(name, constant);
		}
		return constant;
	}
}

/** n8n hands out a new object on every read; so does the kept answer, so no item changes another's. */
function copyOf(value: unknown): unknown {
	return typeof value === 'object' && value !== null ? deepCopy(value) : value;
}
