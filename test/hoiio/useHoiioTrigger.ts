import type { INodeParameters } from 'n8n-workflow';

import type { RunningWebhookTrigger } from '../harness/n8n';
import { startWebhookTrigger } from '../harness/n8n';

/** Starts Hoiio Triggers for a test and deactivates whatever is still active after it. */
export function useHoiioTriggers(credentials: () => Record<string, object>) {
	const active: RunningWebhookTrigger[] = [];
	afterEach(async () => {
		while (active.length > 0) await active.pop()?.deactivate();
	});
	return {
		start: async (parameters: INodeParameters): Promise<RunningWebhookTrigger> => {
			const trigger = await startWebhookTrigger({
				node: 'hoiioTrigger',
				parameters,
				credentials: credentials() as never,
			});
			active.push(trigger);
			return trigger;
		},
		/** Deactivates now (the test checks what deactivation did). */
		stop: async (trigger: RunningWebhookTrigger): Promise<void> => {
			active.splice(active.indexOf(trigger), 1);
			await trigger.deactivate();
		},
	};
}
