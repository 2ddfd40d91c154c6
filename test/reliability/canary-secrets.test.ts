/**
 * Canary secrets: every credential field holds a distinctive value, every operation of every node runs with
 * them (plainly, with continue-on-fail, and a sample under injected faults, including a provider that echoes
 * the credentials back in its error), and every output item, error message, description, context, HTTP code
 * and cause is scanned for the values in every encoding (test/harness/canary.ts). So is what the run printed
 * and what the sandbox keeps as its logs (state dumps: the MQTT message log, IVR session logs, push
 * deliveries). The sandbox's request recording is left out on purpose: it is the wire, and the wire carries
 * the credentials.
 *
 * Each emulator is started with the canary credentials through its own options, so the canaries are accepted
 * and the successful paths are scanned too.
 */
import { writeFileSync } from 'node:fs';
import { inspect } from 'node:util';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
} from 'n8n-workflow';

import {
	hologramSeed,
	hoiioSeed,
	scgSeed,
	smartLivingSeed,
	vumiGoSeed,
	type Fault,
} from '../../sandbox';
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
import type { CredentialFixtures, NodeRun } from '../harness/n8n';
import {
	activatePoller,
	binaryItem,
	listSearch,
	loadOptions,
	loadPackage,
	runNode,
	startTrigger,
	startWebhookTrigger,
} from '../harness/n8n';
import { REDACTED, redactText } from '../../nodes/shared/redact';
import { tallyCase } from './tally';

const SUITE = 'canary secrets';

interface Emulator {
	readonly url: string;
	readonly state: unknown;
	readonly faults: { inject(fault: Fault): void; clear(): void };
	start(port?: number): Promise<string>;
	close(): Promise<void>;
	reset(): void;
}

const { hologram, hoiio, scg, vumiGo, smartLiving } = canaryEmulators();
const emulators: Emulator[] = [hologram, hoiio, scg, vumiGo, smartLiving];

/** The secrets the scans hold to zero hits, in every form; tokens the sandbox issues are added as they appear. */
const forms: SecretForm[] = [];
const identifierForms: SecretForm[] = [];
for (const [name, value] of Object.entries(canaries) as [CanaryName, string][]) {
	const basicUser = canaryBasicUser(name);
	(identifierCanaries.includes(name) ? identifierForms : forms).push(
		...secretForms(name, value, basicUser),
		...secretForms(`wrong ${name}`, wrongValue(value), basicUser),
	);
}
const issuedTokens = new Set<string>();

/** Tokens a credential's preAuthentication stored (SmartLiving sessions, renewed SCG tokens) are secrets too. */
function learnIssuedTokens(fixtures: CredentialFixtures): void {
	const fields = [
		'accessToken',
		'refreshToken',
		'mqttPassword',
		'sessionToken',
		'sessionTokenSource',
	];
	for (const credential of Object.values(fixtures)) {
		for (const field of fields) {
			const value = credential[field];
			if (typeof value !== 'string' || value.length < 8 || issuedTokens.has(value)) continue;
			// The canaries and their wrong twins are scanned from the start.
			if (value.startsWith('CANARY-')) continue;
			issuedTokens.add(value);
			forms.push(...secretForms(`issued ${field}`, value));
		}
	}
}

// ---- what a run exposes ------------------------------------------------------------------------------------

type RunError = NonNullable<NodeRun['error']>;

/** Every surface of an error a user or a log can see, by name. */
function errorSurfaces(error: unknown, prefix: string): [string, string][] {
	if (error === undefined || error === null) return [];
	const candidate = error as RunError & { cause?: unknown; errorResponse?: unknown };
	const surfaces: [string, string][] = [
		[`${prefix} message`, String(candidate.message ?? '')],
		[`${prefix} description`, String(candidate.description ?? '')],
		[`${prefix} httpCode`, String(candidate.httpCode ?? '')],
		[`${prefix} context`, safeJson(candidate.context)],
		[`${prefix} cause`, inspect(candidate.cause, { depth: 12 })],
		[`${prefix} errorResponse`, inspect(candidate.errorResponse, { depth: 12 })],
		[`${prefix} json`, safeJson(candidate)],
		[`${prefix} stack`, String(candidate.stack ?? '')],
		[`${prefix} inspected`, inspect(candidate, { depth: 12, showHidden: true })],
	];
	return surfaces;
}

function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return inspect(value, { depth: 12 });
	}
}

