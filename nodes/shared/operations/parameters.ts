import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';
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
 * The expression n8n writes when a user drags an input field onto a parameter: `{{ $json.key }}`, or
 * `{{ $json["key"] }}` for a key that is no identifier. Group 1 or 3 is the key.
 */
const ITEM_FIELD = /^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(["'])([^"'\\]*)\2\s*\])\s*\}\}$/;

/**
 * The key whose item value a stored parameter resolves to, if it is only `{{ $json.key }}`: as text, or as
 * the ID of a resource locator (stored as a locator in its By ID or From List mode, or as a plain value
 * as saved before the field offered a list). n8n's `extractValue` takes those as they are; only By URL
 * extracts (`fieldProperties.ts`), and the executor asks it of resource locators only (`values.ts`).
 */
export function itemFieldOf(stored: unknown, options?: ParameterOptions): string | undefined {
	let expression = stored;
	const locator = stored as { __rl?: boolean; mode?: string; value?: unknown } | null;
	if (options?.extractValue && typeof locator === 'object' && locator !== null) {
		const byValue = locator.__rl && (locator.mode === 'id' || locator.mode === 'list');
		expression = byValue ? locator.value : undefined;
	}
	const match = typeof expression === 'string' ? ITEM_FIELD.exec(expression) : null;
	return match ? (match[1] ?? match[3]) : undefined;
}

/** What n8n's expression gives unchanged and a reader cannot change: text, a number, a boolean. */
function isPlainValue(value: unknown): value is string | number | boolean {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * The node's parameters as one execution reads them. A parameter stored without an expression resolves
 * to the same value for every item, so n8n resolves it once, for the first item that asks, and every
 * later item gets a copy of that answer (n8n's own checks, defaults and `extractValue` included). A
 * parameter that is only `{{ $json.key }}` is the item's own value under that key when that is text, a
 * number or a boolean: read from the item, as n8n's expression would give it, without setting up n8n's
 * expression context for each item (about a third of an item's cost: BENCHMARKS.md, benchmark 1). Any
 * other expression, or another value, is resolved by n8n for each item. A failure is never kept: the
 * next item asks n8n again and gets its own error.
 */
export class ExecutionParameters implements ParameterReader {
	/** The node as n8n runs it; `getNode()` copies the whole node on every call. */
	readonly node: INode;
	private readonly stored: INodeParameters;
	private readonly sameForEveryItem = new Map<string, { value: unknown }>();
	/** How each parameter is read, by the `get` key, decided on its first read from what is stored. */
	private readonly readings = new Map<string, Reading>();
	/** The items n8n resolves `$json` in: the node's input. */
	private readonly items: INodeExecutionData[];

	constructor(private readonly context: IExecuteFunctions) {
		this.node = context.getNode();
		this.stored = this.node.parameters;
		this.items = context.getInputData();
	}

	get(name: string, itemIndex: number, fallback?: unknown, options?: ParameterOptions): unknown {
		const key = options?.extractValue ? `${name}:value` : name;
		const kept = this.sameForEveryItem.get(key);
		if (kept) return copyOf(kept.value);
		const reading = this.readingOf(key, name, options);
		if (reading.from === 'item') {
			const fromItem = this.itemValue(reading.field, itemIndex);
			if (fromItem !== undefined) return fromItem;
		}
		const value = this.context.getNodeParameter(name, itemIndex, fallback as never, options);
		if (reading.from === 'once') this.sameForEveryItem.set(key, { value: copyOf(value) });
		return value;
	}

	private readingOf(key: string, name: string, options?: ParameterOptions): Reading {
		let reading = this.readings.get(key);
		if (reading === undefined) {
			// A parameter that is not stored resolves to the fallback, which callers may give differently.
			const stored = PLAIN_NAME.test(name) ? this.stored[name] : undefined;
			const field = itemFieldOf(stored, options);
			if (stored !== undefined && !holdsExpression(stored)) reading = { from: 'once' };
			else if (field !== undefined) reading = { from: 'item', field };
			else reading = { from: 'eachItem' };
			this.readings.set(key, reading);
		}
		return reading;
	}

	/** The item's own text, number or boolean under `field`, else undefined (n8n resolves it). */
	private itemValue(field: string, itemIndex: number): string | number | boolean | undefined {
		const json: IDataObject | undefined = this.items[itemIndex]?.json;
		if (!json || !Object.prototype.hasOwnProperty.call(json, field)) return undefined;
		const value = json[field];
		return isPlainValue(value) ? value : undefined;
	}
}

/**
 * How `ExecutionParameters` reads a parameter: by n8n once (no expression), from the item (only
 * `{{ $json.key }}`), or by n8n for each item.
 */
type Reading = { from: 'once' } | { from: 'item'; field: string } | { from: 'eachItem' };

/** n8n hands out a new object on every read; so does the kept answer, so no item changes another's. */
function copyOf(value: unknown): unknown {
	return typeof value === 'object' && value !== null ? deepCopy(value) : value;
}
