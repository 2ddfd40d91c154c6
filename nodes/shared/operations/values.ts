import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isObject } from '../provider';
import { isDotSegment } from '../request';
import { optionalFieldsCollection } from './properties';
import type { FieldSpec, OperationSpec } from './types';

/** A bad value: the message names the item (as n8n numbers them, from 0) and the field. */
export function invalidInput(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `Item ${itemIndex}: "${field}" ${problem}`, {
		itemIndex,
		description: `Check the "${field}" parameter, or the expression that fills it, for item ${itemIndex}.`,
	});
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

function listFrom(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value === 'string')
		return value
			.split(',')
			.map((entry) => entry.trim())
			.filter((entry) => entry !== '');
	return [value];
}

/** Reads one field and checks it against its type; returns undefined for an empty optional field. */
function checkedValue(
	context: IExecuteFunctions,
	itemIndex: number,
	field: FieldSpec,
	raw: unknown,
): unknown {
	const fail = (problem: string) => invalidInput(context, itemIndex, field.displayName, problem);
	if (isEmpty(raw)) {
		if (field.required) throw fail('is required but empty');
		return undefined;
	}
	const checkNumber = (value: unknown): number => {
		const number = typeof value === 'number' ? value : Number(String(value).trim());
		if (typeof value === 'boolean' || !Number.isFinite(number))
			throw fail(`must be a number, got ${JSON.stringify(value)}`);
		if (field.integer && !Number.isInteger(number))
			throw fail(`must be a whole number, got ${number}`);
		if (field.min !== undefined && number < field.min)
			throw fail(`must be at least ${field.min}, got ${number}`);
		return number;
	};
	const value = typedValue(field, raw, fail, checkNumber);
	const tooLong = lengthProblem(field, value);
	if (tooLong) throw fail(tooLong);
	const problem = field.validate?.(value);
	if (problem) throw fail(problem);
	return value;
}

/** What is wrong with a value longer than the field's `maxLength`, or undefined. */
function lengthProblem(field: FieldSpec, value: unknown): string | undefined {
	if (field.maxLength === undefined) return undefined;
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	if (text === undefined) return undefined;
	const bytes = field.lengthUnit === 'bytes';
	// Characters are counted as code points, so an emoji counts once, as SMS providers count it.
	const length = bytes ? Buffer.byteLength(text, 'utf8') : [...text].length;
	if (length <= field.maxLength) return undefined;
	const unit = bytes ? 'bytes' : 'characters';
	return `is too long: ${length} ${unit}, at most ${field.maxLength} ${unit} are accepted`;
}

function typedValue(
	field: FieldSpec,
	raw: unknown,
	fail: (problem: string) => NodeOperationError,
	checkNumber: (value: unknown) => number,
): unknown {
	switch (field.type) {
		case 'number':
			return checkNumber(raw);
		case 'boolean':
			if (typeof raw === 'boolean') return raw;
			if (raw === 'true' || raw === 'false') return raw === 'true';
			throw fail(`must be true or false, got ${JSON.stringify(raw)}`);
		case 'numberList':
			return listFrom(raw).map(checkNumber);
		case 'stringList':
			return listFrom(raw).map((entry) => {
				if (typeof entry === 'object')
					throw fail(`must be a list of texts, got ${JSON.stringify(entry)}`);
				return String(entry).trim();
			});
		case 'json':
			if (typeof raw !== 'string') return raw;
			try {
				return JSON.parse(raw) as unknown;
			} catch (error) {
				throw fail(`is not valid JSON (${(error as Error).message})`);
			}
		case 'options': {
			const allowed = field.options?.map((option) => option.value);
			if (allowed && allowed.length > 0 && !allowed.includes(raw as string)) {
				throw fail(`must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
			}
			return raw;
		}
		case 'dateTime':
			if (Number.isNaN(new Date(String(raw)).getTime()))
				throw fail(`is not a date and time, got ${JSON.stringify(raw)}`);
			return String(raw);
		case 'string':
		default:
			if (typeof raw === 'object') throw fail(`must be text, got ${JSON.stringify(raw)}`);
			// A number is text enough ("42"); true or false is almost always the wrong expression.
			if (typeof raw === 'boolean') throw fail(`must be text, got ${raw}`);
			return typeof raw === 'string' ? raw.trim() : String(raw);
	}
}

/** Reads and checks every field of an operation for one item. */
export function readFieldValues(
	context: IExecuteFunctions,
	operation: OperationSpec,
	itemIndex: number,
): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	const fields = operation.fields ?? [];
	const collectionName = optionalFieldsCollection(operation);
	const collection = fields.some((field) => !field.required && !field.showWhen)
		? (context.getNodeParameter(collectionName, itemIndex, {}) as IDataObject)
		: {};
	for (const field of fields) {
		let raw: unknown;
		if (field.required || field.showWhen) {
			if (field.showWhen && !shown(context, itemIndex, field)) continue;
			raw = context.getNodeParameter(
				field.name,
				itemIndex,
				field.required ? undefined : field.default,
			);
		} else {
			raw = isObject(collection) ? collection[field.name] : undefined;
		}
		const value = checkedValue(context, itemIndex, field, raw);
		if (isPathField(operation, field) && isDotSegment(value)) {
			throw invalidInput(
				context,
				itemIndex,
				field.displayName,
				`cannot be "${value as string}": in the request path it would address another resource`,
			);
		}
		if (value !== undefined) values[field.name] = value;
	}
	return values;
}

/** A field whose value becomes a segment of the request path. */
function isPathField(operation: OperationSpec, field: FieldSpec): boolean {
	return (
		field.in === 'path' || (field.in === undefined && operation.path.includes(`{${field.name}}`))
	);
}

function shown(context: IExecuteFunctions, itemIndex: number, field: FieldSpec): boolean {
	return Object.entries(field.showWhen ?? {}).every(([name, accepted]) =>
		accepted.includes(context.getNodeParameter(name, itemIndex) as string | number | boolean),
	);
}
