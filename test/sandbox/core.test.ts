import { parseBody } from '../../sandbox/core/body';
import { faultFromJson } from '../../sandbox/core/faults';
import { RouteTable } from '../../sandbox/core/router';

describe('sandbox body parsing', () => {
	const parse = (text: string, contentType?: string) => parseBody(Buffer.from(text), contentType);

	it('parses JSON under any JSON-ish content type, or when the body looks like JSON', () => {
		expect(parse('{"a":1}', 'application/json; charset=utf-8')).toEqual({ a: 1 });
		expect(parse('[1,2]', 'application/vnd.api+json')).toEqual([1, 2]);
		expect(parse('{"a":1}', 'text/plain')).toEqual({ a: 1 });
		expect(parse(' {"a":1}')).toEqual({ a: 1 });
	});

	it('parses form bodies, repeated and name[] keys as arrays, also under a JSON content type', () => {
		expect(parse('a=1&b=x%20y', 'application/x-www-form-urlencoded')).toEqual({ a: '1', b: 'x y' });
		expect(parse('ids=1&ids=2&tags[]=t', 'application/x-www-form-urlencoded')).toEqual({
			ids: ['1', '2'],
			tags: ['t'],
		});
		expect(parse('grant_type=refresh_token&client_id=maker', 'application/json')).toEqual({
			grant_type: 'refresh_token',
			client_id: 'maker',
		});
	});

	it('leaves raw bytes, empty and unparsable bodies as undefined', () => {
		expect(parse('', 'application/json')).toBeUndefined();
		expect(parse('%PDF-1.4', 'application/octet-stream')).toBeUndefined();
		expect(parse('{"broken', 'application/json')).toBeUndefined();
	});
});

describe('sandbox route table', () => {
	const table = new RouteTable()
		.add('GET', '/devices/:deviceId', () => ({ status: 200, body: 'device' }))
		.add('GET', '/devices/tags', () => ({ status: 200, body: 'tags' }));

	it('decodes path parameters and prefers literal segments', () => {
		const device = table.match('GET', '/devices/a%20b');
		expect(device).toMatchObject({ kind: 'found', params: { deviceId: 'a b' } });
		const tags = table.match('GET', '/devices/tags');
		expect(tags.kind === 'found' && tags.params).toEqual({});
	});

	it('tells an unknown path from a known path with another method', () => {
		expect(table.match('GET', '/nothing').kind).toBe('notFound');
		expect(table.match('DELETE', '/devices/1').kind).toBe('methodNotAllowed');
	});
});

describe('fault JSON from the control endpoint', () => {
	it('turns a "/.../" match path into a regex and keeps a plain one as a substring', () => {
		expect(
			faultFromJson({ type: 'malformedJson', match: { path: '/^\\/api\\/1\\/plans$/' } }).match
				?.path,
		).toEqual(/^\/api\/1\/plans$/);
		expect(faultFromJson({ type: 'malformedJson', match: { path: '/plans' } }).match?.path).toBe(
			'/plans',
		);
	});

	it('refuses incomplete faults', () => {
		expect(() => faultFromJson({ type: 'drop' })).toThrow('beforeHandling or afterHandling');
		expect(() => faultFromJson({ type: 'status' })).toThrow('needs status');
		expect(() => faultFromJson({ type: 'latency', ms: 1, times: 0 })).toThrow('positive integer');
	});
});
