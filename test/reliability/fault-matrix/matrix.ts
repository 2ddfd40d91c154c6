// The counted fault matrix (issue 9): every fault the sandbox injects, on one read and one send of every
// provider, once as a passing blip (`times: 1`) and once for good. The outcome must be success after a
// retry where repeating is safe, or a clear NodeApiError; the emulator's own records must show every send
// carried out exactly once, or the error must say the send may have happened.
//
// Each case starts its own sandbox, so cases run side by side without seeing each other's faults or sends.
import type {
	ICredentialDataDecryptedObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import type {
	Fault,
	FaultMatch,
	HttpEmulator,
	ProviderName,
	RecordedRequest,
	Sandbox,
} from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import type { CredentialFixtures, NodeRun } from '../../harness/n8n';
import { runNode } from '../../harness/n8n';
import { tallyCase } from '../tally';

/**
 * The node gives up on an answer after this long, and a latency fault holds the answer back well past
 * it. Not much shorter: cases run side by side in one process, and a busy event loop must not time out
 * a request that had no fault.
 */
export const TIMEOUT_MS = 2000;
export const LATENCY_MS = 4000;
/** One retry is enough to get past a fault that happens once. */
const MAX_RETRIES = 1;

export interface ReadUnderTest {
	/** For the test name: "device get". */
	name: string;
	parameters: INodeParameters;
	/** The operation's own requests, so that a fault never hits a login or token renewal instead. */
	match: FaultMatch;
	/** Whether the output items are the record that was asked for. */
	isExpected(items: INodeExecutionData[]): boolean;
}

export interface SendUnderTest {
	name: string;
	/** The node parameters of a send that carries `marker`, so the emulator's records can be counted. */
	parameters(marker: string): INodeParameters;
	match: FaultMatch;
	/** How many sends carrying `marker` the emulator carried out. */
	performed(sandbox: Sandbox, marker: string): number;
}

export interface MatrixTarget {
	/** How the node names the provider in its messages. */
	displayName: string;
	/** For test names, when one provider is tested twice (SmartLiving legacy and Maker). */
	label?: string;
	provider: ProviderName;
	/** The node's name in the package. */
	node: string;
	credentials(sandbox: Sandbox): CredentialFixtures;
	/** Credential fields whose values must never show in an error or an output item. */
	secretFields: string[];
	read: ReadUnderTest;
	send: SendUnderTest;
}

interface FaultUnderTest {
	name: string;
	fault: Fault;
	/** The emulator carries the operation out before (or despite) the fault. */
	reachesHandler: boolean;
	/** A status that says the provider did not carry the request out, so even a send is retried. */
	notProcessed?: boolean;
	/** The HTTP status the node sees, when it sees one. */
	httpCode?: string;
	/** For a send: the node cannot tell whether it happened, and must say so. */
	unknownOutcome?: boolean;
}

export const faults: FaultUnderTest[] = [
	{
		name: `latency of ${LATENCY_MS} ms past a ${TIMEOUT_MS} ms timeout`,
		fault: { type: 'latency', ms: LATENCY_MS },
		reachesHandler: true,
		unknownOutcome: true,
	},
	{
		name: '429 with Retry-After',
		fault: { type: 'status', status: 429, retryAfter: 1 },
		reachesHandler: false,
		notProcessed: true,
		httpCode: '429',
	},
	{
		name: '429 without Retry-After',
		fault: { type: 'status', status: 429 },
		reachesHandler: false,
		notProcessed: true,
		httpCode: '429',
	},
	{
		name: '500',
		fault: { type: 'status', status: 500 },
		reachesHandler: false,
		httpCode: '500',
	},
	{
		name: '502',
		fault: { type: 'status', status: 502 },
		reachesHandler: false,
		httpCode: '502',
	},
	{
		name: '503',
		fault: { type: 'status', status: 503 },
		reachesHandler: false,
		notProcessed: true,
		httpCode: '503',
	},
	{
		name: 'connection dropped before the request reached the emulator',
		fault: { type: 'drop', when: 'beforeHandling' },
		reachesHandler: false,
		unknownOutcome: true,
	},
	{
		name: 'connection dropped after the emulator handled the request',
		fault: { type: 'drop', when: 'afterHandling' },
		reachesHandler: true,
		unknownOutcome: true,
	},
	{
		name: 'malformed JSON',
		fault: { type: 'malformedJson' },
		reachesHandler: true,
		unknownOutcome: true,
		httpCode: '200',
	},
	{
		name: 'an HTML error page',
		fault: { type: 'htmlError', status: 502 },
		reachesHandler: false,
		httpCode: '502',
	},
	{
		name: 'an empty body',
		fault: { type: 'emptyBody' },
		reachesHandler: true,
	},
];

type Kind = 'read' | 'send';
type Persistence = 'once' | 'always';

interface Expected {
	outcome: 'success' | 'error';
	/** Requests the operation made (the emulator's count). */
	attempts: number;
	/** Sends the emulator carried out. */
	performed?: number;
	/** The error must say the send may have happened. */
	mayHaveSent?: boolean;
	httpCode?: string;
}

/** What the spec asks for, case by case. */
export function expected(kind: Kind, entry: FaultUnderTest, persistence: Persistence): Expected {
	const retries = 1 + MAX_RETRIES;
	if (kind === 'read') {
		// A read is always safe to repeat: past a blip it succeeds, against a lasting fault it fails clearly.
		return persistence === 'once'
			? { outcome: 'success', attempts: 2 }
			: { outcome: 'error', attempts: retries, httpCode: entry.httpCode };
	}
	if (entry.notProcessed) {
		return persistence === 'once'
			? { outcome: 'success', attempts: 2, performed: 1 }
			: { outcome: 'error', attempts: retries, performed: 0, httpCode: entry.httpCode };
	}
	// Anything else on a send is never repeated: the provider may have carried it out.
	if (entry.fault.type === 'emptyBody') return { outcome: 'success', attempts: 1, performed: 1 };
	return {
		outcome: 'error',
		attempts: 1,
		performed: entry.reachesHandler ? 1 : 0,
		mayHaveSent: entry.unknownOutcome ?? false,
		httpCode: entry.httpCode,
	};
}

function matches(match: FaultMatch, request: RecordedRequest): boolean {
	if (match.method && match.method.toUpperCase() !== request.method) return false;
	if (match.path === undefined) return true;
	return typeof match.path === 'string'
		? request.pathname.includes(match.path)
		: match.path.test(request.pathname);
}

const delay = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Every value of the secret fields, including tokens a login wrote back into the credential. */
function secretsOf(credentials: CredentialFixtures, fields: string[]): string[] {
	return Object.values(credentials).flatMap((credential: ICredentialDataDecryptedObject) =>
		fields
			.map((field) => credential[field])
			.filter((value): value is string => typeof value === 'string' && value.length >= 4),
	);
}

/** "Was it lost, was it duplicated": judged from the node's answer and the emulator's records alone. */
function tally(
	kind: Kind,
	run: NodeRun,
	isExpected: boolean,
	performed: number,
): { lost: number; duplicated: number } {
	if (kind === 'read')
		return { lost: run.error === undefined && !isExpected ? 1 : 0, duplicated: 0 };
	const saysMaybeSent = /may have been carried out/.test(
		`${run.error?.message ?? ''} ${run.error?.description ?? ''}`,
	);
	const reportedSuccess = run.error === undefined;
	const lost =
		(reportedSuccess && performed === 0) || (!reportedSuccess && !saysMaybeSent && performed > 0);
	return { lost: lost ? 1 : 0, duplicated: Math.max(0, performed - 1) };
}

interface CaseResult {
	run: NodeRun;
	attempts: number;
	performed: number;
	isExpected: boolean;
	secrets: string[];
}

/**
 * One clean run of the read before any case, so that loading n8n and the package (which blocks the
 * event loop for a while) does not make the first cases' requests time out before they are sent.
 */
const warmUps = new Map<MatrixTarget, Promise<void>>();
async function cleanRead(target: MatrixTarget): Promise<void> {
	const sandbox = await startSandbox({ providers: [target.provider] });
	try {
		await runNode({
			node: target.node,
			parameters: target.read.parameters,
			credentials: target.credentials(sandbox),
		});
	} finally {
		await sandbox.close();
	}
}
async function warmUp(target: MatrixTarget): Promise<void> {
	if (!warmUps.has(target)) warmUps.set(target, cleanRead(target));
	await warmUps.get(target);
}

async function runCase(
	target: MatrixTarget,
	kind: Kind,
	entry: FaultUnderTest,
	persistence: Persistence,
	marker: string,
): Promise<CaseResult> {
	await warmUp(target);
	const sandbox = await startSandbox({ providers: [target.provider] });
	try {
		const emulator = sandbox.emulators[target.provider] as HttpEmulator<unknown>;
		const operation = kind === 'read' ? target.read : target.send;
		const parameters = kind === 'read' ? target.read.parameters : target.send.parameters(marker);
		const before = kind === 'send' ? target.send.performed(sandbox, marker) : 0;
		emulator.faults.inject({
			...entry.fault,
			match: operation.match,
			...(persistence === 'once' ? { times: 1 } : {}),
		} as Fault);
		const credentials = target.credentials(sandbox);
		const run = await runNode({
			node: target.node,
			parameters: {
				...parameters,
				requestOptions: { timeout: TIMEOUT_MS, maxRetries: MAX_RETRIES },
			},
			credentials,
		});
		const operationRequests = () =>
			emulator.requests.filter((request) => matches(operation.match, request));
		if (entry.fault.type === 'latency') {
			// A held-back request is still carried out after the node gave up on it: wait for the last one.
			const last = operationRequests().at(-1);
			if (last) await delay(Date.parse(last.receivedAt) + LATENCY_MS + 150 - Date.now());
		}
		const performed = kind === 'send' ? target.send.performed(sandbox, marker) - before : 0;
		return {
			run,
			attempts: operationRequests().length,
			performed,
			isExpected: kind === 'read' && run.error === undefined && target.read.isExpected(run.items),
			secrets: secretsOf(credentials, target.secretFields),
		};
	} finally {
		await sandbox.close();
	}
}

const persistences: Array<[Persistence, string]> = [
	['once', 'once, then gone'],
	['always', 'on every attempt'],
];

/** Registers the matrix of one provider: 11 faults × once/always × read/send = 44 cases. */
export function describeFaultMatrix(target: MatrixTarget): void {
	const label = target.label ?? target.displayName;
	const cases = (['read', 'send'] as Kind[]).flatMap((kind) =>
		persistences.flatMap(([persistence, when]) =>
			faults.map((entry) => {
				const operation = kind === 'read' ? target.read.name : target.send.name;
				return { kind, persistence, entry, title: `${operation}: ${entry.name}, ${when}` };
			}),
		),
	);
	describe(`fault matrix: ${label}`, () => {
		test.concurrent.each(cases)('$title', async ({ kind, persistence, entry, title }) => {
			const name = `${label} ${title}`;
			// Every case has its own sandbox, so the marker only has to set the send apart from the seeds.
			const marker = `fault matrix: ${title}`;
			const want = expected(kind, entry, persistence);

			const result = await runCase(target, kind, entry, persistence, marker);
			const { run } = result;
			const counted = tally(kind, run, result.isExpected, result.performed);
			tallyCase({ suite: 'fault matrix', name, ...counted });

			const seen = {
				error: run.error && {
					name: run.error.name,
					message: run.error.message,
					description: run.error.description,
					httpCode: run.error.httpCode,
				},
				attempts: result.attempts,
				performed: result.performed,
			};
			// One comparison, so that a failing case shows everything that happened.
			expect(seen).toMatchObject({
				error:
					want.outcome === 'success'
						? undefined
						: {
								name: 'NodeApiError',
								message: expect.stringMatching(new RegExp(`^${target.displayName}\\b`)),
								...(want.httpCode ? { httpCode: want.httpCode } : {}),
							},
				attempts: want.attempts,
				...(kind === 'send' ? { performed: want.performed } : {}),
			});
			if (kind === 'read' && want.outcome === 'success') expect(result.isExpected).toBe(true);
			const text = `${seen.error?.message} ${seen.error?.description}`;
			if (want.mayHaveSent) expect(text).toMatch(/may have been carried out/);
			else if (seen.error) expect(text).not.toMatch(/may have been carried out/);
			const shown = JSON.stringify({ error: run.error, ...seen.error, items: run.items });
			for (const secret of result.secrets) expect(shown).not.toContain(secret);
			expect(counted).toEqual({ lost: 0, duplicated: 0 });
		});
	});
}