/** Output items, the execution error, and each node run's stored error as the execution saves them. */
function runSurfaces(run: NodeRun): [string, string][] {
	const surfaces: [string, string][] = run.items.map(
		(item, index) => [`output item ${index}`, safeJson(item)] as [string, string],
	);
	surfaces.push(...errorSurfaces(run.error, 'error'));
	const runData = run.run.data.resultData.runData;
	for (const [nodeName, tasks] of Object.entries(runData))
		tasks.forEach((task, index) => {
			surfaces.push(...errorSurfaces(task.error, `${nodeName} task ${index} error`));
			surfaces.push([`${nodeName} task ${index}`, safeJson(task)]);
		});
	surfaces.push(['execution result', safeJson(run.run.data.resultData)]);
	return surfaces;
}

// ---- what the run and the sandbox print ----------------------------------------------------------------

const printed: string[] = [];
const originals = {
	log: console.log,
	info: console.info,
	warn: console.warn,
	error: console.error,
	debug: console.debug,
	stdout: process.stdout.write.bind(process.stdout),
	stderr: process.stderr.write.bind(process.stderr),
};

function capturePrinting(): void {
	for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		console[level] = (...args: unknown[]) => {
			printed.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' '));
		};
	}
	process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
		printed.push(String(chunk));
		return (originals.stdout as (...args: unknown[]) => boolean)(chunk, ...rest);
	}) as typeof process.stdout.write;
	process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
		printed.push(String(chunk));
		return (originals.stderr as (...args: unknown[]) => boolean)(chunk, ...rest);
	}) as typeof process.stderr.write;
}

function restorePrinting(): void {
	console.log = originals.log;
	console.info = originals.info;
	console.warn = originals.warn;
	console.error = originals.error;
	console.debug = originals.debug;
	process.stdout.write = originals.stdout as typeof process.stdout.write;
	process.stderr.write = originals.stderr as typeof process.stderr.write;
}

// ---- the operations ----------------------------------------------------------------------------------------

interface Variant {
	/** Node name in the package. */
	node: string;
	label: string;
	emulator: Emulator;
	/** Fresh fixtures for a run; the same object across runs keeps renewed tokens, as n8n's database does. */
	fixtures: CredentialFixtures;
	/** The fixtures as entered, before any token was stored: for cases after a reset forgot the stored ones. */
	initial: CredentialFixtures;
	/** Parameter values by name, and by `resource.name` where a resource needs its own. */
	values: Record<string, unknown>;
	/** Credential fields that carry the base URL, pointed at a closed port for the network-failure case. */
	/** The fields with the credential's base URLs (one credential may have two). */
	baseUrlFields: Record<string, string | string[]>;
}

interface Operation {
	resource: string;
	operation: string;
	/** The first operation of its resource: the sample that also runs under every fault. */
	sampled: boolean;
}

/** A one-page PDF-ish file in `data`, and fields the operations' default expressions read. */
const inputItem: INodeExecutionData = binaryItem(
	'data',
	Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
	{ fileName: 'canary.pdf', mimeType: 'application/pdf' },
	{ txn_ref: hoiioSeed.firstSmsRef, session: 'S-canary', phone: hoiioSeed.mobile },
);

function operationsOf(properties: INodeProperties[]): Operation[] {
	const resource = properties.find((property) => property.name === 'resource');
	const operations: Operation[] = [];
	for (const option of resource?.options ?? []) {
		const value = (option as { value: string }).value;
		const operationProperty = properties.find(
			(property) =>
				property.name === 'operation' &&
				(property.displayOptions?.show?.resource as string[] | undefined)?.includes(value),
		);
		for (const [index, entry] of (operationProperty?.options ?? []).entries())
			operations.push({
				resource: value,
				operation: (entry as { value: string }).value,
				sampled: index === 0,
			});
	}
	return operations;
}

/** The operation's parameters: every field it shows, from the variant's table; the rest keep defaults. */
function parametersFor(
	variant: Variant,
	properties: INodeProperties[],
	operation: Operation,
	extra: IDataObject = {},
): INodeParameters {
	const parameters: INodeParameters = {
		resource: operation.resource,
		operation: operation.operation,
	};
	for (const property of properties) {
		const show = property.displayOptions?.show;
		if (!show) continue;
		if (!(show.resource as string[] | undefined)?.includes(operation.resource)) continue;
		if (!(show.operation as string[] | undefined)?.includes(operation.operation)) continue;
		const value =
			variant.values[`${operation.resource}.${property.name}`] ?? variant.values[property.name];
		if (value !== undefined) parameters[property.name] = value as INodeParameters[string];
	}
	return { ...parameters, ...extra } as INodeParameters;
}

let variants: Variant[] = [];

