/**
 * Hostile node parameters, across the send and get-by-ID operations of all five action nodes: invalid
 * phone numbers, empty and oversize messages, wrong types from expressions, and IDs with path
 * characters. Each either fails with a NodeOperationError naming the item and the field before any
 * request reaches the sandbox, or (IDs) travels percent-encoded as one path segment, never changing
 * the request path; the dot segments "." and "..", which no encoding keeps in place, are refused.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { RecordedRequest } from '../../sandbox';
import { scgSeed, smartLivingSeed } from '../../sandbox';
import type { NodeRun } from '../harness/n8n';
import { useHoiio } from '../hoiio/useHoiio';
import { useHologram } from '../hologram/useHologram';
import { useSmartLiving } from '../smartLiving/useSmartLiving';
import { ESS_API, SCG_API, useScg } from '../syniverseScg/useScg';
import { VUMI_API, useVumiGo } from '../vumiGo/useVumiGo';
import { tallyCase } from './tally';

const SUITE = 'parameter hostility';

const hologram = useHologram();
const hoiio = useHoiio();
const scg = useScg();
const vumi = useVumiGo();
const smartLiving = useSmartLiving();

interface NodeUnderTest {
	run(parameters: INodeParameters): Promise<NodeRun>;
	/** API requests the sandbox received (logins and token renewals included). */
	requests(): RecordedRequest[];
}

const nodes: Record<string, NodeUnderTest> = {
	Hologram: { run: (p) => hologram.run(p), requests: () => hologram.requests() },
	Hoiio: { run: (p) => hoiio.run(p), requests: () => hoiio.requests() },
	'Syniverse SCG': {
		run: (p) => scg.run(p),
		requests: () => scg.requests().filter((request) => !request.pathname.startsWith(ESS_API)),
	},
	'Vumi Go': { run: (p) => vumi.run(p), requests: () => vumi.requests() },
	SmartLiving: {
		run: (p) => smartLiving.run('smartLiving', p),
		requests: () => smartLiving.requests(),
	},
};

/** Texts that must stay one path segment: each goes out percent-encoded. */
const PATH_IDS = [
	'../devices',
	'../../admin',
	'a/b',
	'x?admin=true',
	'x#fragment',
	'%2F',
	'a%2F..%2Fb',
	'with space',
	'back\\slash',
	';matrix=1',
	'caf\u00e9',
	'+1',
];
/** IDs that are dot segments: no encoding keeps them a segment, so they must be refused. */
const DOT_IDS = ['.', '..'];

const ONE_MB = 'x'.repeat(1024 * 1024);

/** Wrong types an expression can hand a text field. */
const NOT_TEXT: Array<[string, string]> = [
	['an object', '={{ { text: "hi" } }}'],
	['a list of objects', '={{ [{ text: "hi" }] }}'],
];

interface RefusalCase {
	node: string;
	operation: string;
	name: string;
	parameters: INodeParameters;
	/** The field the error must name. */
	field: string;
}

interface PathCase {
	node: string;
	operation: string;
	parameters: (id: string) => INodeParameters;
	/** The request path the sandbox must see, for an ID already percent-encoded. */
	path: (encodedId: string) => string;
	/** The field the error for a dot segment must name. */
	field: string;
}

const hologramSms = { resource: 'sms', operation: 'send', deviceId: 3002, encoding: 'text' };
const hoiioSms = { resource: 'sms', operation: 'send', to: '+6591234567' };
const scgSend = {
	resource: 'messageRequest',
	operation: 'create',
	sender: scgSeed.activeSenderId,
	messageType: 'SMS',
	recipients: '+14085551212',
};
const vumiSend = { resource: 'message', operation: 'sendText', toAddress: '+27821234567' };
const slState = {
	resource: 'asset',
	operation: 'sendState',
	assetBy: 'id',
	assetId: smartLivingSeed.assetIds.temperature,
	valueType: 'number',
};

