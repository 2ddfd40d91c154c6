/**
 * The hostile-request corpus of a trigger whose provider posts JSON with Basic auth (Syniverse SCG's
 * Event Manager, Vumi Go's pushes). Every request either lacks the right secret (401 expected) or
 * carries it with a body, method or content type the provider never sends (another 4xx expected).
 */
import type { CorpusRequest } from './corpus';
import {
	CONTENT_TYPES,
	REMOVE,
	Random,
	lookalikes,
	nestedArrays,
	nestedObjects,
	truncations,
	withRawMember,
	withValue,
} from './corpus';

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'null' | 'array';

export interface JsonTriggerWire {
	/** Valid callbacks the corpus is made from (a fresh ID each makes them a new event). */
	valid: Array<Record<string, unknown>>;
	/** Documented fields of `valid[0]`, by path, with the JSON types the provider sends. */
	fields: Array<{ path: string[]; types: JsonType[]; required?: boolean }>;
	/** Fields that must not be empty texts (the event's ID). */
	idFields: string[][];
	/** Fields whose text says what the callback is (event type): lookalike texts go there. */
	kindFields: string[][];
	/** Objects whose members are free: deep nesting and prototype keys are hidden there. */
	openObjects: string[][];
	/** A text field that may be long (the message body): huge strings go there. */
	textField: string[];
	/** The Basic auth the trigger expects. */
	user: string;
	password: string;
}

/** Candidate values for the wrong-type variants, by their JSON type. */
const TYPED_VALUES: Array<[JsonType, unknown]> = [
	['string', 'text'],
	['integer', 7],
	['number', 2.5],
	['boolean', true],
	['null', null],
	['array', []],
	['array', ['x']],
	['object', {}],
	['object', { key: 'value' }],
];

function fits(type: JsonType, allowed: JsonType[]): boolean {
	return allowed.includes(type) || (type === 'integer' && allowed.includes('number'));
}

function uniquePaths(paths: string[][]): string[][] {
	return [...new Map(paths.map((path) => [path.join('.'), path])).values()];
}

