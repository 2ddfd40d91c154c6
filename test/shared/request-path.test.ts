import { pathWith } from '../../nodes/shared/request';

describe('pathWith', () => {
	test('encodes each value as one path segment', () => {
		expect(pathWith('/asset/{id}/state', { id: '../x?y#z' })).toBe('/asset/..%2Fx%3Fy%23z/state');
		expect(pathWith('groups/{key}', { key: '...' })).toBe('groups/...');
	});

	// The safety net behind readFieldValues: URL resolution would drop "." and go up a level for "..".
	test.each(['.', '..'])('refuses the dot segment %p, which no encoding keeps in place', (id) => {
		expect(() => pathWith('/asset/{id}/state', { id })).toThrow(
			`The path segment "id" cannot be "${id}": it would change the request path`,
		);
	});
});