function messageCases(
	node: string,
	operation: string,
	base: INodeParameters,
	messageName: string,
	field: string,
): RefusalCase[] {
	const cases: Array<[string, string]> = [
		['only spaces and newlines', '  \n\t '],
		['an empty expression result', '={{ "" }}'],
		['null from an expression', '={{ null }}'],
		['oversize (1 MB)', ONE_MB],
		['true from an expression', '={{ true }}'],
		['false from an expression', '={{ false }}'],
		...NOT_TEXT,
	];
	return cases.map(([what, value]) => ({
		node,
		operation,
		name: `message ${what}`,
		parameters: { ...base, [messageName]: value },
		field,
	}));
}

function phoneCases(
	node: string,
	operation: string,
	base: INodeParameters,
	phoneName: string,
	field: string,
): RefusalCase[] {
	return [
		['letters', 'call me'],
		['too short', '+123'],
		['too long', '+1234567890123456'],
		['no country code', '91234567'],
		['a leading zero country code', '+0123456789'],
		['a path inside', '+1408/../555'],
		['an object from an expression', '={{ { number: "+14085551212" } }}'],
		['true from an expression', '={{ true }}'],
	].map(([what, value]) => ({
		node,
		operation,
		name: `phone number with ${what}`,
		parameters: { ...base, [phoneName]: value },
		field,
	}));
}

const refusals: RefusalCase[] = [
	// Hologram: SMS to a device, messages to devices.
	...messageCases('Hologram', 'sms send', hologramSms, 'message', 'Message'),
	...[
		['a path', '3002/../1'],
		['letters', 'abc'],
		['an object from an expression', '={{ { id: 3002 } }}'],
		['a fraction', '3002.5'],
	].map(([what, value]) => ({
		node: 'Hologram',
		operation: 'sms send',
		name: `device ID with ${what}`,
		parameters: { ...hologramSms, message: 'Hi', deviceId: value },
		field: 'Device',
	})),
	...phoneCases(
		'Hologram',
		'sms send',
		{ ...hologramSms, message: 'Hi' },
		'additionalFields.fromNumber',
		'From Number',
	),
	...messageCases(
		'Hologram',
		'deviceMessage send',
		{
			resource: 'deviceMessage',
			operation: 'send',
			deviceIds: '3001',
			protocol: 'TCP',
			port: 4010,
			encoding: 'text',
		},
		'message',
		'Message',
	),
	{
		node: 'Hologram',
		operation: 'deviceMessage send',
		name: 'device IDs with a path',
		parameters: {
			resource: 'deviceMessage',
			operation: 'send',
			deviceIds: '3001, ../3003',
			protocol: 'TCP',
			port: 4010,
			encoding: 'text',
			message: 'Hi',
		},
		field: 'Device IDs',
	},
	// Hoiio: SMS.
	...messageCases('Hoiio', 'sms send', hoiioSms, 'message', 'Message'),
	...phoneCases('Hoiio', 'sms send', { ...hoiioSms, message: 'Hi' }, 'to', 'To'),
	// Syniverse SCG: message requests.
	...messageCases('Syniverse SCG', 'messageRequest create', scgSend, 'message', 'Message'),
	...phoneCases(
		'Syniverse SCG',
		'messageRequest create',
		{ ...scgSend, message: 'Hi' },
		'recipients',
		'Recipients',
	),
	// Vumi Go: text messages.
	...messageCases('Vumi Go', 'message sendText', vumiSend, 'content', 'Message'),
	...phoneCases('Vumi Go', 'message sendText', { ...vumiSend, content: 'Hi' }, 'toAddress', 'To'),
	// SmartLiving: states of assets.
	...[
		['letters', 'warm'],
		['an object from an expression', '={{ { value: 21 } }}'],
		['empty', ''],
	].map(([what, value]) => ({
		node: 'SmartLiving',
		operation: 'asset sendState',
		name: `number value with ${what}`,
		parameters: { ...slState, numberValue: value },
		field: 'Value',
	})),
	{
		node: 'SmartLiving',
		operation: 'asset sendState',
		name: 'JSON value that is not JSON',
		parameters: { ...slState, valueType: 'json', jsonValue: '{"monday": [7, 22' },
		field: 'Value',
	},
	{
		node: 'SmartLiving',
		operation: 'asset sendState',
		name: 'JSON value oversize (1 MB)',
		parameters: { ...slState, valueType: 'json', jsonValue: JSON.stringify(ONE_MB) },
		field: 'Value',
	},
	// Syniverse SCG: contact and sender IDs have a known form (letters and digits), checked before sending.
	...[
		{ operation: 'contact get', name: 'contactId', field: 'Contact' },
		{ operation: 'senderId get', name: 'senderId', field: 'Sender ID' },
	].flatMap(({ operation, name, field }) =>
		[...PATH_IDS, ...DOT_IDS].map((id) => ({
			node: 'Syniverse SCG',
			operation,
			name: `ID ${JSON.stringify(id)}`,
			parameters: { resource: operation.split(' ')[0], operation: 'get', [name]: id },
			field,
		})),
	),
];

