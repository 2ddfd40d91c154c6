import type { IDataObject, INodeType, IRun, ITriggerFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { registerTestNodeType, startTrigger, stopAllTriggers } from '../harness/n8n';

/** Emits `{ tick }` every `intervalMs`; with `oneAtATime` it waits for each execution to finish. */
const timerTrigger: INodeType = {
	description: {
		displayName: 'Test Timer Trigger',
		name: 'testTimerTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Emits on a timer',
		defaults: { name: 'Timer' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Interval', name: 'intervalMs', type: 'number', default: 5 },
			{ displayName: 'One at a Time', name: 'oneAtATime', type: 'boolean', default: false },
			{ displayName: 'Fail After', name: 'failAfter', type: 'number', default: 0 },
		],
	},
	async trigger(this: ITriggerFunctions) {
		const intervalMs = this.getNodeParameter('intervalMs') as number;
		const oneAtATime = this.getNodeParameter('oneAtATime') as boolean;
		const failAfter = this.getNodeParameter('failAfter') as number;
		const staticData = this.getWorkflowStaticData('node');
		let busy = false;
		const tick = async () => {
			if (busy) return;
			const count = ((staticData.ticks as number | undefined) ?? 0) + 1;
			staticData.ticks = count;
			if (failAfter && count > failAfter) {
				this.emitError(new NodeOperationError(this.getNode(), `Tick ${count} failed`));
				return;
			}
			const done = oneAtATime ? this.helpers.createDeferredPromise<IRun>() : undefined;
			busy = oneAtATime;
			this.emit([this.helpers.returnJsonArray([{ tick: count }])], undefined, done);
			await done?.promise;
			busy = false;
		};
		const timer = setInterval(() => void tick(), intervalMs);
		return {
			closeFunction: async () => clearInterval(timer),
			manualTriggerFunction: async () => {
				this.emit([this.helpers.returnJsonArray([{ tick: 'manual' }])]);
			},
		};
	},
};

registerTestNodeType('testTimerTrigger', timerTrigger);

const ticks = (emitted: Array<Array<Array<{ json: IDataObject }>>>) =>
	emitted.map((data) => data[0][0].json.tick);

afterEach(stopAllTriggers);

describe('startTrigger', () => {
	test('records every emit as one execution, in order, until closed', async () => {
		const trigger = await startTrigger({
			node: 'testTimerTrigger',
			parameters: { intervalMs: 5 },
			credentials: {},
		});

		await trigger.waitForEmit(3);
		await trigger.close();
		const emittedWhenClosed = trigger.emitted.length;
		await new Promise((resolve) => setTimeout(resolve, 30));

		expect(ticks(trigger.emitted).slice(0, 3)).toEqual([1, 2, 3]);
		expect(trigger.emitted).toHaveLength(emittedWhenClosed);
		expect(trigger.errors).toEqual([]);
		expect(trigger.staticData).toMatchObject({
			'node:Node Under Test': { ticks: emittedWhenClosed },
		});
	});

	test('holds each execution until the test finishes it, so one-at-a-time processing shows', async () => {
		const trigger = await startTrigger({
			node: 'testTimerTrigger',
			parameters: { intervalMs: 5, oneAtATime: true },
			credentials: {},
			holdExecutions: true,
		});

		await trigger.waitForEmit(1);
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect(trigger.emitted).toHaveLength(1);
		expect(trigger.runningExecutions).toBe(1);

		trigger.finishExecution();
		await trigger.waitForEmit(2);
		expect(ticks(trigger.emitted)).toEqual([1, 2]);
		const done = (await trigger.emissions[0].donePromise?.promise) as IRun;
		expect(done.data.resultData.runData['Node Under Test'][0].data?.main[0]?.[0].json).toEqual({
			tick: 1,
		});
	});

	test('collects emitError reports without counting them as executions', async () => {
		const trigger = await startTrigger({
			node: 'testTimerTrigger',
			parameters: { intervalMs: 5, failAfter: 2 },
			credentials: {},
		});

		await trigger.waitForError(1);

		expect(ticks(trigger.emitted).slice(0, 2)).toEqual([1, 2]);
		expect(trigger.emitted).toHaveLength(2);
		expect(trigger.errors[0].message).toBe('Tick 3 failed');
	});

	test('manual mode exposes the manual trigger, and its first emit ends the test run', async () => {
		const trigger = await startTrigger({
			node: 'testTimerTrigger',
			parameters: { intervalMs: 60000 },
			credentials: {},
			mode: 'manual',
		});

		await trigger.manualTrigger?.();

		await expect(trigger.response.manualTriggerResponse).resolves.toEqual([
			[{ json: { tick: 'manual' } }],
		]);
		expect(trigger.emitted).toHaveLength(1);
	});

	test('waitForEmit fails with a clear message when nothing comes', async () => {
		const trigger = await startTrigger({
			node: 'testTimerTrigger',
			parameters: { intervalMs: 60000 },
			credentials: {},
		});

		await expect(trigger.waitForEmit(1, 20)).rejects.toThrow('Timed out after 20 ms: 0 of 1 emits');
	});
});