beforeAll(async () => {
	await Promise.all(emulators.map(async (emulator) => await emulator.start(0)));
	const smartLivingBroker = { brokerHost: smartLiving.mqttUrl };
	const variantsWithoutInitial: Omit<Variant, 'initial'>[] = [
		{
			node: 'hologram',
			label: 'Hologram',
			emulator: hologram,
			fixtures: { hologramApi: { apiKey: canaries.hologramApiKey, baseUrl: hologram.url } },
			baseUrlFields: { hologramApi: 'baseUrl' },
			values: {
				sims: hologramSeed.sim(3001),
				planId: hologramSeed.planIds[0],
				linkId: hologramSeed.linkIds[0],
				overageLimit: 100,
				deviceId: hologramSeed.deviceIds[0],
				deviceIds: String(hologramSeed.deviceIds[0]),
				message: 'canary run',
				webhookGuid: hologramSeed.webhookGuid(hologramSeed.deviceIds[0]),
				name: 'canary-tag',
				tagId: hologramSeed.tagIds[0],
				organizationId: hologramSeed.personalOrgId,
				amount: 1,
				publicKey: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC canary@example',
				keyId: hologramSeed.tunnelKeyIds.enabled,
			},
		},
		{
			node: 'hoiio',
			label: 'Hoiio',
			emulator: hoiio,
			fixtures: {
				hoiioApi: {
					appId: canaries.hoiioAppId,
					accessToken: canaries.hoiioAccessToken,
					defaultCountryCode: '65',
					baseUrl: hoiio.url,
				},
			},
			baseUrlFields: { hoiioApi: 'baseUrl' },
			values: {
				hoiioNumber: hoiioSeed.sgNumber,
				'number.hoiioNumber': hoiioSeed.usNumber,
				to: hoiioSeed.mobile,
				'sms.txnRef': hoiioSeed.firstSmsRef,
				'voice.txnRef': hoiioSeed.firstCallRef,
				'fax.txnRef': hoiioSeed.firstFaxRef,
				transferNumber: '+6591234568',
				country: 'SG',
				secondNumber: '+6591234568',
				firstNumber: hoiioSeed.mobile,
				participants: `${hoiioSeed.mobile},+6591234568`,
				message: 'canary run',
				recipients: `${hoiioSeed.mobile},+6591234568`,
			},
		},
		{
			node: 'syniverseScg',
			label: 'Syniverse SCG',
			emulator: scg,
			fixtures: {
				syniverseScgApi: {
					accessToken: canaries.scgAccessToken,
					consumerKey: canaries.scgConsumerKey,
					consumerSecret: canaries.scgConsumerSecret,
					baseUrl: scg.url,
				},
			},
			baseUrlFields: { syniverseScgApi: 'baseUrl' },
			values: {
				attachmentId: scgSeed.attachmentId,
				contactId: scgSeed.contactIds[0],
				contactGroupId: scgSeed.groupId,
				contactIds: scgSeed.contactIds[2],
				name: 'canary group',
				messageId: scgSeed.messageIds[0],
				messageRequestId: scgSeed.messageRequestId,
				sender: scgSeed.activeSenderId,
				recipients: scgSeed.contactMdns[0],
				message: 'canary run',
				senderId: scgSeed.activeSenderId,
			},
		},
		{
			node: 'vumiGo',
			label: 'Vumi Go',
			emulator: vumiGo,
			fixtures: {
				vumiGoApi: {
					accessToken: canaries.vumiGoToken,
					baseUrl: vumiGo.url,
					accountKey: vumiGoSeed.accountKey,
					conversationKey: vumiGoSeed.conversationKeys.sms,
					conversationToken: canaries.vumiGoConversationToken,
					httpApiBaseUrl: vumiGo.httpApiUrl,
				},
			},
			baseUrlFields: { vumiGoApi: ['baseUrl', 'httpApiBaseUrl'] },
			values: {
				campaignKey: vumiGoSeed.campaignKey,
				contactKey: vumiGoSeed.contactKey(1),
				groupKey: vumiGoSeed.groupKeys.staff,
				name: 'canary group',
				toAddress: vumiGoSeed.contactMsisdn(1),
				content: 'canary run',
				metrics: { metric: [{ name: 'canary.metric', value: 1 }] },
				metricName: vumiGoSeed.metricNames.sent,
				address: vumiGoSeed.optedOutMsisdns[0],
			},
		},
		...(['maker', 'smartLiving'] as const).map(
			(platform): Omit<Variant, 'initial'> => ({
				node: 'smartLiving',
				label: `SmartLiving (${platform === 'maker' ? 'Maker token' : 'legacy login'})`,
				emulator: smartLiving,
				fixtures: {
					smartLivingApi:
						platform === 'maker'
							? {
									platform,
									token: canaries.smartLivingMakerToken,
									makerScope: 'ground',
									makerApiUrl: smartLiving.url,
									...smartLivingBroker,
								}
							: {
									platform,
									username: canaries.smartLivingUsername,
									password: canaries.smartLivingPassword,
									apiUrl: smartLiving.url,
									...smartLivingBroker,
								},
				},
				baseUrlFields: { smartLivingApi: platform === 'maker' ? 'makerApiUrl' : 'apiUrl' },
				values: {
					deviceId: smartLivingSeed.deviceIds.thermostat,
					name: 'canary-asset',
					assetName: 'target',
					assetId: smartLivingSeed.assetIds.target,
					groundId: smartLivingSeed.groundIds.home,
					gatewayId: smartLivingSeed.gatewayId,
					deviceName: smartLivingSeed.plugDeviceName,
					numberValue: 21,
					message: 'canary run',
				},
			}),
		),
	];
	variants = variantsWithoutInitial.map((variant) => ({
		...variant,
		initial: structuredClone(variant.fixtures),
	}));
	capturePrinting();
});

