/**
 * Runs a long-lived trigger node (an MQTT subscription, a socket, a timer) as n8n's server does for
 * an active workflow: n8n-core's TriggerContext, `trigger()` called once on activation, every
 * `emit` starting one execution, `closeFunction` called on deactivation.
 */
import { TriggerContext } from 'n8n-core';
import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	IRun,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import type { CredentialFixtures, PreAuthenticationCall } from './core';
import { Waiters, createDeferred, prepareNode } from './core';
import { trackRunning } from './running';

type ResponsePromise = Parameters<ITriggerFunctions['emit']>[1];
type DonePromise = Parameters<ITriggerFunctions['emit']>[2];

export interface StartTriggerOptions {
	/** The node's name in the package or a registered test node, without the package prefix. */
	node: string;
	parameters: INodeParameters;
	credentials: CredentialFixtures;
	/** `trigger`: an active workflow (the default). `manual`: the editor's "Test workflow". */
	mode?: 'trigger' | 'manual';
	/**
	 * Keep each execution "running" until the test calls `finishExecution()`, so a trigger that
	 * waits on `donePromise` (one message at a time) can be seen waiting. By default every
	 * execution finishes as soon as it is emitted.
	 */
	holdExecutions?: boolean;
}

export interface TriggerEmission {
	data: INodeExecutionData[][];
	responsePromise?: ResponsePromise;
	donePromise?: DonePromise;
	deduplicationKey?: string;
	/** Whether the execution this emit started has finished. */
	finished: boolean;
}

export interface RunningTrigger {
	/** The data of every `emit`, in order: one entry per execution the server would start. */
	emitted: INodeExecutionData[][][];
	emissions: TriggerEmission[];
	/** What the node reported through `emitError` (or `saveFailedExecution`). */
	errors: Error[];
	/** What `trigger()` returned. */
	response: ITriggerResponse;
	/** The workflow's static data, kept for as long as the trigger is active. */
	staticData: IDataObject;
	preAuthenticationCalls: PreAuthenticationCall[];
	/** The node's `manualTriggerFunction`, when it has one (manual mode). */
	manualTrigger?: () => Promise<void>;
	/** Resolves once `count` emits happened in total. */
	waitForEmit(count: number, timeoutMs?: number): Promise<INodeExecutionData[][][]>;
	/** Resolves once `count` errors were reported in total. */
	waitForError(count: number, timeoutMs?: number): Promise<Error[]>;
	/** Executions emitted but not finished yet (only with `holdExecutions`). */
	readonly runningExecutions: number;
	/** Finishes the oldest running execution: its `donePromise` resolves. */
	finishExecution(): void;
	/** Deactivates: calls the node's `closeFunction` (once). */
	close(): Promise<void>;
}

/** Activates a trigger node and records what it emits. Call `close()` when done. */
export async function startTrigger(options: StartTriggerOptions): Promise<RunningTrigger> {
	const mode = options.mode ?? 'trigger';
	const { node, nodeType, workflow, additionalData, credentialsHelper } = await prepareNode({
		...options,
		active: mode === 'trigger',
	});
	if (typeof nodeType.trigger !== 'function') {
		throw new Error(`Node ${options.node} has no trigger() method`);
	}

	const emissions: TriggerEmission[] = [];
	const errors: Error[] = [];
	const waiters = new Waiters();
	const manualResponse = createDeferred<INodeExecutionData[][]>();

	const finish = (emission: TriggerEmission) => {
		emission.finished = true;
		// The server resolves donePromise with the finished execution's run.
		emission.donePromise?.resolve(finishedRun(node.name, emission.data, mode));
		waiters.notify();
	};

	const emit = (
		data: INodeExecutionData[][],
		responsePromise?: ResponsePromise,
		donePromise?: DonePromise,
		deduplicationKey?: string,
	) => {
		const emission: TriggerEmission = {
			data,
			responsePromise,
			donePromise,
			deduplicationKey,
			finished: false,
		};
		emissions.push(emission);
		if (emissions.length === 1) manualResponse.resolve(data);
		if (!options.holdExecutions) finish(emission);
		waiters.notify();
	};
	const emitError = (error: Error) => {
		errors.push(error);
		waiters.notify();
	};

	const context = new TriggerContext(
		workflow,
		node,
		additionalData,
		mode,
		mode === 'manual' ? 'manual' : 'activate',
		emit,
		emitError,
		emitError,
	);
	const response = (await nodeType.trigger.call(context)) ?? {};
	if (mode === 'manual') {
		// As n8n-core's TriggersAndPollers: a manual test run ends with the first emit.
		manualResponse.promise.catch(() => {});
		response.manualTriggerResponse = manualResponse.promise;
	}

	let closed: Promise<void> | undefined;
	const close = async () => {
		closed ??= (async () => {
			untrack();
			await response.closeFunction?.();
		})();
		await closed;
	};
	const untrack = trackRunning(close);

	return {
		get emitted() {
			return emissions.map((emission) => emission.data);
		},
		emissions,
		errors,
		response,
		staticData: workflow.staticData,
		preAuthenticationCalls: credentialsHelper.preAuthenticationCalls,
		manualTrigger: response.manualTriggerFunction,
		waitForEmit: async (count, timeoutMs = 5000) => {
			await waiters.until(
				() => emissions.length >= count,
				timeoutMs,
				() =>
					`${emissions.length} of ${count} emits (errors: ${errors.map((e) => e.message).join('; ')})`,
			);
			return emissions.map((emission) => emission.data);
		},
		waitForError: async (count, timeoutMs = 5000) => {
			await waiters.until(
				() => errors.length >= count,
				timeoutMs,
				() => `${errors.length} of ${count} errors`,
			);
			return errors;
		},
		get runningExecutions() {
			return emissions.filter((emission) => !emission.finished).length;
		},
		finishExecution: () => {
			const running = emissions.find((emission) => !emission.finished);
			if (!running) throw new Error('No execution is running');
			finish(running);
		},
		close,
	};
}

/** The run of a workflow that only contains the trigger: its output is what was emitted. */
function finishedRun(nodeName: string, data: INodeExecutionData[][], mode: string): IRun {
	const runExecutionData = createRunExecutionData({});
	runExecutionData.resultData.runData[nodeName] = [
		{
			startTime: Date.now(),
			executionIndex: 0,
			executionTime: 0,
			executionStatus: 'success',
			source: [],
			data: { main: data },
		},
	];
	return {
		data: runExecutionData,
		mode: mode as IRun['mode'],
		startedAt: new Date(),
		stoppedAt: new Date(),
		status: 'success',
		storedAt: 'db',
	} as IRun;
}
