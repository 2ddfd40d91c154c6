/**
 * The Hologram node inside a real n8n (installed from the packed tarball) against the Hologram sandbox:
 * workflows are created through n8n's public API and run through their webhooks or the editor's run call.
 */
import {
	N8n,
	SandboxControl,
	nodeOutput,
	nodeType,
	uniquePath,
	webhookWorkflow,
} from './n8n-client';

interface HologramState {
	devices: { id: number; name: string; imei: string; orgid: number }[];
	links: { id: number; deviceid: number; state: string }[];
}

const n8n = new N8n();
const hologram = new SandboxControl('hologram');
const credentials = { hologramApi: { id: '', name: '' } };

const linkState = async (linkId: number) =>
	(await hologram.state<HologramState>()).links.find((link) => link.id === linkId)?.state;

beforeEach(async () => {
	await hologram.reset();
});

afterEach(async () => {
	await n8n.cleanUp();
});

describe('Hologram node in n8n', () => {
	it('lists every device with Return All, as the sandbox holds them', async () => {
		const path = uniquePath('hologram-devices');
		await n8n.createWorkflow(
			webhookWorkflow('e2e: Hologram devices', path, [
				{
					name: 'Hologram',
					type: nodeType('hologram'),
					typeVersion: 1,
					parameters: { resource: 'device', operation: 'getAll', returnAll: true, filters: {} },
					credentials,
				},
			]),
		);

		const answer = await n8n.webhook<Record<string, unknown>[]>('POST', path, {});

		expect(answer.status).toBe(200);
		const { devices } = await hologram.state<HologramState>();
		const summary = (device: Record<string, unknown>) => ({
			id: device.id,
			name: device.name,
			imei: device.imei,
		});
		expect(answer.json.map(summary)).toEqual(devices.map(summary));
		expect(answer.json[0]).toHaveProperty('links.cellular.0.id', devices[0].id + 1000);
		const requests =
			await hologram.requests<
				{ method: string; pathname: string; headers: Record<string, string> }[]
			>();
		expect(requests.map((request) => `${request.method} ${request.pathname}`)).toEqual([
			'GET /api/1/devices',
		]);
		expect(requests[0].headers.authorization).toBe(
			`Basic ${Buffer.from('apikey:sandbox-hologram-key').toString('base64')}`,
		);
	});

	it('fails the execution with Hologram’s message when the device does not exist', async () => {
		const { id } = await n8n.importExample('hologram-pause-sim-webhook.json');

		const answer = await n8n.webhook('POST', 'hologram/pause-sim', { deviceId: 99999 });

		expect({ status: answer.status, text: answer.text }).toEqual(n8n.failedRunAnswer);
		const execution = await n8n.lastExecution(id);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.node?.name).toBe('Get Device');
		expect(JSON.stringify(execution.data?.resultData.error)).toContain('Device 99999 not found');
		// The run stopped at the failing node: nothing was paused.
		expect((await hologram.requests()).map((request) => request.pathname)).toEqual([
			'/api/1/devices/99999',
		]);
	});

	it('answers the error as an item when the node continues on error', async () => {
		const path = uniquePath('hologram-continue');
		await n8n.createWorkflow(
			webhookWorkflow('e2e: Hologram continue on error', path, [
				{
					name: 'Hologram',
					type: nodeType('hologram'),
					typeVersion: 1,
					parameters: { resource: 'cellularLink', operation: 'pause', linkId: 99999 },
					credentials,
					onError: 'continueRegularOutput',
				},
			]),
		);

		const answer = await n8n.webhook<{ error: string }[]>('POST', path, {});

		expect(answer.status).toBe(200);
		expect(answer.json).toHaveLength(1);
		expect(JSON.stringify(answer.json[0])).toContain('Cellular link 99999 not found');
	});

	it('tests the credential through n8n: the sandbox key passes, a wrong key fails', async () => {
		const good = n8n.facts.credentials.hologramApi;
		const baseUrl = n8n.facts.sandbox.hologram;
		const test = (apiKey: string) =>
			n8n.rest<{ data: { status: string; message: string } }>('POST', '/credentials/test', {
				credentials: {
					id: good.id,
					name: good.name,
					type: 'hologramApi',
					data: { apiKey, baseUrl },
				},
			});

		const passed = await test('sandbox-hologram-key');
		const failed = await test('not-the-key');

		expect(passed.status).toBe(200);
		expect(passed.json.data.status).toBe('OK');
		expect(failed.status).toBe(200);
		expect(failed.json.data.status).toBe('Error');
		expect(failed.json.data.message).toBe(
			'The API key was refused: check it in Hologram Dashboard → Account Settings → API Keys',
		);
	});
});

describe('Hologram examples', () => {
	it('device status API: answers each device with its SIM and link state', async () => {
		await n8n.importExample('hologram-device-status-webhook.json');

		const answer = await n8n.webhook<
			{ deviceId: number; name: string; linkId: number; linkState: string }[]
		>('GET', 'hologram/devices');

		expect(answer.status).toBe(200);
		const { devices, links } = await hologram.state<HologramState>();
		expect(
			answer.json.map(({ deviceId, name, linkId, linkState }) => ({
				deviceId,
				name,
				linkId,
				linkState,
			})),
		).toEqual(
			devices.map((device) => {
				const link = links.find((candidate) => candidate.deviceid === device.id);
				return { deviceId: device.id, name: device.name, linkId: link?.id, linkState: link?.state };
			}),
		);
	});

	it('pause a SIM on request: pauses the device’s link and answers its new state', async () => {
		expect(await linkState(4001)).toBe('LIVE');
		await n8n.importExample('hologram-pause-sim-webhook.json');

		const answer = await n8n.webhook('POST', 'hologram/pause-sim', { deviceId: 3001 });

		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			deviceId: 3001,
			deviceName: 'Cold Room Sensor 1',
			linkId: 4001,
			newState: 'PAUSED-PENDING-USER',
		});
		expect(await linkState(4001)).toBe('PAUSE');
		const requests =
			await hologram.requests<{ method: string; pathname: string; body: unknown }[]>();
		expect(requests.map((request) => `${request.method} ${request.pathname}`)).toEqual([
			'GET /api/1/devices/3001',
			'POST /api/1/links/cellular/4001/state',
		]);
		expect(requests[1].body).toEqual({ state: 'pause' });
	});

	it('pause the fleet every evening: run now pauses only the live SIMs tagged "fleet"', async () => {
		const { id } = await n8n.importExample('hologram-pause-fleet-overnight.json');
		const before = await hologram.state<HologramState>();

		const execution = await n8n.runManually(id, 'Run Now');

		expect(execution.status).toBe('success');
		const [listing, ...pauses] = (await hologram.requests()).map(
			(request) => `${request.method} ${request.pathname}`,
		);
		expect(listing).toBe('GET /api/1/devices');
		// The two pauses go out side by side, so either may arrive first.
		expect(pauses.sort()).toEqual([
			'POST /api/1/links/cellular/4004/state',
			'POST /api/1/links/cellular/4005/state',
		]);
		expect(nodeOutput(execution, 'Pause SIM')).toHaveLength(2);
		const after = await hologram.state<HologramState>();
		for (const link of after.links) {
			const expected = [4004, 4005].includes(link.id)
				? 'PAUSE'
				: before.links.find((candidate) => candidate.id === link.id)?.state;
			expect({ id: link.id, state: link.state }).toEqual({ id: link.id, state: expected });
		}
	});
});