const pathCases: PathCase[] = [
	{
		node: 'Hologram',
		operation: 'organization get',
		parameters: (id) => ({ resource: 'organization', operation: 'get', organizationId: id }),
		path: (id) => `/api/1/organizations/${id}`,
		field: 'Organization Name or ID',
	},
	{
		node: 'Hologram',
		operation: 'dataPlan get',
		parameters: (id) => ({ resource: 'dataPlan', operation: 'get', planId: id }),
		path: (id) => `/api/1/plans/${id}`,
		field: 'Data Plan Name or ID',
	},
	{
		node: 'Hologram',
		operation: 'deviceMessage sendViaWebhook',
		parameters: (id) => ({
			resource: 'deviceMessage',
			operation: 'sendViaWebhook',
			deviceId: 3001,
			webhookGuid: id,
			encoding: 'text',
			message: 'Hi',
		}),
		path: (id) => `/api/1/devices/messages/3001/${id}`,
		field: 'Webhook GUID',
	},
	{
		node: 'Syniverse SCG',
		operation: 'message get',
		parameters: (id) => ({ resource: 'message', operation: 'get', messageId: id }),
		path: (id) => `${SCG_API}/messaging/messages/${id}`,
		field: 'Message ID',
	},
	{
		node: 'Syniverse SCG',
		operation: 'messageRequest get',
		parameters: (id) => ({ resource: 'messageRequest', operation: 'get', messageRequestId: id }),
		path: (id) => `${SCG_API}/messaging/message_requests/${id}`,
		field: 'Message Request ID',
	},
	{
		node: 'Vumi Go',
		operation: 'group get',
		parameters: (id) => ({ resource: 'group', operation: 'get', groupKey: id }),
		path: (id) => `${VUMI_API}/groups/${id}`,
		field: 'Group Key',
	},
	{
		node: 'Vumi Go',
		operation: 'contact get',
		parameters: (id) => ({
			resource: 'contact',
			operation: 'get',
			lookUpBy: 'key',
			contactKey: id,
		}),
		path: (id) => `${VUMI_API}/contacts/${id}`,
		field: 'Contact Key',
	},
	{
		node: 'SmartLiving',
		operation: 'asset get',
		parameters: (id) => ({ resource: 'asset', operation: 'get', assetBy: 'id', assetId: id }),
		path: (id) => `/asset/${id}`,
		field: 'Asset',
	},
	{
		node: 'SmartLiving',
		operation: 'asset sendState',
		parameters: (id) => ({ ...slState, assetId: id, numberValue: 21 }),
		path: (id) => `/asset/${id}/state`,
		field: 'Asset',
	},
	{
		node: 'SmartLiving',
		operation: 'device get',
		parameters: (id) => ({ resource: 'device', operation: 'get', deviceBy: 'id', deviceId: id }),
		path: (id) => `/device/${id}`,
		field: 'Device',
	},
	{
		node: 'SmartLiving',
		operation: 'gateway get',
		parameters: (id) => ({ resource: 'gateway', operation: 'get', gatewayId: id }),
		path: (id) => `/gateway/${id}`,
		field: 'Gateway ID',
	},
];

