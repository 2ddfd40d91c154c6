import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invalidInput } from '../errors';
import { isObject } from '../provider';
import { isDotSegment } from '../request';
import type { ParameterReader } from './parameters';
import type { ResolvedOperation } from './table';
import { isOwnParameter, optionalFieldsCollection } from './table';
import type { FieldSpec } from './types';

export { invalidInput };

/** Makes the error for what is wrong with one value. */
type Fail = (problem: string) => NodeOperationError;

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

/** A collection with nothing added, or a fixed collection without rows. */
function isEmptyGroup(field: FieldSpec, value: unknown): boolean {
	if (field.type !== 'collection' && field.type !== 'fixedCollection') return false;
	return Array.isArray(value)
		? value.length === 0
		: isObject(value) && Object.keys(value).length === 0;
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

/** Checks one value against its field; returns undefined for an empty optional value. */
function checkValue(field: FieldSpec, raw: unknown, fail: Fail): unknown {
	if (isEmpty(raw)) {
		if (field.required) throw fail('is required but empty');
		return undefined;
	}
	const value = typedValue(field, raw, fail);
	if (isEmptyGroup(field, value)) {
		if (field.required) throw fail('is required but empty');
		return undefined;
	}
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

function checkedNumber(field: FieldSpec, value: unknown, fail: Fail): number {
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (typeof value === 'boolean' || !Number.isFinite(number))
		throw fail(`must be a number, got ${JSON.stringify(value)}`);
	if (field.integer && !Number.isInteger(number))
		throw fail(`must be a whole number, got ${number}`);
	if (field.min !== undefined && number < field.min)
		throw fail(`must be at least ${field.min}, got ${number}`);
	return number;
}

function checkedText(raw: unknown, fail: Fail): string {
	if (typeof raw === 'object') throw fail(`must be text, got ${JSON.stringify(raw)}`);
	// A number is text enough ("42"); true or false is almost always the wrong expression.
	if (typeof raw === 'boolean') throw fail(`must be text, got ${raw}`);
	return typeof raw === 'string' ? raw.trim() : String(raw);
}

/** A value of a fixed dropdown must be one of its options; a dropdown filled from the API takes any. */
function checkedOption(field: FieldSpec, raw: unknown, fail: Fail): unknown {
	const allowed = field.options?.map((option) => option.value);
	if (allowed && allowed.length > 0 && !allowed.includes(raw as string))
		throw fail(`must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
	return raw;
}

/** The fields of a collection, or of one row of a fixed collection, checked; empty ones left out. */
function checkedGroup(fields: FieldSpec[], raw: unknown, fail: Fail): IDataObject {
	if (!isObject(raw)) throw fail(`must be a set of fields, got ${JSON.stringify(raw)}`);
	const values: IDataObject = {};
	for (const field of fields) {
		const value = checkValue(field, raw[field.name], (problem) =>
			fail(`"${field.displayName}" ${problem}`),
		);
		if (value !== undefined) values[field.name] = value as IDataObject[string];
	}
	return values;
}

/** The rows of a fixed collection (`{ <row name>: rows }` in n8n), each checked. */
function checkedRows(field: FieldSpec, raw: unknown, fail: Fail): IDataObject | IDataObject[] {
	if (!isObject(raw)) throw fail(`must be a set of rows, got ${JSON.stringify(raw)}`);
	const fields = field.fields ?? [];
	const rows = raw[field.row?.name ?? ''];
	if (!field.multipleValues) return rows === undefined ? {} : checkedGroup(fields, rows, fail);
	const list = rows === undefined ? [] : Array.isArray(rows) ? rows : [rows];
	return list.map((row, index) =>
		checkedGroup(fields, row, (problem) => fail(`row ${index + 1}: ${problem}`)),
	);
}

function typedValue(field: FieldSpec, raw: unknown, fail: Fail): unknown {
	switch (field.type) {
		case 'number':
			return checkedNumber(field, raw, fail);
		case 'boolean':
			if (typeof raw === 'boolean') return raw;
			if (raw === 'true' || raw === 'false') return raw === 'true';
			throw fail(`must be true or false, got ${JSON.stringify(raw)}`);
		case 'numberList':
			return listFrom(raw).map((entry) => checkedNumber(field, entry, fail));
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
		case 'options':
			return checkedOption(field, raw, fail);
		case 'multiOptions':
			return listFrom(raw).map((entry) => checkedOption(field, entry, fail));
		case 'dateTime':
			if (Number.isNaN(new Date(String(raw)).getTime()))
				throw fail(`is not a date and time, got ${JSON.stringify(raw)}`);
			return String(raw);
		case 'collection':
			return checkedGroup(field.fields ?? [], raw, (problem) => fail(`option ${problem}`));
		case 'fixedCollection':
			return checkedRows(field, raw, fail);
		case 'resourceLocator':
		case 'string':
		default:
			return checkedText(raw, fail);
	}
}

/** The By ID patterns of the tables, each compiled once. */
const idPatterns = new Map<string, RegExp>();

function idPattern(regex: string): RegExp {
	let pattern = idPatterns.get(regex);
	if (!pattern) {
		pattern = new RegExp(regex);
		idPatterns.set(regex, pattern);
	}
	return pattern;
}

/** By ID (or a plain value, as saved before the field offered a list): the ID must look like one. */
function locatorProblem(field: FieldSpec, locator: unknown, id: unknown): string | undefined {
	const rule = field.modes?.id;
	if (!rule?.regex || typeof id !== 'string' || id === '') return undefined;
	const mode = isObject(locator) ? locator.mode : 'id';
	if (mode !== 'id' || idPattern(rule.regex).test(id)) return undefined;
	return `is not a valid ID${rule.errorMessage ? `: ${rule.errorMessage}` : ''}, got ${JSON.stringify(id)}`;
}

/** A parameter of its own; a resource locator's ID is taken out with n8n's `extractValue`. */
function ownParameter(parameters: ParameterReader, itemIndex: number, field: FieldSpec): unknown {
	const fallback = field.required ? undefined : field.default;
	if (field.type !== 'resourceLocator') return parameters.get(field.name, itemIndex, fallback);
	return parameters.get(field.name, itemIndex, fallback, { extractValue: true });
}

function shown(parameters: ParameterReader, itemIndex: number, field: FieldSpec): boolean {
	return Object.entries(field.showWhen ?? {}).every(([name, accepted]) =>
		accepted.includes(parameters.get(name, itemIndex) as string | number | boolean),
	);
}

/** The collection an operation's optional fields are read from, or undefined when it has none. */
const optionalFieldsOf = new WeakMap<ResolvedOperation, string | undefined>();

function optionalFieldsIn(operation: ResolvedOperation): string | undefined {
	if (!optionalFieldsOf.has(operation))
		optionalFieldsOf.set(
			operation,
			operation.fields.some((field) => !isOwnParameter(field))
				? optionalFieldsCollection(operation)
				: undefined,
		);
	return optionalFieldsOf.get(operation);
}

/** Reads and checks every field of an operation for one item. */
export function readFieldValues(
	context: IExecuteFunctions,
	parameters: ParameterReader,
	operation: ResolvedOperation,
	itemIndex: number,
): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	const collectionName = optionalFieldsIn(operation);
	const collection = collectionName
		? (parameters.get(collectionName, itemIndex, {}) as IDataObject)
		: {};
	for (const field of operation.fields) {
		const fail: Fail = (problem) => invalidInput(context, itemIndex, field.displayName, problem);
		let raw: unknown;
		if (isOwnParameter(field)) {
			if (field.showWhen && !shown(parameters, itemIndex, field)) continue;
			raw = ownParameter(parameters, itemIndex, field);
		} else {
			raw = isObject(collection) ? collection[field.name] : undefined;
		}
		const value = checkValue(field, raw, fail);
		if (field.type === 'resourceLocator') {
			const problem = locatorProblem(
				field,
				parameters.get(field.name, itemIndex, undefined),
				value,
			);
			if (problem) throw fail(problem);
		}
		if (field.in === 'path' && isDotSegment(value))
			throw fail(
				`cannot be "${value as string}": in the request path it would address another resource`,
			);
		if (value !== undefined) values[field.name] = value;
	}
	return values;
}
