/**
 * Canary secrets in a real n8n: credentials holding distinctive values (test/harness/canary.ts) are created
 * through n8n's API, and per provider a workflow makes a successful call, one meets an API error, one a node
 * error, and one a provider that echoes the credentials back in its error. The webhook answers, the executions
 * n8n saved (with their data) and the whole n8n server log are then scanned for the canaries in every
 * encoding: 0 hits.
 *
 * The emulators here are this test's own, started with the canary credentials through their options (the
 * shared e2e sandbox keeps its published sandbox keys for the other tests); n8n reaches them on 127.0.0.1.
 * Run the server with N8N_LOG_LEVEL=debug for the strictest log scan.
 */
import { copyFileSync, readFileSync, statSync } from 'node:fs';

import { hologramSeed, scgSeed, smartLivingSeed, vumiGoSeed, type Fault } from '../../sandbox';
import {
	canaries,
	canaryBasicUser,
	canaryEmulators,
	formNames,
	identifierCanaries,
	scanText,
	secretForms,
	type CanaryHit,
	type CanaryName,
	type SecretForm,
} from '../harness/canary';
import { N8n, nodeType, uniquePath, webhookWorkflow, type Execution } from './n8n-client';

const n8n = new N8n();

const { hologram, hoiio, scg, vumiGo, smartLiving } = canaryEmulators();
const emulators = [hologram, hoiio, scg, vumiGo, smartLiving];

const forms: SecretForm[] = [];
const identifierForms: SecretForm[] = [];
for (const [name, value] of Object.entries(canaries) as [CanaryName, string][]) {
	const basicUser = canaryBasicUser(name);
	(identifierCanaries.includes(name) ? identifierForms : forms).push(
		...secretForms(name, value, basicUser),
	);
}

/** Credential type (and variant) → the canary credential created in n8n. */
const credentials: Record<string, { id: string; name: string }> = {};
/** What each credential was created with, for the credential test. */
const credentialData: Record<string, Record<string, unknown>> = {};
const createdCredentials: string[] = [];
const createdWorkflows: string[] = [];
const hits: { name: string; hits: CanaryHit[] }[] = [];
const identifierHits: { name: string; hits: CanaryHit[] }[] = [];
const executions: Record<string, Execution['status']> = {};
let scannedTexts = 0;

function scan(name: string, surfaces: [string, string][]): void {
	scannedTexts += surfaces.length;
	const found = surfaces.flatMap(([where, text]) => scanText(text, forms, where));
	if (found.length > 0) hits.push({ name, hits: found });
	const echoed = surfaces.flatMap(([where, text]) => scanText(text, identifierForms, where));
	if (echoed.length > 0) identifierHits.push({ name, hits: echoed });
}

async function createCredential(
	key: string,
	type: string,
	data: Record<string, unknown>,
): Promise<void> {
	const created = await n8n.createCredential({ name: `canary ${key}`, type, data });
	createdCredentials.push(created.id);
	credentials[key] = { id: created.id, name: created.name };
	credentialData[key] = data;
	scan(`creating the ${key} credential`, [['n8n answer', JSON.stringify(created)]]);
}

interface Case {
	provider: string;
	name: string;
	/** Credential type → key in `credentials`. */
	credentials: Record<string, string>;
	node: string;
	parameters: Record<string, unknown>;
	/** A fault the provider's emulator answers with. */
	fault?: Fault;
	expect: 'success' | 'error';
}

/** The provider's echo: its error repeats the credentials it received, in the ways one might. */
function echoFault(values: string[], basicUser?: string): Fault {
	const text = values
		.flatMap((value) => [
			`key ${value} is not valid`,
			`Authorization: Bearer ${value}`,
			`GET /api?apikey=${encodeURIComponent(value)}&key=${encodeURIComponent(value)}`,
			`credential ${Buffer.from(value).toString('base64')} refused`,
			...(basicUser
				? [`Authorization: Basic ${Buffer.from(`${basicUser}:${value}`).toString('base64')}`]
				: []),
		])
		.join('; ');
	return {
		type: 'status',
		status: 401,
		body: JSON.stringify({
			success: false,
			error: text,
			message: text,
			reason: text,
			status: 'error_invalid_access_token',
			error_description: text,
			errors: [{ message: text, code: 'UNAUTHORIZED' }],
		}),
	};
}

