/**
 * The hostile-request corpus of the Hoiio Trigger. Hoiio posts form parameters (in the query string, and from
 * older servers in a form body too), with the trigger's secret as the `n8n_token` query parameter
 * (docs/wire-formats/hoiio.md#inbound-notifications). Every request either lacks the right secret (401
 * expected) or carries it with parameters, a body, method or content type Hoiio never sends (another 4xx
 * expected).
 */
import type { CorpusRequest } from './corpus';
import { CONTENT_TYPES, Random, lookalikes, nestedArrays, truncations } from './corpus';

export const SECRET_PARAMETER = 'n8n_token';

/** An incoming SMS, as the number's SMS forwarding posts it; the date last, so no cut of it is whole. */
export function incomingSms(txnRef: string): Array<[string, string]> {
	return [
		['txn_ref', txnRef],
		['msg', 'hoiio world'],
		['from', '+16201234567'],
		['to', '+16501234567'],
		['currency', 'SGD'],
		['debit', '0.013'],
		['date', '2012-10-30 12:20:50'],
	];
}

/** An incoming fax, as the number's forwarding posts it in fax mode. */
export function incomingFax(txnRef: string): Array<[string, string]> {
	return [
		['txn_ref', txnRef],
		['fax_status', 'answered'],
		['from', '+6562223333'],
		['to', '+6531580000'],
		['fax_pages', '2'],
		['fax_url', 'https://hoiio.example.com/fax/AA-F-1.pdf'],
		['duration', '1'],
		['currency', 'SGD'],
		['debit', '0.06'],
		['date', '2012-10-30 12:21:00'],
	];
}

/** An SMS delivery report, as the notify URL of a send receives it. */
export function smsStatus(txnRef: string): Array<[string, string]> {
	return [
		['txn_ref', txnRef],
		['sms_status', 'delivered'],
		['dest', '+6591234567'],
		['split_count', '1'],
		['currency', 'SGD'],
		['rate', '0.032'],
		['debit', '0.032'],
		['date', '2012-10-30 12:22:00'],
	];
}

/** What an incoming SMS always has, and what of it is never empty. */
const REQUIRED = ['txn_ref', 'msg', 'from', 'to', 'date'];
const NOT_EMPTY = ['txn_ref', 'from', 'to', 'date'];
const DECIMALS = ['debit', 'rate', 'split_count', 'fax_pages', 'duration'];
const NOT_DECIMALS = ['abc', '1,5', '0x10', 'Infinity', 'NaN', '1e3', '--1', '1.', '.5', ' 1'];
const NOT_DATES = [
	'yesterday',
	'2012-10-30',
	'12:20:50',
	'2012-13-30 12:20:50',
	'2012-02-30 12:20:50',
	'2012-10-30 25:20:50',
	'2012-10-30 12:61:50',
	'2012/10/30 12:20:50',
	'30-10-2012 12:20:50',
	'2012-10-30 12:20:50 extra',
	'1351570850',
];

const form = (parameters: Array<[string, string]>) => new URLSearchParams(parameters).toString();

