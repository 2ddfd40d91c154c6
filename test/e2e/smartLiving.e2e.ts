/**
 * SmartLiving inside a real n8n with both packages installed, one SmartLiving credential serving the nodes
 * of both. The MQTT trigger (n8n-nodes-telco-iot-mqtt): an activated workflow subscribes to the emulator's
 * MQTT broker (AllThingsTalk Maker credential, ground token) and runs for every state a device publishes.
 * The polling trigger (main package): a manual run fetches the current states, an activated workflow runs
 * for the states that came after its activation, and a missing asset fails the activation.
 *
 * Each MQTT test publishes its first state once the broker holds the trigger's subscription (the activation
 * call returns before the trigger has connected), so no test waits for a guessed moment. The broker is wiped
 * after each test, which also drops the trigger's session.
 */
import {
	N8n,
	SandboxControl,
	mqttNodeType,
	nodeOutput,
	nodeType,
	type Execution,
} from './n8n-client';

interface SmartLivingState {
	assets: { id: string; name: string; state: { value: unknown; at: string } | null }[];
	commands: { assetId: string; value: unknown; via: string; platform: string }[];
}

/** The sandbox seed (sandbox/smartLiving/seed.ts). */
const seed = {
	thermostat: 'device-thermostat',
	temperature: 'asset-thermostat-temperature',
	target: 'asset-thermostat-target',
};

const n8n = new N8n();
const smartLiving = new SandboxControl('smartLiving');

async function control<T = unknown>(action: string, body: unknown = {}): Promise<T> {
	const url = `${new URL(smartLiving.baseUrl).origin}/__sandbox/smartLiving/${action}`;
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (response.status >= 300)
		throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
	return (await response.json()) as T;
}

/** The thermostat publishes a temperature on its Maker state topic, as the device itself would. */
const publishTemperature = (value: number, options: { at?: string } = {}) =>
	control<{ topic: string; payload: string }>('device-state', {
		assetId: seed.temperature,
		value,
		platform: 'maker',
		...options,
	});

const triggerItem = (execution: Execution) => nodeOutput(execution, 'Temperature Changed')[0];

beforeEach(async () => {
	await smartLiving.reset();
	// No session of another spec's trigger may count as this test's subscription.
	await control('mqtt/wipe');
});

afterEach(async () => {
	await n8n.cleanUp();
	await control('mqtt/wipe');
});

describe('SmartLiving MQTT Trigger (companion package) in n8n', () => {
	it('an activated workflow runs with the state a device published', async () => {
		const id = await n8n.createWorkflow({
			name: 'e2e: SmartLiving temperature trigger',
			active: true,
			nodes: [
				{
					name: 'Temperature Changed',
					type: mqttNodeType('smartLivingTrigger'),
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						level: 'asset',
						direction: 'out',
						kinds: ['state'],
						assetBy: 'device',
						deviceId: seed.thermostat,
						assetName: 'temperature',
						options: {},
					},
					credentials: { smartLivingApi: { id: '', name: '' } },
				},
			],
			connections: {},
		});

		await smartLiving.untilMqttSubscribed();
		const { topic, payload } = await publishTemperature(23.5, { at: '2024-06-01T10:00:00.000Z' });

		const [execution] = await n8n.executions(id, 1);
		expect(execution.status).toBe('success');
		expect(triggerItem(execution)).toMatchObject({
			value: 23.5,
			at: '2024-06-01T10:00:00.000Z',
			deviceId: seed.thermostat,
			assetName: 'temperature',
			kind: 'state',
			direction: 'From Devices',
			topic,
			payload,
		});
		expect(topic).toBe(`device/${seed.thermostat}/asset/temperature/state`);
	});
});