afterAll(async () => {
	restorePrinting();
	await Promise.all(emulators.map(async (emulator) => await emulator.close()));
});

const caseHits: { name: string; hits: CanaryHit[] }[] = [];
const identifierHits: { name: string; hits: CanaryHit[] }[] = [];
let scannedRuns = 0;
let scannedOperations = 0;
/** Runs that succeeded, by variant: the canaries were accepted, so the successful paths were scanned too. */
const successes = new Map<string, number>();

/** Scans one case, tallies it, and keeps the hits for the final assertion. */
function record(name: string, surfaces: [string, string][]): void {
	const hits = surfaces.flatMap(([where, text]) => scanText(text, forms, where));
	const identifiers = surfaces.flatMap(([where, text]) => scanText(text, identifierForms, where));
	scannedRuns += 1;
	caseHits.push({ name, hits });
	if (identifiers.length > 0) identifierHits.push({ name, hits: identifiers });
	tallyCase({
		suite: SUITE,
		name: `${name}: ${hits.length} hits${hits.length ? ` (${describeHits(hits)})` : ''}`,
		lost: hits.length,
		duplicated: 0,
	});
}

function describeHits(hits: CanaryHit[]): string {
	return [...new Set(hits.map((hit) => `${hit.secret}/${hit.form} in ${hit.where}`))].join('; ');
}

async function runCase(
	variant: Variant,
	name: string,
	parameters: INodeParameters,
	continueOnFail: boolean,
	fixtures: CredentialFixtures = variant.fixtures,
	dataWhenAnswered = false,
): Promise<void> {
	let surfaces: [string, string][];
	try {
		const run = await runNode({
			node: variant.node,
			parameters,
			credentials: fixtures,
			inputItems: [inputItem],
			continueOnFail,
		});
		// The echo body carries an `echo` field: items holding it are the provider's answer, not an error.
		const answeredAsData =
			run.error === undefined && run.items.every((item) => item.json.echo !== undefined);
		if (run.error === undefined && run.items.every((item) => item.json.error === undefined))
			successes.set(variant.label, (successes.get(variant.label) ?? 0) + 1);
		surfaces = dataWhenAnswered && answeredAsData ? [] : runSurfaces(run);
	} catch (error) {
		// The harness itself threw: what it threw is what a server would log.
		surfaces = errorSurfaces(error, 'thrown');
	}
	learnIssuedTokens(fixtures);
	record(`${variant.label} ${name}${continueOnFail ? ' (continue on fail)' : ''}`, surfaces);
}

/** A secret a request carries, and the user name it goes with in a Basic header. */
interface SentSecret {
	value: string;
	basicUser?: string;
}

/**
 * What the operation's requests carry, for a provider that echoes it back: a provider can only echo what it
 * was sent. Legacy SmartLiving sends its password to `/login` only, so only the login echoes.
 */
function sentSecrets(
	variant: Variant,
	operation: Operation,
): { sent: SentSecret[]; path?: string } {
	if (variant.emulator === hologram)
		return { sent: [{ value: canaries.hologramApiKey, basicUser: 'apikey' }] };
	if (variant.emulator === hoiio)
		return { sent: [{ value: canaries.hoiioAppId }, { value: canaries.hoiioAccessToken }] };
	if (variant.emulator === scg) return { sent: [{ value: canaries.scgAccessToken }] };
	if (variant.emulator === vumiGo)
		return operation.resource === 'message'
			? {
					sent: [{ value: canaries.vumiGoConversationToken, basicUser: vumiGoSeed.accountKey }],
				}
			: { sent: [{ value: canaries.vumiGoToken }] };
	return variant.fixtures.smartLivingApi.platform === 'maker'
		? { sent: [{ value: canaries.smartLivingMakerToken }] }
		: {
				sent: [{ value: canaries.smartLivingUsername }, { value: canaries.smartLivingPassword }],
				path: '/login',
			};
}