/** At least a thousand requests, the same ones for the same seed. */
export function hoiioCorpus(path: string, secret: string, seed: number): CorpusRequest[] {
	const random = new Random(seed);
	const corpus: CorpusRequest[] = [];
	const token = `${SECRET_PARAMETER}=${encodeURIComponent(secret)}`;
	const sms = incomingSms('AA-SI-CORPUS');
	const refused = (
		group: string,
		name: string,
		body: Buffer | string,
		options: { contentType?: string; query?: string; method?: string; path?: string } = {},
	) => {
		const contentType = options.contentType ?? 'application/x-www-form-urlencoded';
		const query = options.query === undefined ? token : options.query;
		corpus.push({
			group,
			name,
			method: options.method ?? 'POST',
			path: `${options.path ?? path}?${query}`,
			headers: contentType === '' ? {} : { 'content-type': contentType },
			body: Buffer.isBuffer(body) ? body : Buffer.from(body),
			expect: 'refused',
		});
	};

	// Secrets: missing, wrong, repeated, or somewhere else than the query string.
	const unauthorized = (
		name: string,
		query: string,
		headers: Record<string, string> = {},
		body = form(sms),
	) =>
		corpus.push({
			group: 'secrets',
			name,
			method: 'POST',
			path: query === '' ? path : `${path}?${query}`,
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
			body: Buffer.from(body),
			expect: 'unauthorized',
		});
	const enc = encodeURIComponent;
	unauthorized('no secret', '');
	unauthorized('an empty secret', `${SECRET_PARAMETER}=`);
	unauthorized('the parameter without a value', SECRET_PARAMETER);
	unauthorized('a wrong secret', `${SECRET_PARAMETER}=guess`);
	unauthorized(
		'the secret missing its last character',
		`${SECRET_PARAMETER}=${enc(secret.slice(0, -1))}`,
	);
	unauthorized('the secret with one character more', `${SECRET_PARAMETER}=${enc(secret)}x`);
	unauthorized('the secret in upper case', `${SECRET_PARAMETER}=${enc(secret.toUpperCase())}`);
	unauthorized('the secret in lower case', `${SECRET_PARAMETER}=${enc(secret.toLowerCase())}`);
	unauthorized('the secret with a space before it', `${SECRET_PARAMETER}=+${enc(secret)}`);
	unauthorized(
		'the secret 8 kB long',
		`${SECRET_PARAMETER}=${enc(secret.repeat(Math.ceil(8192 / secret.length)))}`,
	);
	for (const [variant, text] of lookalikes(secret).filter(([, text]) => text !== secret))
		unauthorized(
			`the secret with ${variant}`,
			`${SECRET_PARAMETER}=${enc(text.replace(/[\ud800-\udfff]/g, '\ufffd'))}`,
		);
	unauthorized('the secret twice', `${token}&${token}`);
	unauthorized('the right secret, then a wrong one', `${token}&${SECRET_PARAMETER}=guess`);
	unauthorized('a wrong secret, then the right one', `${SECRET_PARAMETER}=guess&${token}`);
	unauthorized('the secret as a list parameter', `${SECRET_PARAMETER}[]=${enc(secret)}`);
	unauthorized(
		'the secret under an upper-case name',
		`${SECRET_PARAMETER.toUpperCase()}=${enc(secret)}`,
	);
	unauthorized('the secret only in the form body', '', {}, `${form(sms)}&${token}`);
	unauthorized('the secret as a header', '', { [`x-${SECRET_PARAMETER}`]: secret });
	unauthorized('the secret as a Bearer token', '', { authorization: `Bearer ${secret}` });
	unauthorized('the secret as Basic auth', '', {
		authorization: `Basic ${Buffer.from(`n8n:${secret}`).toString('base64')}`,
	});

	// Methods and paths the webhook is not registered for.
	for (const method of ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'])
		refused('wrong methods', method, form(sms), { method });
	refused('wrong methods', 'POST to a path one segment longer', form(sms), {
		path: `${path}/extra`,
	});
	refused('wrong methods', 'POST to the parent path', form(sms), {
		path: path.replace(/\/[^/]+$/, ''),
	});
	refused('wrong methods', 'POST with a dot segment', form(sms), { path: `${path}/..` });

	// Random bytes under every content type.
	for (let index = 0; index < 250; index++) {
		const length = random.pick([0, 1, 2, 16, 64, 256, random.int(0, 4096)]);
		refused('random bytes', `#${index}: ${length} bytes`, random.bytes(length), {
			contentType: random.pick(CONTENT_TYPES),
		});
	}

	// Random forms: well-formed parameters, but no notification (never a txn_ref, which all need);
	// sometimes with a real name or two.
	const names = ['msg', 'from', 'to', 'dest', 'sms_status', 'fax_status', 'ivr_block', 'date'];
	for (let index = 0; index < 250; index++) {
		const parameters: Array<[string, string]> = [];
		for (let count = random.int(0, 6); count > 0; count--)
			parameters.push([random.next() < 0.2 ? random.pick(names) : random.word(), random.word(20)]);
		const inQuery = random.next() < 0.5;
		refused(
			'random forms',
			`#${index}${inQuery ? ' in the query' : ''}`,
			inQuery ? '' : form(parameters),
			{
				query: inQuery && parameters.length > 0 ? `${token}&${form(parameters)}` : token,
			},
		);
	}

	// Valid notifications cut short at every offset: in the form body, and in the query string.
	for (const [name, parameters] of [
		['incoming SMS', sms],
		['incoming fax', incomingFax('AA-F-CORPUS')],
	] as const) {
		for (const cut of truncations(Buffer.from(form(parameters))))
			refused('truncated', `${name} form body cut at byte ${cut.length}`, cut);
	}
	for (const cut of truncations(Buffer.from(form(sms))))
		refused('truncated', `incoming SMS query string cut at byte ${cut.length}`, '', {
			contentType: '',
			query: cut.length === 0 ? token : `${token}&${cut.toString()}`,
		});

	// Every parameter missing, empty, repeated with another value, or not of its kind.
	const replaced = (name: string, value: string | undefined, parameters = sms) =>
		parameters.flatMap(
			([key, current]): Array<[string, string]> =>
				key !== name ? [[key, current]] : value === undefined ? [] : [[key, value]],
		);
	for (const [name, value] of sms) {
		if (REQUIRED.includes(name)) {
			refused('wrong types', `${name} missing`, form(replaced(name, undefined)));
		}
		if (NOT_EMPTY.includes(name)) refused('wrong types', `${name} empty`, form(replaced(name, '')));
		refused(
			'wrong types',
			`${name} twice, differently`,
			`${form(sms)}&${name}=${encodeURIComponent(`${value}2`)}`,
		);
		refused('wrong types', `${name} differently in the query and the body`, form(sms), {
			query: `${token}&${name}=${encodeURIComponent(`${value}2`)}`,
		});
		if (!REQUIRED.includes(name)) continue;
		refused(
			'wrong types',
			`${name} as a list`,
			form(replaced(name, undefined)) + `&${name}[]=${encodeURIComponent(value)}`,
		);
		refused(
			'wrong types',
			`${name} as an object`,
			form(replaced(name, undefined)) + `&${name}[value]=${encodeURIComponent(value)}`,
		);
	}
	for (const name of DECIMALS)
		for (const value of NOT_DECIMALS) {
			const parameters =
				name === 'debit'
					? sms
					: [...sms.slice(0, -1), [name, value] as [string, string], sms[sms.length - 1]];
			refused(
				'wrong types',
				`${name} = ${JSON.stringify(value)}`,
				form(name === 'debit' ? replaced('debit', value) : parameters),
			);
		}
	for (const value of NOT_DATES)
		refused('wrong types', `date = ${JSON.stringify(value)}`, form(replaced('date', value)));
	for (const block of ['', 'Answer', 'answer ', 'menu', 'gather2'])
		refused(
			'wrong types',
			`ivr_block = ${JSON.stringify(block)}`,
			form([
				['ivr_block', block],
				['session', 'S-1'],
				['txn_ref', 'AA-I-1'],
			]),
		);
	refused(
		'wrong types',
		'a delivery report without a status',
		form(smsStatus('AA-S-1').filter(([key]) => key !== 'sms_status')),
	);
	refused(
		'wrong types',
		'a delivery report with an empty reference',
		form(replaced('txn_ref', '', smsStatus('AA-S-1'))),
	);

	// Deep nesting: JSON bodies, and nested names in place of parameters.
	for (const depth of [33, 100, 1000, 10_000, 60_000]) {
		refused('deep nesting', `${depth} nested JSON arrays`, nestedArrays(depth), {
			contentType: 'application/json',
		});
		refused('deep nesting', `${depth} nested JSON arrays labelled as a form`, nestedArrays(depth));
		const nested = `txn_ref${'[a]'.repeat(Math.min(depth, 2000))}`;
		refused(
			'deep nesting',
			`txn_ref nested ${Math.min(depth, 2000)} levels`,
			`${form(replaced('txn_ref', undefined))}&${nested}=AA`,
		);
	}

	// Oversized bodies.
	for (const size of [256 * 1024 + 1, 300_000, 1024 * 1024, 4 * 1024 * 1024]) {
		refused('oversized', `a ${size}-character message`, form(replaced('msg', 'x'.repeat(size))));
		refused(
			'oversized',
			`a notification followed by ${size} separators`,
			form(sms) + '&'.repeat(size),
		);
		refused(
			'oversized',
			`a ${size}-character parameter name`,
			`${form(sms)}&${'k'.repeat(size)}=1`,
		);
	}
	refused('oversized', 'a query string of 20 000 characters', '', {
		contentType: '',
		query: `${token}&${form(sms)}&pad=${'x'.repeat(20_000)}`,
	});

	// Content types Hoiio never posts, on a valid notification.
	for (const contentType of [
		'',
		'application/json',
		'text/plain',
		'multipart/form-data; boundary=corpus',
		'application/xml',
		'application/octet-stream',
		'text/html',
		'application/x-www-form-urlencoded-extra',
		// A charset Node cannot decode: the server cannot parse the body (422).
		'application/x-www-form-urlencoded; charset=nonsense',
	])
		refused('content types', `Content-Type "${contentType}"`, form(sms), { contentType });

	// JSON instead of a form.
	const smsObject = Object.fromEntries(sms);
	refused('form vs JSON', 'the parameters as JSON', JSON.stringify(smsObject), {
		contentType: 'application/json',
	});
	refused('form vs JSON', 'the parameters as JSON labelled as a form', JSON.stringify(smsObject));
	refused('form vs JSON', 'the parameters as JSON labelled as text', JSON.stringify(smsObject), {
		contentType: 'text/plain',
	});
	refused(
		'form vs JSON',
		'a list of notifications as JSON',
		JSON.stringify([smsObject, smsObject]),
		{ contentType: 'application/json' },
	);
	refused(
		'form vs JSON',
		'the notification as the value of one parameter',
		`payload=${encodeURIComponent(JSON.stringify(smsObject))}`,
	);
	refused('form vs JSON', 'the query parameters and a JSON body', JSON.stringify({ extra: true }), {
		contentType: 'application/json',
		query: `${token}&${form(sms)}`,
	});

	// Unicode oddities where they change which parameter or notification this is.
	for (const [name] of sms.filter(([key]) => REQUIRED.includes(key)))
		for (const [variant, text] of lookalikes(name)) {
			const renamed = sms.map(([key, value]): [string, string] => [
				key === name ? text.replace(/[\ud800-\udfff]/g, '\ufffd') : key,
				value,
			]);
			refused('unicode', `the name ${name} with ${variant}`, form(renamed));
		}
	for (const [variant, text] of lookalikes('answer'))
		refused(
			'unicode',
			`ivr_block answer with ${variant}`,
			form([
				['ivr_block', text],
				['session', 'S-1'],
				['txn_ref', 'AA-I-1'],
				['from', '+6598765432'],
				['to', '+6531580000'],
			]),
		);
	refused('unicode', 'a NUL in the message', form(replaced('msg', 'hello\u0000world')));
	refused('unicode', 'a NUL in the reference', form(replaced('txn_ref', 'AA\u0000')));
	refused(
		'unicode',
		'a byte order mark before the body',
		Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(form(sms))]),
	);
	refused('unicode', 'the body in UTF-16', Buffer.from(form(sms), 'utf16le'));
	refused(
		'unicode',
		'an invalid UTF-8 byte in a name',
		`tx%FFn_ref=AA-SI-1&${form(replaced('txn_ref', undefined))}`,
	);
	refused('unicode', 'a percent-encoded NUL in a name', `${form(sms)}&na%00me=1`);

	// Names that reach Object.prototype in careless merges, in the body and in the query.
	for (const key of [
		'__proto__',
		'constructor',
		'prototype',
		'__proto__[polluted]',
		'constructor[prototype][polluted]',
		'a[__proto__]',
		'__proto__.polluted',
	]) {
		const parameter = `${encodeURIComponent(key)}=yes`;
		refused('prototype keys', `${key} in the body`, `${form(sms)}&${parameter}`);
		refused('prototype keys', `${key} first in the body`, `${parameter}&${form(sms)}`);
		refused('prototype keys', `${key} in the query`, form(sms), { query: `${token}&${parameter}` });
		refused(
			'prototype keys',
			`${key} in place of txn_ref`,
			form(sms).replace('txn_ref', encodeURIComponent(key)),
		);
	}

	return corpus;
}