describe('SmartLiving Trigger (polling) in n8n', () => {
	const pollingWorkflow = (name: string, assetIds: string[]) => ({
		name,
		nodes: [
			{
				name: 'Temperature State',
				type: nodeType('smartLivingPollTrigger'),
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: { assetIds, pollTimes: { item: [{ mode: 'everyMinute' }] } },
				credentials: { smartLivingApi: { id: '', name: '' } },
			},
		],
		connections: {},
	});

	it('Fetch Test Event (a manual run) returns the current state of the asset', async () => {
		const id = await n8n.createWorkflow(
			pollingWorkflow('e2e: SmartLiving polling, manual', [seed.temperature]),
		);

		const execution = await n8n.runManually(id, 'Temperature State');

		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Temperature State')).toEqual([
			{ assetId: seed.temperature, value: expect.any(Number), at: '2024-05-01T12:00:00.000Z' },
		]);
	});

	/** What n8n saved of the trigger's static data (the activation's poll saves where reading starts). */
	const savedCursor = async (workflowId: string) => {
		const workflow = await n8n.api<{ staticData?: Record<string, { assets?: object }> | null }>(
			'GET',
			`/workflows/${workflowId}`,
		);
		return workflow.staticData?.['node:Temperature State']?.assets;
	};

	it('an activated workflow runs once, for the state that came after its activation', async () => {
		const id = await n8n.createWorkflow({
			...pollingWorkflow('e2e: SmartLiving polling, active', [seed.temperature]),
			active: true,
		});
		// n8n activates in the background; its first poll notes the current state, where reading starts.
		for (let waited = 0; !(await savedCursor(id)); waited += 250) {
			if (waited > 20_000) throw new Error('the activation never polled');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(await savedCursor(id)).toEqual({
			[seed.temperature]: { at: '2024-05-01T12:00:00.000Z', seenAtNewest: [expect.any(String)] },
		});
		await publishTemperature(24.5, { at: '2024-06-01T10:00:00.000Z' });

		// n8n polls at the next full minute.
		const [execution] = await n8n.executions(id, 1, 90_000);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Temperature State')).toEqual([
			{ assetId: seed.temperature, value: 24.5, at: '2024-06-01T10:00:00.000Z' },
		]);
	}, 120_000);

	it('an asset that does not exist fails the activation, naming it', async () => {
		const failure = await n8n.activationFailure(
			pollingWorkflow('e2e: SmartLiving polling, missing asset', ['asset-nope']),
		);

		expect(failure).toMatch(
			/Could not read the states of asset "asset-nope": .*Asset asset-nope not found/,
		);
	});
});

describe('SmartLiving examples', () => {
	it('lower the thermostat when it gets too hot: 21 °C does nothing, 27 °C sets the target to 19 °C', async () => {
		const { id } = await n8n.importExample('smartLiving-cool-down-when-hot.json');
		const targetState = async () =>
			(await smartLiving.state<SmartLivingState>()).assets.find((asset) => asset.id === seed.target)
				?.state?.value;
		expect(await targetState()).toBe(21);

		await smartLiving.untilMqttSubscribed();
		await publishTemperature(21);
		const [mild] = await n8n.executions(id, 1);
		await publishTemperature(27);
		const [, hot] = await n8n.executions(id, 2);

		expect(mild.status).toBe('success');
		expect(nodeOutput(mild, 'Living Room Temperature')[0]).toMatchObject({ value: 21 });
		expect(nodeOutput(mild, 'Set Target to 19 °C')).toEqual([]);
		expect(hot.status).toBe('success');
		expect(nodeOutput(hot, 'Living Room Temperature')[0]).toMatchObject({ value: 27 });
		expect(nodeOutput(hot, 'Set Target to 19 °C')).toEqual([
			expect.objectContaining({ assetName: 'target', value: 19 }),
		]);
		const { commands } = await smartLiving.state<SmartLivingState>();
		expect(commands).toEqual([
			expect.objectContaining({ assetId: seed.target, value: 19, via: 'rest', platform: 'maker' }),
		]);
		expect(await targetState()).toBe(19);
	});
});
