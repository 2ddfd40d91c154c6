/**
 * Runs a polling trigger (`polling: true`, `poll()`) as n8n's server does for an active workflow:
 * n8n-core's PollContext in trigger mode, one Workflow (and so one static data object) for as long as
 * the workflow is active, a first poll on activation whose error fails the activation, and scheduled
 * polls after it whose errors are reported, not thrown. A poll that returns items starts one execution.
 *
 * The manual "Fetch Test Event" needs nothing here: `runNode` runs a poll node through WorkflowExecute
 * in manual mode, as the editor does.
 */
import { PollContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { CredentialFixtures, PreAuthenticationCall } from './core';
import { prepareNode } from './core';

export interface ActivatePollerOptions {
	/** The node's name in its package, without the package prefix. */
	node: string;
	parameters: INodeParameters;
	credentials: CredentialFixtures;
	/** The workflow's static data as the server stored it: give an earlier poller's to "restart". */
	staticData?: IDataObject;
}

export interface ActivePoller {
	/** Items of the activation's own poll, or null when it found nothing. */
	activationItems: INodeExecutionData[] | null;
	/** Items of every poll that started an execution, in order (the activation's included). */
	executions: INodeExecutionData[][];
	/** Errors of scheduled polls (n8n records them as failed executions). */
	errors: Error[];
	/** Runs the next scheduled poll; its items, or null when it found nothing (or failed). */
	poll(): Promise<INodeExecutionData[] | null>;
	/** The static data as n8n saves it in the database (a JSON copy). */
	savedStaticData(): IDataObject;
	preAuthenticationCalls: PreAuthenticationCall[];
}

/** Activates a workflow whose only node is the polling trigger; throws what fails the activation. */
export async function activatePoller(options: ActivatePollerOptions): Promise<ActivePoller> {
	const { node, nodeType, workflow, additionalData, credentialsHelper } = await prepareNode({
		...options,
		active: true,
	});
	const poll = nodeType.poll;
	if (typeof poll !== 'function') throw new Error(`Node ${options.node} has no poll() method`);

	const executions: INodeExecutionData[][] = [];
	const errors: Error[] = [];
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		'trigger',
		'activate',
		(data) => executions.push(data[0] ?? []),
		(error) => errors.push(error),
	);
	// As n8n-core's PollTriggerExecutor: emit a non-null answer; the activation's poll throws.
	const runPoll = async (activation: boolean): Promise<INodeExecutionData[] | null> => {
		try {
			const answer = await poll.call(context);
			if (answer === null) return null;
			context.__emit(answer);
			return answer[0] ?? [];
		} catch (error) {
			if (activation) throw error;
			context.__emitError(error as Error);
			return null;
		}
	};

	const activationItems = await runPoll(true);
	return {
		activationItems,
		executions,
		errors,
		poll: async () => await runPoll(false),
		savedStaticData: () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		preAuthenticationCalls: credentialsHelper.preAuthenticationCalls,
	};
}