/** A provider that echoes the credentials it received back in its error, in every way one might. */
function echoBody(sent: SentSecret[], html: boolean): string {
	const lines = sent.flatMap(({ value, basicUser }) => [
		`key ${value} is not valid`,
		`Authorization: Bearer ${value}`,
		`GET /api?apikey=${encodeURIComponent(value)}&access_token=${encodeURIComponent(value)}&token=${value}`,
		`GET /api?key=${encodeURIComponent(value)}&auth=${new URLSearchParams({ v: value }).toString().slice(2)}`,
		`credential ${encodeURIComponent(value)} (${Buffer.from(value).toString('base64')}) refused`,
		...(basicUser === undefined
			? []
			: [`Authorization: Basic ${Buffer.from(`${basicUser}:${value}`).toString('base64')}`]),
	]);
	const text = lines.join('; ');
	if (html) return `<html><body><h1>401 Unauthorized</h1><p>${text}</p></body></html>`;
	return JSON.stringify({
		success: false,
		error: text,
		message: text,
		reason: text,
		status: 'error_invalid_access_token',
		status_code: 401,
		error_description: text,
		errors: [{ message: text, code: 'UNAUTHORIZED' }],
		echo: { credentials: sent.map((entry) => entry.value) },
	});
}

interface FaultCase {
	name: string;
	fault: (variant: Variant, operation: Operation) => Fault;
	/**
	 * A 200 is an error only where the provider has an error envelope; elsewhere the echo is the provider's
	 * own data, handed over as the user asked: only an error made of it is scanned.
	 */
	dataWhenAnswered?: boolean;
}

function echoFault(
	status: number,
	html: boolean,
): (variant: Variant, operation: Operation) => Fault {
	return (variant, operation) => {
		const { sent, path } = sentSecrets(variant, operation);
		return {
			type: 'status',
			status,
			body: echoBody(sent, html),
			...(html ? { contentType: 'text/html' } : {}),
			...(path ? { match: { path } } : {}),
		};
	};
}

const faults: FaultCase[] = [
	{ name: '401', fault: () => ({ type: 'status', status: 401 }) },
	{ name: '500', fault: () => ({ type: 'status', status: 500 }) },
	{ name: 'malformed JSON', fault: () => ({ type: 'malformedJson' }) },
	{ name: 'HTML error page', fault: () => ({ type: 'htmlError', status: 502 }) },
	{ name: 'connection dropped', fault: () => ({ type: 'drop', when: 'beforeHandling' }) },
	{ name: '401 echoing the credentials (JSON)', fault: echoFault(401, false) },
	{ name: '400 echoing the credentials (HTML)', fault: echoFault(400, true) },
	{
		name: '200 error envelope echoing the credentials',
		fault: echoFault(200, false),
		dataWhenAnswered: true,
	},
];