/** Nothing the node did may have reached the sandbox except logins. */
function apiRequests(node: NodeUnderTest): RecordedRequest[] {
	return node.requests().filter((request) => request.pathname !== '/login');
}

function expectRefusal(run: NodeRun, node: NodeUnderTest, field: string) {
	expect(run.error).toMatchObject({
		name: 'NodeOperationError',
		message: expect.stringMatching(new RegExp(`^Item 0: "${field}"`)),
	});
	expect(apiRequests(node)).toEqual([]);
}

describe('Parameter hostility → refused before any request, naming the item and the field', () => {
	test.each(refusals.map((entry) => [entry.node, entry.operation, entry.name, entry] as const))(
		'%s %s: %s',
		async (_node, _operation, _name, entry) => {
			const node = nodes[entry.node];
			const parameters = expandDotted(entry.parameters);
			const run = await node.run(parameters);
			const leaked = apiRequests(node).length;
			tallyCase({
				suite: SUITE,
				name: `${entry.node} ${entry.operation}: ${entry.name}`,
				lost: 0,
				duplicated: leaked,
			});
			expectRefusal(run, node, entry.field);
		},
	);
});

interface SendCase {
	node: string;
	operation: string;
	parameters: INodeParameters;
	/** The parameter holding the message text, and its name in the request body. */
	messageName: string;
	messageWire: string;
	field: string;
}

const sends: SendCase[] = [
	{
		node: 'Hologram',
		operation: 'sms send',
		parameters: hologramSms,
		messageName: 'message',
		messageWire: 'body',
		field: 'Message',
	},
	{
		node: 'Hologram',
		operation: 'deviceMessage send',
		parameters: {
			resource: 'deviceMessage',
			operation: 'send',
			deviceIds: '3001',
			protocol: 'TCP',
			port: 4010,
			encoding: 'text',
		},
		messageName: 'message',
		messageWire: 'data',
		field: 'Message',
	},
	{
		node: 'Hoiio',
		operation: 'sms send',
		parameters: hoiioSms,
		messageName: 'message',
		messageWire: 'msg',
		field: 'Message',
	},
	{
		node: 'Syniverse SCG',
		operation: 'messageRequest create',
		parameters: scgSend,
		messageName: 'message',
		messageWire: 'body',
		field: 'Message',
	},
	{
		node: 'Vumi Go',
		operation: 'message sendText',
		parameters: vumiSend,
		messageName: 'content',
		messageWire: 'content',
		field: 'Message',
	},
];

describe('Parameter hostility → empty messages and numbers from expressions', () => {
	test.each(sends.map((entry) => [entry.node, entry.operation, entry] as const))(
		'%s %s: an empty message is refused by n8n before the node runs',
		async (_node, _operation, entry) => {
			const node = nodes[entry.node];
			const outcome = await node.run({ ...entry.parameters, [entry.messageName]: '' }).then(
				(run) => run.error,
				(error: Error) => error,
			);
			tallyCase({
				suite: SUITE,
				name: `${entry.node} ${entry.operation}: empty message`,
				lost: 0,
				duplicated: apiRequests(node).length,
			});
			expect(outcome?.message).toMatch(`Parameter "${entry.field}" is required`);
			expect(apiRequests(node)).toEqual([]);
		},
	);

	test.each(sends.map((entry) => [entry.node, entry.operation, entry] as const))(
		'%s %s: a number from an expression is sent as its text',
		async (_node, _operation, entry) => {
			const node = nodes[entry.node];
			const { error } = await node.run({ ...entry.parameters, [entry.messageName]: '={{ 42 }}' });
			const sent = apiRequests(node).map(
				(request) => (request.body as Record<string, unknown>)[entry.messageWire],
			);
			tallyCase({
				suite: SUITE,
				name: `${entry.node} ${entry.operation}: a number as the message`,
				lost: sent.length === 0 ? 1 : 0,
				duplicated: Math.max(0, sent.length - 1),
			});
			expect(error).toBeUndefined();
			expect(sent).toEqual(['42']);
		},
	);
});

