import type { FieldSpec, OperationSpec } from '../../nodes/shared/operations';
import { fieldLocation, onTimeoutOf, resolveOperation } from '../../nodes/shared/operations';

const text = (name: string, more: Partial<FieldSpec> = {}): FieldSpec => ({
	displayName: name,
	name,
	type: 'string',
	...more,
});

const base = { resource: 'thing', name: 'Do', action: 'Do a thing', description: 'Does a thing' };

const read: OperationSpec = {
	...base,
	operation: 'get',
	method: 'GET',
	path: 'things/{thingId}',
	fields: [text('thingId'), text('colour'), text('secretOnly', { in: 'none' })],
};
const write: OperationSpec = {
	...base,
	operation: 'create',
	method: 'POST',
	path: 'things',
	onTimeout: 'fail',
	fields: [text('colour'), text('filter', { in: 'query' })],
};
const ownPut: OperationSpec = {
	...base,
	operation: 'send',
	method: 'PUT',
	path: 'things/{thingId}/messages',
	fields: [text('thingId')],
	run: async () => [],
};

describe('The operation table: where a value travels', () => {
	test('a field named in the path goes into the path', () => {
		expect(fieldLocation(read, text('thingId'))).toBe('path');
		expect(fieldLocation(ownPut, text('thingId'))).toBe('path');
	});

	test('other fields go into the query of a read and into the body of a write', () => {
		expect(fieldLocation(read, text('colour'))).toBe('query');
		expect(fieldLocation({ ...read, method: 'DELETE' }, text('colour'))).toBe('query');
		expect(fieldLocation(write, text('colour'))).toBe('body');
	});

	test('a field that says where it travels goes there', () => {
		expect(fieldLocation(write, text('filter', { in: 'query' }))).toBe('query');
		expect(fieldLocation(read, text('secretOnly', { in: 'none' }))).toBe('none');
	});

	test('resolving an operation fills in every field once, the table itself unchanged', () => {
		const resolved = resolveOperation(read);
		expect(resolved.fields.map((field) => [field.name, field.in])).toEqual([
			['thingId', 'path'],
			['colour', 'query'],
			['secretOnly', 'none'],
		]);
		expect(resolveOperation(read)).toBe(resolved);
		expect(read.fields?.[1].in).toBeUndefined();
	});
});

describe('The operation table: whether a request whose outcome is unknown is repeated', () => {
	test('reads are retried unless they say otherwise', () => {
		expect(onTimeoutOf(read)).toBe('retry');
		expect(onTimeoutOf({ ...read, method: 'DELETE' })).toBe('retry');
		expect(onTimeoutOf({ ...read, onTimeout: 'fail' })).toBe('fail');
	});

	test('a write says it, and an operation of its own that does not say is never repeated', () => {
		expect(onTimeoutOf(write)).toBe('fail');
		expect(onTimeoutOf({ ...write, onTimeout: 'retry' })).toBe('retry');
		expect(onTimeoutOf(ownPut)).toBe('fail');
		expect(resolveOperation(ownPut).onTimeout).toBe('fail');
	});
});