const hologramCredential = { hologramApi: 'hologram' };
const hoiioCredential = { hoiioApi: 'hoiio' };
const scgCredential = { syniverseScgApi: 'scg' };
const vumiGoCredentials = { vumiGoApi: 'vumiGo' };

const cases: Case[] = [
	// Hologram
	{
		provider: 'hologram',
		name: 'a device',
		credentials: hologramCredential,
		node: 'hologram',
		parameters: { resource: 'device', operation: 'get', deviceId: hologramSeed.deviceIds[0] },
		expect: 'success',
	},
	{
		provider: 'hologram',
		name: 'a device that does not exist',
		credentials: hologramCredential,
		node: 'hologram',
		parameters: { resource: 'device', operation: 'get', deviceId: 99999 },
		expect: 'error',
	},
	{
		provider: 'hologram',
		name: 'a device ID that is no number',
		credentials: hologramCredential,
		node: 'hologram',
		parameters: { resource: 'device', operation: 'get', deviceId: '={{ "not-a-number" }}' },
		expect: 'error',
	},
	{
		provider: 'hologram',
		name: 'a provider echoing the key',
		credentials: hologramCredential,
		node: 'hologram',
		parameters: { resource: 'user', operation: 'get' },
		fault: echoFault([canaries.hologramApiKey], 'apikey'),
		expect: 'error',
	},
	// Hoiio
	{
		provider: 'hoiio',
		name: 'the balance',
		credentials: hoiioCredential,
		node: 'hoiio',
		parameters: { resource: 'account', operation: 'getBalance' },
		expect: 'success',
	},
	{
		provider: 'hoiio',
		name: 'the status of an unknown SMS',
		credentials: hoiioCredential,
		node: 'hoiio',
		parameters: { resource: 'sms', operation: 'getStatus', txnRef: 'AA-S-999999' },
		expect: 'error',
	},
	{
		provider: 'hoiio',
		name: 'an SMS to a number that is no number',
		credentials: hoiioCredential,
		node: 'hoiio',
		parameters: { resource: 'sms', operation: 'send', to: 'not a number', message: 'hi' },
		expect: 'error',
	},
	{
		provider: 'hoiio',
		name: 'a provider echoing the token',
		credentials: hoiioCredential,
		node: 'hoiio',
		parameters: { resource: 'account', operation: 'getBalance' },
		fault: echoFault([canaries.hoiioAccessToken, canaries.hoiioAppId]),
		expect: 'error',
	},
	// Syniverse SCG
	{
		provider: 'syniverseScg',
		name: 'a sender ID',
		credentials: scgCredential,
		node: 'syniverseScg',
		parameters: { resource: 'senderId', operation: 'get', senderId: scgSeed.activeSenderId },
		expect: 'success',
	},
	{
		provider: 'syniverseScg',
		name: 'a contact that does not exist',
		credentials: scgCredential,
		node: 'syniverseScg',
		parameters: { resource: 'contact', operation: 'get', contactId: 'no-such-contact' },
		expect: 'error',
	},
	{
		provider: 'syniverseScg',
		name: 'a message to a recipient that is no number',
		credentials: scgCredential,
		node: 'syniverseScg',
		parameters: {
			resource: 'messageRequest',
			operation: 'create',
			sender: scgSeed.activeSenderId,
			recipients: 'not a number',
			message: 'hi',
		},
		expect: 'error',
	},
	{
		provider: 'syniverseScg',
		name: 'a provider echoing the token',
		credentials: scgCredential,
		node: 'syniverseScg',
		parameters: { resource: 'senderId', operation: 'getAll' },
		fault: echoFault([canaries.scgAccessToken]),
		expect: 'error',
	},
	// Vumi Go
	{
		provider: 'vumiGo',
		name: 'the campaigns',
		credentials: vumiGoCredentials,
		node: 'vumiGo',
		parameters: { resource: 'campaign', operation: 'getAll' },
		expect: 'success',
	},
	{
		provider: 'vumiGo',
		name: 'an SMS through the conversation',
		credentials: vumiGoCredentials,
		node: 'vumiGo',
		parameters: {
			resource: 'message',
			operation: 'sendText',
			toAddress: vumiGoSeed.contactMsisdn(1),
			content: 'hi',
		},
		expect: 'success',
	},
	{
		provider: 'vumiGo',
		name: 'a contact that does not exist',
		credentials: vumiGoCredentials,
		node: 'vumiGo',
		parameters: { resource: 'contact', operation: 'get', contactKey: 'no-such-contact' },
		expect: 'error',
	},
	{
		provider: 'vumiGo',
		name: 'a contact without a key',
		credentials: vumiGoCredentials,
		node: 'vumiGo',
		parameters: { resource: 'contact', operation: 'get', contactKey: '={{ "" }}' },
		expect: 'error',
	},
	{
		provider: 'vumiGo',
		name: 'a provider echoing the conversation token',
		credentials: vumiGoCredentials,
		node: 'vumiGo',
		parameters: {
			resource: 'message',
			operation: 'sendText',
			toAddress: vumiGoSeed.contactMsisdn(1),
			content: 'hi',
		},
		fault: echoFault([canaries.vumiGoConversationToken], vumiGoSeed.accountKey),
		expect: 'error',
	},
	// SmartLiving, with a Maker token and with the legacy login
	...(['smartLivingMaker', 'smartLivingLegacy'] as const).flatMap((key): Case[] => [
		{
			provider: 'smartLiving',
			name: `${key}: the grounds`,
			credentials: { smartLivingApi: key },
			node: 'smartLiving',
			parameters: { resource: 'ground', operation: 'getAll' },
			expect: 'success',
		},
		{
			provider: 'smartLiving',
			name: `${key}: a device that does not exist`,
			credentials: { smartLivingApi: key },
			node: 'smartLiving',
			parameters: { resource: 'device', operation: 'get', deviceBy: 'id', deviceId: 'no-device' },
			expect: 'error',
		},
		{
			provider: 'smartLiving',
			name: `${key}: a command that is no JSON`,
			credentials: { smartLivingApi: key },
			node: 'smartLiving',
			parameters: {
				resource: 'asset',
				operation: 'sendCommand',
				assetBy: 'id',
				assetId: smartLivingSeed.assetIds.target,
				valueType: 'json',
				jsonValue: '{not json',
			},
			expect: 'error',
		},
		{
			provider: 'smartLiving',
			name: `${key}: a provider echoing the credentials`,
			credentials: { smartLivingApi: key },
			node: 'smartLiving',
			parameters: { resource: 'ground', operation: 'getAll' },
			fault:
				key === 'smartLivingMaker'
					? echoFault([canaries.smartLivingMakerToken])
					: { ...echoFault([canaries.smartLivingPassword]), match: { path: '/login' } },
			expect: 'error',
		},
	]),
];