describe('Parameter hostility → IDs with path characters stay one encoded path segment', () => {
	test.each(
		pathCases.flatMap((entry) =>
			PATH_IDS.map((id) => [entry.node, entry.operation, JSON.stringify(id), entry, id] as const),
		),
	)('%s %s with the ID %s', async (_node, _operation, _shown, entry, id) => {
		const node = nodes[entry.node];
		await node.run(entry.parameters(id));
		const paths = apiRequests(node).map((request) => request.pathname);
		const expected = entry.path(encodeURIComponent(id));
		tallyCase({
			suite: SUITE,
			name: `${entry.node} ${entry.operation}: ID ${JSON.stringify(id)}`,
			lost: paths.includes(expected) ? 0 : 1,
			duplicated: paths.filter((path) => path !== expected).length,
		});
		expect(paths).toEqual([expected]);
	});

	// Hoiio takes IDs as form parameters: the path stays put and the ID arrives exactly as given.
	test.each(PATH_IDS.map((id) => [JSON.stringify(id), id] as const))(
		'Hoiio sms getStatus with the reference %s sends it unchanged in the form body',
		async (_shown, id) => {
			const node = nodes.Hoiio;
			const { error } = await node.run({ resource: 'sms', operation: 'getStatus', txnRef: id });
			const sent = apiRequests(node).map((request) => [
				request.pathname,
				(request.body as Record<string, unknown>).txn_ref,
			]);
			tallyCase({
				suite: SUITE,
				name: `Hoiio sms getStatus: reference ${JSON.stringify(id)}`,
				lost: sent.length === 0 ? 1 : 0,
				duplicated: Math.max(0, sent.length - 1),
			});
			expect(sent).toEqual([['/open/sms/query_status', id]]);
			// The sandbox knows no such transaction: the answer is Hoiio's own error, not a crash.
			expect(error?.message ?? '').not.toMatch(/^Item 0/);
		},
	);

	// Encoding leaves "." and ".." as they are, and URL resolution would then remove them or go up a
	// level (GET organizations/.. is GET /api/1/): they are refused, naming the field.
	test.each(
		pathCases.flatMap((entry) =>
			DOT_IDS.map((id) => [entry.node, entry.operation, JSON.stringify(id), entry, id] as const),
		),
	)('%s %s with the dot segment %s is refused', async (_node, _operation, _shown, entry, id) => {
		const node = nodes[entry.node];
		const run = await node.run(entry.parameters(id));
		tallyCase({
			suite: SUITE,
			name: `${entry.node} ${entry.operation}: ID ${JSON.stringify(id)}`,
			lost: 0,
			duplicated: apiRequests(node).length,
		});
		expectRefusal(run, node, entry.field);
		expect(run.error?.message).toContain(`cannot be "${id}"`);
	});
});

/** `{ 'additionalFields.fromNumber': x }` → `{ additionalFields: { fromNumber: x } }`. */
function expandDotted(parameters: INodeParameters): INodeParameters {
	const result: INodeParameters = {};
	for (const [key, value] of Object.entries(parameters)) {
		const [outer, inner] = key.split('.');
		if (inner === undefined) result[key] = value;
		else result[outer] = { ...((result[outer] as INodeParameters) ?? {}), [inner]: value };
	}
	return result;
}