describe('canary secrets never leave the credential', () => {
	it('redaction removes a secret as entered, URL-encoded and in base64, a Basic header included', () => {
		const secret = canaries.hologramApiKey;
		const basic = Buffer.from(`apikey:${secret}`).toString('base64');
		const text = [
			`key ${secret}`,
			`?key=${encodeURIComponent(secret)}`,
			`token ${Buffer.from(secret).toString('base64')}`,
			`header ${basic}`,
		].join('; ');

		const redacted = redactText(text, [secret]);

		expect(scanText(redacted, secretForms('hologramApiKey', secret, 'apikey'), 'text')).toEqual([]);
		expect(redacted).toContain(`key ${REDACTED}; ?key=${REDACTED}; token ${REDACTED}; header`);
	});

	it('every operation of every node, plainly, with continue on fail, and a sample under faults', async () => {
		const pkg = await loadPackage();
		for (const variant of variants) {
			const properties = pkg.nodeType(variant.node).description.properties;
			const operations = operationsOf(properties);
			expect(operations.length).toBeGreaterThan(0);
			for (const operation of operations) {
				scannedOperations += 1;
				const label = `${operation.resource}.${operation.operation}`;
				const parameters = parametersFor(variant, properties, operation);
				for (const continueOnFail of [false, true]) {
					variant.emulator.reset();
					await runCase(variant, label, parameters, continueOnFail);
				}
				if (!operation.sampled) continue;
				const quick = parametersFor(variant, properties, operation, {
					requestOptions: { maxRetries: 0 },
				});
				for (const { name, fault, dataWhenAnswered } of faults) {
					for (const continueOnFail of [false, true]) {
						variant.emulator.reset();
						variant.emulator.faults.inject(fault(variant, operation));
						await runCase(
							variant,
							`${label} under ${name}`,
							quick,
							continueOnFail,
							variant.fixtures,
							dataWhenAnswered,
						);
						variant.emulator.faults.clear();
					}
				}
				// Nobody listening at the base URL: the transport's own error.
				const unreachable = Object.fromEntries(
					Object.entries(variant.fixtures).map(([type, credential]) => [
						type,
						{
							...credential,
							...Object.fromEntries(
								[variant.baseUrlFields[type] ?? 'baseUrl']
									.flat()
									.map((field) => [field, 'http://127.0.0.1:9/closed']),
							),
						},
					]),
				) as CredentialFixtures;
				await runCase(variant, `${label} unreachable`, quick, false, unreachable);
				// A wrong secret: the provider's own refusal.
				const wrong = Object.fromEntries(
					Object.entries(variant.fixtures).map(([type, credential]) => [
						type,
						withWrongSecrets(credential),
					]),
				) as CredentialFixtures;
				await runCase(variant, `${label} with a wrong secret`, quick, true, wrong);
			}
		}
		expect(scannedOperations).toBeGreaterThanOrEqual(131);
	});

	it('token renewals: an expired SCG token and expired SmartLiving sessions', async () => {
		const pkg = await loadPackage();
		for (const variant of variants.filter((entry) => entry.node !== 'hologram')) {
			const properties = pkg.nodeType(variant.node).description.properties;
			const [operation] = operationsOf(properties);
			variant.emulator.reset();
			if (variant.emulator === scg) scg.expireToken();
			if (
				variant.emulator === smartLiving &&
				variant.fixtures.smartLivingApi.platform !== 'maker'
			) {
				// A first run logs in (legacy) so there is a session to expire.
				await runCase(variant, 'first login', parametersFor(variant, properties, operation), false);
				smartLiving.expireAccessTokens();
			}
			const parameters = parametersFor(variant, properties, operation);
			await runCase(
				variant,
				`${operation.resource}.${operation.operation} renewed`,
				parameters,
				false,
			);
			if (
				variant.emulator === smartLiving &&
				variant.fixtures.smartLivingApi.platform !== 'maker'
			) {
				smartLiving.expireAccessTokens();
				smartLiving.revokeRefreshTokens();
				await runCase(variant, 'login again after a revoked refresh token', parameters, false);
			}
			// The renewed tokens die with the next reset: later cases start from the credential as entered.
			for (const [type, credential] of Object.entries(variant.initial))
				variant.fixtures[type] = structuredClone(credential);
		}
	});

	it('SmartLiving MQTT (companion package): commands and states over MQTT, and with the broker down', async () => {
		const pkg = await loadPackage();
		const properties = pkg.nodeType('smartLivingMqtt').description.properties;
		for (const variant of variants.filter((entry) => entry.node === 'smartLiving')) {
			const mqtt: Variant = {
				...variant,
				node: 'smartLivingMqtt',
				label: variant.label.replace('SmartLiving', 'SmartLiving MQTT'),
			};
			for (const operation of ['sendCommand', 'sendState']) {
				const label = `asset.${operation} over MQTT`;
				const parameters = parametersFor(mqtt, properties, {
					resource: 'asset',
					operation,
					sampled: false,
				});
				smartLiving.reset();
				await runCase(mqtt, label, parameters, false);
				await smartLiving.stopBroker();
				try {
					await runCase(mqtt, `${label}, broker down`, parameters, false);
					await runCase(mqtt, `${label}, broker down`, parameters, true);
				} finally {
					await smartLiving.startBroker();
				}
			}
		}
	});

	it('every dropdown and list search, answered and refused', async () => {
		const pkg = await loadPackage();
		for (const variant of variants) {
			const methods = pkg.nodeType(variant.node).methods ?? {};
			const properties = pkg.nodeType(variant.node).description.properties;
			const [operation] = operationsOf(properties);
			const parameters = parametersFor(variant, properties, operation);
			const calls = [
				...Object.keys(methods.loadOptions ?? {}).map((method) => ({
					kind: 'loadOptions',
					method,
				})),
				...Object.keys(methods.listSearch ?? {}).map((method) => ({ kind: 'listSearch', method })),
			];
			for (const call of calls) {
				for (const fault of [undefined, faults[5]]) {
					variant.emulator.reset();
					if (fault) variant.emulator.faults.inject(fault.fault(variant, operation));
					let surfaces: [string, string][];
					try {
						const request = {
							node: variant.node,
							method: call.method,
							parameters,
							credentials: variant.fixtures,
						};
						const answer =
							call.kind === 'loadOptions' ? await loadOptions(request) : await listSearch(request);
						surfaces = [['dropdown options', safeJson(answer)]];
					} catch (error) {
						surfaces = errorSurfaces(error, 'dropdown error');
					}
					variant.emulator.faults.clear();
					learnIssuedTokens(variant.fixtures);
					record(
						`${variant.label} ${call.kind} ${call.method}${fault ? ` under ${fault.name}` : ''}`,
						surfaces,
					);
				}
			}
		}
	});

	it('triggers: activation, an event, deactivation, and activation refused', async () => {
		const byEmulator = (emulator: Emulator) =>
			variants.filter((variant) => variant.emulator === emulator);
		const webhookTriggers: {
			variant: Variant;
			node: string;
			parameters: INodeParameters;
			event: () => Promise<unknown>;
		}[] = [
			{
				variant: byEmulator(scg)[0],
				node: 'syniverseScgTrigger',
				parameters: { events: ['mo_message_received'] },
				event: async () => {
					scg.simulateInboundMessage({ from: '+14085551212', to: '+15552223561', body: 'HI' });
					return await scg.flush();
				},
			},
			{
				variant: byEmulator(hoiio)[0],
				node: 'hoiioTrigger',
				parameters: { events: ['incomingSms'], hoiioNumber: hoiioSeed.usNumber },
				event: async () => {
					hoiio.simulateIncomingSms({ from: hoiioSeed.mobile, to: hoiioSeed.usNumber, msg: 'HI' });
					return await hoiio.flushNotifications();
				},
			},
		];
		for (const { variant, node, parameters, event } of webhookTriggers) {
			for (const fault of [undefined, ...faults.slice(0, 2), faults[5]]) {
				variant.emulator.reset();
				if (fault)
					variant.emulator.faults.inject(
						fault.fault(variant, { resource: '', operation: '', sampled: false }),
					);
				const surfaces: [string, string][] = [];
				const fixtures = structuredClone(variant.initial);
				let outcome = 'not activated';
				try {
					const trigger = await startWebhookTrigger({
						node,
						parameters,
						credentials: fixtures,
					});
					variant.emulator.faults.clear();
					await event();
					await trigger.waitForRuns(1, 3000).catch(() => undefined);
					if (fault)
						variant.emulator.faults.inject(
							fault.fault(variant, { resource: '', operation: '', sampled: false }),
						);
					await trigger.deactivate().catch((error: unknown) => {
						surfaces.push(...errorSurfaces(error, 'deactivation error'));
					});
					surfaces.push(['runs', safeJson(trigger.runs.map((run) => run.items))]);
					outcome = `${trigger.runs.length} runs`;
					surfaces.push([
						'webhook answers',
						safeJson(trigger.requests.map((request) => request.response)),
					]);
					trigger.errors.forEach((error, index) =>
						surfaces.push(...errorSurfaces(error, `webhook error ${index}`)),
					);
					trigger.webhookMethodCalls.forEach((call, index) =>
						surfaces.push(...errorSurfaces(call.error, `${call.method} ${index} error`)),
					);
					surfaces.push(['static data', safeJson(trigger.staticData)]);
				} catch (error) {
					surfaces.push(...errorSurfaces(error, 'activation error'));
					outcome = `not activated: ${(error as Error).message}`;
				}
				variant.emulator.faults.clear();
				learnIssuedTokens(fixtures);
				record(
					`${variant.label} ${node}${fault ? ` under ${fault.name}` : ''} (${outcome})`,
					surfaces,
				);
			}
		}

		for (const variant of byEmulator(smartLiving)) {
			for (const brokerDown of [false, true]) {
				smartLiving.reset();
				await smartLiving.wipeBroker();
				if (brokerDown) await smartLiving.stopBroker();
				const surfaces: [string, string][] = [];
				const fixtures = structuredClone(variant.initial);
				const maker = fixtures.smartLivingApi.platform === 'maker';
				let outcome = 'not activated';
				try {
					const trigger = await startTrigger({
						node: 'smartLivingTrigger',
						parameters: {
							level: maker ? 'device' : 'asset',
							direction: 'out',
							kinds: ['state'],
							deviceId: smartLivingSeed.deviceIds.thermostat,
							...(maker ? {} : { assetBy: 'device', assetName: '+' }),
						},
						credentials: fixtures,
					});
					try {
						if (!brokerDown) {
							for (let i = 0; i < 100 && smartLiving.mqttClientIds.length === 0; i++)
								await new Promise((resolve) => setTimeout(resolve, 50));
							// Connected is not yet subscribed.
							await new Promise((resolve) => setTimeout(resolve, 300));
							await smartLiving.simulateDeviceState(smartLivingSeed.assetIds.temperature, 22.5, {
								platform: maker ? 'maker' : 'legacy',
							});
							await trigger.waitForEmit(1, 3000).catch(() => undefined);
						} else {
							await trigger.waitForError(1, 3000).catch(() => undefined);
						}
						surfaces.push(['emitted', safeJson(trigger.emitted)]);
						outcome = `${trigger.emitted.length} emits, ${trigger.errors.length} errors`;
						trigger.errors.forEach((error, index) =>
							surfaces.push(...errorSurfaces(error, `trigger error ${index}`)),
						);
					} finally {
						await trigger.close();
					}
				} catch (error) {
					surfaces.push(...errorSurfaces(error, 'activation error'));
				} finally {
					if (brokerDown) await smartLiving.startBroker();
				}
				learnIssuedTokens(fixtures);
				record(
					`${variant.label} smartLivingTrigger${brokerDown ? ' with the broker down' : ''} (${outcome})`,
					surfaces,
				);
			}
		}

		// The polling trigger: a poll that finds a state, one refused by the platform, one for a missing asset.
		for (const variant of byEmulator(smartLiving)) {
			for (const fault of [undefined, faults[0], faults[5]]) {
				for (const assetId of [smartLivingSeed.assetIds.temperature, 'asset-canary-missing']) {
					smartLiving.reset();
					const surfaces: [string, string][] = [];
					const fixtures = structuredClone(variant.initial);
					let outcome = 'not activated';
					try {
						const poller = await activatePoller({
							node: 'smartLivingPollTrigger',
							parameters: { assetIds: [assetId] },
							credentials: fixtures,
						});
						await smartLiving.simulateDeviceState(smartLivingSeed.assetIds.temperature, 23.5, {
							at: '2024-06-01T10:00:00.000Z',
						});
						if (fault)
							smartLiving.faults.inject(
								fault.fault(variant, { resource: '', operation: '', sampled: false }),
							);
						await poller.poll();
						surfaces.push(['executions', safeJson(poller.executions)]);
						surfaces.push(['static data', safeJson(poller.savedStaticData())]);
						poller.errors.forEach((error, index) =>
							surfaces.push(...errorSurfaces(error, `poll error ${index}`)),
						);
						outcome = `${poller.executions.length} executions, ${poller.errors.length} errors`;
					} catch (error) {
						surfaces.push(...errorSurfaces(error, 'activation error'));
					}
					smartLiving.faults.clear();
					learnIssuedTokens(fixtures);
					record(
						`${variant.label} smartLivingPollTrigger on ${assetId}${fault ? ` under ${fault.name}` : ''} (${outcome})`,
						surfaces,
					);
				}
			}
		}
	});

	it('nothing printed and nothing in the sandbox logs: 0 hits in every form', () => {
		const sandboxLogs: [string, string][] = emulators.map((emulator, index) => [
			`sandbox state and logs of emulator ${index}`,
			safeJson(emulator.state),
		]);
		record('printed output of the whole run', [['printed', printed.join('\n')]]);
		record('sandbox logs', sandboxLogs);

		const withHits = caseHits.filter((entry) => entry.hits.length > 0);
		const summary = [
			`${scannedOperations} operations, ${scannedRuns} cases scanned`,
			`successful runs: ${[...successes].map(([label, count]) => `${label} ${count}`).join(', ')}`,
			`forms: ${formNames(forms).join(', ')}`,
			`secrets: ${new Set(forms.filter((form) => form.form === 'raw').map((form) => form.needle)).size} (${issuedTokens.size} issued by the sandbox)`,
			`identifier echoes (not secrets): ${identifierHits.length} cases`,
		].join('\n');
		originals.stdout(`\n[canary secrets] ${summary}\n`);
		if (process.env.TELCO_IOT_CANARY_REPORT)
			writeFileSync(
				process.env.TELCO_IOT_CANARY_REPORT,
				JSON.stringify({ withHits, cases: caseHits.map((entry) => entry.name) }, null, 1),
			);
		expect(withHits.map((entry) => `${entry.name}: ${describeHits(entry.hits)}`)).toEqual([]);
		// Every provider accepted its canaries: the successful paths were scanned, not only refusals.
		for (const variant of variants) expect(successes.get(variant.label) ?? 0).toBeGreaterThan(5);
	});
});

/** A wrong secret is still the user's secret (a typo of the real one): it must not leak either. */
function wrongValue(value: string): string {
	return value.replace('CANARY-', 'CANARY-wrong-').replace(/-([0-9a-f]{12})/, '-0$1');
}

/** The same credential with each canary replaced by a wrong value of the same shape. */
function withWrongSecrets(
	credential: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	const copy: ICredentialDataDecryptedObject = {};
	for (const [field, value] of Object.entries(credential)) {
		copy[field] =
			typeof value === 'string' && Object.values(canaries).includes(value as never)
				? wrongValue(value)
				: value;
	}
	return copy;
}