const emulatorOf: Record<string, (typeof emulators)[number]> = {
	hologram,
	hoiio,
	syniverseScg: scg,
	vumiGo,
	smartLiving,
};

beforeAll(async () => {
	await Promise.all(emulators.map(async (emulator) => await emulator.start(0)));
	await createCredential('hologram', 'hologramApi', {
		apiKey: canaries.hologramApiKey,
		baseUrl: hologram.url,
	});
	await createCredential('hoiio', 'hoiioApi', {
		appId: canaries.hoiioAppId,
		accessToken: canaries.hoiioAccessToken,
		defaultCountryCode: '65',
		baseUrl: hoiio.url,
	});
	await createCredential('scg', 'syniverseScgApi', {
		accessToken: canaries.scgAccessToken,
		consumerKey: canaries.scgConsumerKey,
		consumerSecret: canaries.scgConsumerSecret,
		baseUrl: scg.url,
	});
	await createCredential('vumiGo', 'vumiGoApi', {
		accessToken: canaries.vumiGoToken,
		baseUrl: vumiGo.url,
		accountKey: vumiGoSeed.accountKey,
		conversationKey: vumiGoSeed.conversationKeys.sms,
		conversationToken: canaries.vumiGoConversationToken,
		httpApiBaseUrl: vumiGo.httpApiUrl,
	});
	const broker = { brokerHost: smartLiving.mqttUrl, brokerPort: 0, brokerTls: false };
	await createCredential('smartLivingMaker', 'smartLivingApi', {
		platform: 'maker',
		token: canaries.smartLivingMakerToken,
		makerScope: 'ground',
		makerApiUrl: smartLiving.url,
		...broker,
	});
	await createCredential('smartLivingLegacy', 'smartLivingApi', {
		platform: 'smartLiving',
		username: canaries.smartLivingUsername,
		password: canaries.smartLivingPassword,
		apiUrl: smartLiving.url,
		...broker,
	});
}, 120_000);