function basic(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** At least a thousand requests, the same ones for the same seed. */
export function jsonCorpus(wire: JsonTriggerWire, path: string, seed: number): CorpusRequest[] {
	const random = new Random(seed);
	const auth = basic(wire.user, wire.password);
	const corpus: CorpusRequest[] = [];
	const [base] = wire.valid;
	const json = (value: unknown) => Buffer.from(JSON.stringify(value));
	const refused = (
		group: string,
		name: string,
		body: Buffer | string,
		contentType = 'application/json',
		method = 'POST',
		requestPath = path,
	) => {
		const headers: Record<string, string> = { authorization: auth };
		if (contentType !== '') headers['content-type'] = contentType;
		corpus.push({
			group,
			name,
			method,
			path: requestPath,
			headers,
			body: Buffer.isBuffer(body) ? body : Buffer.from(body),
			expect: 'refused',
		});
	};

	// Secrets: missing, wrong, malformed, repeated, or somewhere else than the Authorization header.
	const unauthorized = (name: string, authorization?: string | string[], query = '') => {
		const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
		if (authorization !== undefined) headers.authorization = authorization;
		corpus.push({
			group: 'secrets',
			name,
			method: 'POST',
			path: `${path}${query}`,
			headers,
			body: json(base),
			expect: 'unauthorized',
		});
	};
	const { user, password } = wire;
	unauthorized('no Authorization header');
	unauthorized('empty Authorization header', '');
	unauthorized('Basic without credentials', 'Basic');
	unauthorized('Basic with a space only', 'Basic ');
	unauthorized('Basic with characters outside base64', 'Basic !!!***');
	unauthorized('Basic with credentials not base64-encoded', `Basic ${user}:${password}`);
	unauthorized(
		'base64 without a colon',
		`Basic ${Buffer.from(user + password).toString('base64')}`,
	);
	unauthorized('wrong password', basic(user, 'guessed-password'));
	unauthorized('empty password', basic(user, ''));
	unauthorized('wrong user', basic('admin', password));
	unauthorized('empty user', basic('', password));
	unauthorized('user and password swapped', basic(password, user));
	unauthorized('password missing its last character', basic(user, password.slice(0, -1)));
	unauthorized('password with one character more', basic(user, `${password}x`));
	unauthorized('password in upper case', basic(user, password.toUpperCase()));
	unauthorized('password with a colon and more after it', basic(user, `${password}:extra`));
	unauthorized('password with a trailing newline', basic(user, `${password}\n`));
	unauthorized(
		'password 8 kB long',
		basic(user, password.repeat(Math.ceil(8192 / password.length))),
	);
	for (const [variant, text] of lookalikes(password).filter(([, text]) => text !== password))
		unauthorized(`password with ${variant}`, basic(user, text));
	unauthorized('password as a Bearer token', `Bearer ${password}`);
	unauthorized('credentials under the Digest scheme', `Digest ${basic(user, password).slice(6)}`);
	unauthorized('right credentials twice', [auth, auth]);
	unauthorized('right then wrong credentials', [auth, basic(user, 'guessed')]);
	unauthorized('wrong then right credentials', [basic(user, 'guessed'), auth]);
	unauthorized(
		'password in the query string',
		undefined,
		`?password=${encodeURIComponent(password)}`,
	);
	unauthorized(
		'credentials in the query string',
		undefined,
		`?user=${encodeURIComponent(user)}&password=${encodeURIComponent(password)}`,
	);

	// Methods and paths the webhook is not registered for.
	for (const method of ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'])
		refused('wrong methods', method, json(base), 'application/json', method);
	refused(
		'wrong methods',
		'POST to a path one segment longer',
		json(base),
		undefined,
		'POST',
		`${path}/extra`,
	);
	refused(
		'wrong methods',
		'POST to the parent path',
		json(base),
		undefined,
		'POST',
		path.replace(/\/[^/]+$/, ''),
	);
	refused('wrong methods', 'POST with a dot segment', json(base), undefined, 'POST', `${path}/..`);

	// Random bytes under every content type.
	for (let index = 0; index < 150; index++) {
		const length = random.pick([0, 1, 2, 16, 64, 256, random.int(0, 4096)]);
		refused(
			'random bytes',
			`#${index}: ${length} bytes`,
			random.bytes(length),
			random.pick(CONTENT_TYPES),
		);
	}

	// Random JSON documents: well-formed, but no callback.
	for (let index = 0; index < 150; index++) {
		const value =
			index % 3 === 0
				? random.json(4)
				: { ...(random.json(0) as object), ...(random.json(3) as object) };
		refused('random JSON', `#${index}`, json(value));
	}

	// Valid callbacks cut short at every offset.
	wire.valid.forEach((valid, index) => {
		for (const cut of truncations(json(valid)))
			refused('truncated', `callback ${index} cut at byte ${cut.length}`, cut);
	});

	// Every documented field with every JSON type it never has, missing, or (IDs) empty.
	for (const field of wire.fields) {
		const where = field.path.join('.');
		for (const [type, value] of TYPED_VALUES)
			if (!fits(type, field.types))
				refused(
					'wrong types',
					`${where} as ${type} ${JSON.stringify(value)}`,
					json(withValue(base, field.path, value)),
				);
		if (field.required)
			refused('wrong types', `${where} missing`, json(withValue(base, field.path, REMOVE)));
	}
	for (const id of wire.idFields)
		refused('wrong types', `${id.join('.')} empty`, json(withValue(base, id, '')));
	for (const value of [null, 7, true, 'text', []])
		refused('wrong types', `the whole body as ${JSON.stringify(value)}`, json(value));
	for (const batch of [[], [base, 42], [42, base], [[base]], [base, {}]])
		refused('wrong types', `a list ${JSON.stringify(batch).slice(0, 40)}`, json(batch));

	// Deep nesting: at the top, in free objects, in place of documented fields.
	for (const depth of [33, 40, 100, 1000, 10_000, 60_000]) {
		refused('deep nesting', `the body as ${depth} nested arrays`, nestedArrays(depth));
		refused(
			'deep nesting',
			`a list of ${depth} nested arrays around a callback`,
			nestedArrays(depth, JSON.stringify(base)),
		);
		for (const open of wire.openObjects) {
			const where = open.join('.');
			refused(
				'deep nesting',
				`${depth} nested arrays in ${where}`,
				withRawMember(base, open, 'nested', nestedArrays(depth)),
			);
			refused(
				'deep nesting',
				`${depth} nested objects in ${where}`,
				withRawMember(base, open, 'nested', nestedObjects(depth)),
			);
		}
		refused(
			'deep nesting',
			`${depth} nested objects at the top`,
			withRawMember(base, [], 'nested', nestedObjects(depth)),
		);
	}

	// Oversized: huge texts, keys and lists; a valid callback padded with whitespace.
	for (const size of [256 * 1024 + 1, 300_000, 1024 * 1024, 4 * 1024 * 1024]) {
		refused(
			'oversized',
			`a ${size}-character message`,
			json(withValue(base, wire.textField, 'x'.repeat(size))),
		);
		refused('oversized', `a ${size}-character key`, withRawMember(base, [], 'k'.repeat(size), '1'));
		refused(
			'oversized',
			`a callback padded with ${size} spaces`,
			JSON.stringify(base) + ' '.repeat(size),
		);
	}
	refused(
		'oversized',
		'a list of 200 000 numbers',
		withRawMember(base, wire.openObjects[0], 'list', JSON.stringify(Array(200_000).fill(1))),
	);
	refused('oversized', 'a callback repeated 1 000 times in a list', json(Array(1000).fill(base)));

	// Content types the provider never posts, on a valid body.
	for (const contentType of [
		'',
		'text/plain',
		'text/json',
		'application/x-www-form-urlencoded',
		'multipart/form-data; boundary=corpus',
		'application/xml',
		'application/octet-stream',
		'application/vnd.api+json',
		'application/json-seq',
		'application/jsonx',
		'application/json; charset=utf-16le',
		// A charset Node cannot decode: the server cannot parse the body (422).
		'application/json; charset=nonsense',
		'image/png',
	])
		refused('content types', `Content-Type "${contentType}"`, json(base), contentType);

	// The same fields as a form, or a form as JSON.
	const form = new URLSearchParams();
	const flatten = (value: unknown, prefix: string) => {
		if (value !== null && typeof value === 'object')
			for (const [key, inner] of Object.entries(value))
				flatten(inner, prefix ? `${prefix}[${key}]` : key);
		else form.append(prefix, String(value));
	};
	flatten(base, '');
	refused(
		'form vs JSON',
		'the fields as a form',
		form.toString(),
		'application/x-www-form-urlencoded',
	);
	refused('form vs JSON', 'the fields as a form labelled JSON', form.toString());
	refused(
		'form vs JSON',
		'the callback as the value of a form field',
		`payload=${encodeURIComponent(JSON.stringify(base))}`,
		'application/x-www-form-urlencoded',
	);
	refused(
		'form vs JSON',
		'the callback JSON labelled as a form',
		json(base),
		'application/x-www-form-urlencoded',
	);
	refused(
		'form vs JSON',
		'the fields in the query string, no body',
		'',
		'',
		'POST',
		`${path}?${form.toString()}`,
	);
	refused(
		'form vs JSON',
		'the fields in the query string, an empty JSON body',
		'{}',
		'application/json',
		'POST',
		`${path}?${form.toString()}`,
	);
	refused('form vs JSON', 'the callback as a JSON string', json(JSON.stringify(base)));

	// Unicode oddities where they change what the callback is, or break the JSON.
	for (const kind of wire.kindFields) {
		const value = String(
			kind.reduce<unknown>((inner, key) => (inner as Record<string, unknown>)[key], base),
		);
		for (const [variant, text] of lookalikes(value).filter(([, text]) => text !== value))
			refused('unicode', `${kind.join('.')} with ${variant}`, json(withValue(base, kind, text)));
	}
	const text = JSON.stringify(base);
	refused(
		'unicode',
		'a byte order mark before the JSON',
		Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json(base)]),
	);
	refused('unicode', 'UTF-16 without saying so', Buffer.from(text, 'utf16le'));
	refused(
		'unicode',
		'UTF-16 with a byte order mark',
		Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
	);
	refused(
		'unicode',
		'an invalid UTF-8 byte inside the first key',
		Buffer.concat([Buffer.from(text.slice(0, 3)), Buffer.from([0xff]), Buffer.from(text.slice(3))]),
	);
	refused(
		'unicode',
		'an overlong "/" inside the first key',
		Buffer.concat([
			Buffer.from(text.slice(0, 3)),
			Buffer.from([0xc0, 0xaf]),
			Buffer.from(text.slice(3)),
		]),
	);
	refused('unicode', 'a NUL byte between tokens', `${text.slice(0, 1)}\u0000${text.slice(1)}`);
	refused(
		'unicode',
		'an escaped NUL in the message',
		json(withValue(base, wire.textField, 'hello\u0000world')),
	);
	refused(
		'unicode',
		'a lone surrogate in the message',
		json(withValue(base, wire.textField, 'hello \ud83d world')),
	);
	refused('unicode', 'a lone surrogate in a key', withRawMember(base, [], 'key\udc00', '1'));
	refused('unicode', 'a NUL in a key', withRawMember(base, wire.openObjects[0], 'k\u0000', '1'));
	for (const id of wire.idFields) {
		refused('unicode', `${id.join('.')} with a NUL`, json(withValue(base, id, 'id\u0000')));
		refused(
			'unicode',
			`${id.join('.')} with a lone surrogate`,
			json(withValue(base, id, 'id\ud800')),
		);
	}

	// Keys that reach Object.prototype in careless merges.
	const pollution = ['{"polluted":"yes"}', '{"prototype":{"polluted":"yes"}}', '"yes"', '[]'];
	for (const key of ['__proto__', 'constructor', 'prototype', 'a[__proto__]', '__proto__.polluted'])
		for (const value of pollution)
			for (const where of uniquePaths([[], ...wire.openObjects, wire.kindFields[0].slice(0, -1)]))
				refused(
					'prototype keys',
					`${key}: ${value} in ${where.join('.') || 'the body'}`,
					withRawMember(base, where, key, value),
				);

	return corpus;
}
