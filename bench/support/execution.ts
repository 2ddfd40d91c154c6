import { randomUUID } from 'node:crypto';

import { WorkflowExecute } from 'n8n-core';
import { createRunExecutionData } from 'n8n-workflow';

import { prepareNode } from '../../test/harness/core';
import type { NodeRun, RunNodeOptions } from '../../test/harness/n8n';

/**
 * The harness's `runNode`, with an execution ID of its own for every run as the server gives it. The
 * node keeps its rate-limit scheduler per execution, so without one every run of the process would
 * share the first run's limit and pauses.
 */
export async function runExecution(options: RunNodeOptions): Promise<NodeRun> {
	const { node, workflow, additionalData, credentialsHelper } = await prepareNode(options);
	additionalData.executionId = randomUUID();
	const items = options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const run = await new WorkflowExecute(
		additionalData,
		'manual',
		createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
		}),
	).processRunExecutionData(workflow);
	const taskData = run.data.resultData.runData[node.name]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: (run.data.resultData.error ?? taskData?.error) as NodeRun['error'],
		run,
		preAuthenticationCalls: credentialsHelper.preAuthenticationCalls,
	};
}