afterAll(async () => {
	// The setup's teardown removes the log with the server's folder: keep a copy to read when asked.
	if (process.env.TELCO_IOT_CANARY_N8N_LOG)
		copyFileSync(n8n.facts.logFile, process.env.TELCO_IOT_CANARY_N8N_LOG);
	for (const id of createdWorkflows) {
		await n8n.api('POST', `/workflows/${id}/deactivate`).catch(() => undefined);
		await n8n.api('DELETE', `/workflows/${id}`).catch(() => undefined);
	}
	for (const id of createdCredentials)
		await n8n.api('DELETE', `/credentials/${id}`).catch(() => undefined);
	await Promise.all(emulators.map(async (emulator) => await emulator.close()));
});

describe('canary secrets in a real n8n', () => {
	it.each(cases.map((entry) => [`${entry.provider}: ${entry.name}`, entry] as const))(
		'%s',
		async (name, entry) => {
			const emulator = emulatorOf[entry.provider];
			emulator.reset();
			if (entry.fault) emulator.faults.inject(entry.fault);
			const path = uniquePath(`canary-${entry.provider}`);
			const workflow = webhookWorkflow(`e2e: canary ${name}`, path, [
				{
					name: 'Node',
					type: nodeType(entry.node),
					typeVersion: 1,
					parameters: { ...entry.parameters, requestOptions: { maxRetries: 0 } },
					credentials: Object.fromEntries(
						Object.entries(entry.credentials).map(([type, key]) => [type, credentials[key]]),
					),
				},
			]);
			const { id } = await n8n.api<{ id: string }>('POST', '/workflows', {
				name: workflow.name,
				nodes: workflow.nodes,
				connections: workflow.connections,
				settings: workflow.settings,
			});
			createdWorkflows.push(id);
			await n8n.activate(id);

			const answer = await n8n.webhook('POST', path, { hello: 'canary' });
			const execution = await n8n.lastExecution(id);
			emulator.faults.clear();
			executions[name] = execution.status;

			scan(name, [
				['webhook answer', answer.text],
				['execution', JSON.stringify(execution)],
			]);
			expect(execution.status).toBe(entry.expect);
		},
	);

	it('the credential test through n8n, with the canaries and with wrong ones', async () => {
		for (const [key, type] of [
			['hologram', 'hologramApi'],
			['scg', 'syniverseScgApi'],
			['vumiGo', 'vumiGoApi'],
			['smartLivingLegacy', 'smartLivingApi'],
		] as const) {
			const credential = credentials[key];
			// What the editor gets when it opens the credential: n8n masks the password fields.
			const opened = await n8n.rest('GET', `/credentials/${credential.id}?includeData=true`);
			scan(`opening the ${key} credential in the editor`, [['n8n answer', opened.text]]);
			for (const wrong of [false, true]) {
				const tested = Object.fromEntries(
					Object.entries(credentialData[key]).map(([field, value]) => [
						field,
						wrong && typeof value === 'string' && value.startsWith('CANARY-')
							? `${value}-wrong`
							: value,
					]),
				);
				const answer = await n8n.rest('POST', '/credentials/test', {
					credentials: { id: credential.id, name: credential.name, type, data: tested },
				});
				scan(`credential test of ${key}${wrong ? ' with a wrong secret' : ''}`, [
					['n8n answer', answer.text],
				]);
			}
		}
	});

	it('0 hits in the webhook answers, the saved executions and the whole n8n log', () => {
		const logFile = n8n.facts.logFile;
		const log = readFileSync(logFile, 'utf8');
		scan('the n8n server log', [['n8n log', log]]);
		process.stderr.write(
			`[canary secrets e2e] ${cases.length} workflows (${Object.values(executions).filter((status) => status === 'success').length} succeeded, ${Object.values(executions).filter((status) => status === 'error').length} failed), ${scannedTexts} texts scanned, forms ${formNames(forms).join(', ')}, n8n log ${statSync(logFile).size} bytes, identifier echoes ${identifierHits.length}\n`,
		);
		expect(
			hits.map(
				(entry) =>
					`${entry.name}: ${entry.hits.map((hit) => `${hit.secret}/${hit.form} in ${hit.where}: ${hit.around}`).join(' | ')}`,
			),
		).toEqual([]);
	});
});
