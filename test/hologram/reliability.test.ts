import type { HologramCsrMessage } from '../../sandbox';
import { useHologram } from './useHologram';

const hologram = useHologram();
/** A send whose outcome matters: an SMS to a device. */
const sendSms = () =>
	hologram.run({
		resource: 'sms',
		operation: 'send',
		deviceId: 3001,
		encoding: 'text',
		message: 'hi',
	});
const WRONG_KEY = 'canary-wrong-key-5d1c0a';

function addCsrMessages(count: number): void {
	const state = hologram.state();
	const template = state.csrMessages[0];
	for (let index = 0; index < count; index++) {
		const message: HologramCsrMessage = {
			...template,
			id: 100000 + index,
			record_id: `bulk-${index}`,
		};
		state.csrMessages.push(message);
	}
}

describe('Hologram: pagination', () => {
	test('Return All follows startafter/lastid across pages until continues is false', async () => {
		addCsrMessages(250);
		const total = hologram.state().csrMessages.length;

		const { items } = await hologram.run({
			resource: 'csrMessage',
			operation: 'getAll',
			returnAll: true,
		});

		expect(items).toHaveLength(total);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(total);
		const pages = hologram.requests().map((request) => request.query);
		expect(pages).toHaveLength(3);
		expect(pages[0]).toEqual({ limit: '100' });
		expect(pages[1]).toEqual({ limit: '100', startafter: String(items[99].json.id) });
		expect(pages[2]).toEqual({ limit: '100', startafter: String(items[199].json.id) });
	});

	test('a Limit across pages stops fetching once it is reached', async () => {
		addCsrMessages(250);

		const { items } = await hologram.run({
			resource: 'csrMessage',
			operation: 'getAll',
			returnAll: false,
			limit: 130,
		});

		expect(items).toHaveLength(130);
		expect(hologram.requests().map((request) => request.query.limit)).toEqual(['100', '30']);
	});
});

describe('Hologram: failures', () => {
	test("a wrong API key is a 401 NodeApiError with Hologram's message, and the key is not in it", async () => {
		const { error } = await hologram.run(
			{ resource: 'user', operation: 'get' },
			{ apiKey: WRONG_KEY },
		);

		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('401');
		expect(error?.message).toBe('Hologram: Not logged in');
		expect(JSON.stringify(error)).not.toContain(WRONG_KEY);
		expect(`${error?.message} ${error?.description}`).not.toContain(WRONG_KEY);
	});

	test('429 with Retry-After is retried after the given delay and then succeeds', async () => {
		hologram.emulator().faults.inject({ type: 'status', status: 429, retryAfter: 1, times: 1 });
		const started = Date.now();

		const { items, error } = await hologram.run({
			resource: 'device',
			operation: 'get',
			deviceId: 3001,
		});

		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(3001);
		expect(hologram.requests()).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('a send rate-limited with 429 is retried, because the provider did not carry it out', async () => {
		hologram.emulator().faults.inject({ type: 'status', status: 429, retryAfter: 0, times: 2 });

		const { error } = await sendSms();

		expect(error).toBeUndefined();
		expect(hologram.requests()).toHaveLength(3);
		expect(hologram.state().sentSms).toHaveLength(1);
	});

	test('503 until the retries run out ends in a NodeApiError that says so', async () => {
		hologram.emulator().faults.inject({ type: 'status', status: 503, retryAfter: 0 });

		const { error } = await hologram.run({
			resource: 'device',
			operation: 'get',
			deviceId: 3001,
			requestOptions: { maxRetries: 2 },
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('503');
		expect(error?.description).toContain('It was retried 2 times');
		expect(hologram.requests()).toHaveLength(3);
	});

	test('a 500 on a send is not repeated', async () => {
		hologram.emulator().faults.inject({ type: 'status', status: 500 });

		const { error } = await sendSms();

		expect(error?.httpCode).toBe('500');
		expect(hologram.requests()).toHaveLength(1);
	});

	test('a 502 on a read is retried and then succeeds', async () => {
		hologram.emulator().faults.inject({ type: 'htmlError', status: 502, times: 1 });

		const { items } = await hologram.run({
			resource: 'device',
			operation: 'get',
			deviceId: 3001,
			requestOptions: { maxRetries: 1 },
		});

		expect(items[0].json.id).toBe(3001);
		expect(hologram.requests()).toHaveLength(2);
	});

	test('an HTML error page is reported as such, with its status', async () => {
		hologram.emulator().faults.inject({ type: 'htmlError', status: 502 });

		const { error } = await hologram.run({
			resource: 'device',
			operation: 'get',
			deviceId: 3001,
			requestOptions: { maxRetries: 0 },
		});

		expect(error?.message).toBe('Hologram answered with an HTML error page (HTTP 502)');
	});

	test('malformed JSON after a send says the send may have happened, and it is not repeated', async () => {
		hologram.emulator().faults.inject({ type: 'malformedJson' });

		const { error } = await sendSms();

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Hologram returned a response that is not valid JSON (HTTP 200)');
		expect(error?.description).toContain('may have been carried out');
		expect(hologram.state().sentSms).toHaveLength(1);
		expect(hologram.requests()).toHaveLength(1);
	});

	test('a connection dropped after a send reached Hologram is not repeated and says so', async () => {
		hologram.emulator().faults.inject({ type: 'drop', when: 'afterHandling' });

		const { error } = await sendSms();

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toContain('the request may have been carried out');
		expect(hologram.state().sentSms).toHaveLength(1);
		expect(hologram.requests()).toHaveLength(1);
	});

	test('a connection dropped on a read is retried', async () => {
		hologram.emulator().faults.inject({ type: 'drop', when: 'beforeHandling', times: 1 });

		const { items } = await hologram.run({ resource: 'device', operation: 'get', deviceId: 3002 });

		expect(items[0].json.id).toBe(3002);
		expect(hologram.requests()).toHaveLength(2);
	});

	test('a provider that answers too slowly times out with a clear error', async () => {
		hologram.emulator().faults.inject({ type: 'latency', ms: 1500 });

		const { error } = await hologram.run({
			resource: 'user',
			operation: 'get',
			requestOptions: { timeout: 300, maxRetries: 0 },
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Hologram did not answer in time');
	});

	test('an empty 200 body on a read is a clear error once the retries are spent, never an empty success', async () => {
		hologram.emulator().faults.inject({ type: 'emptyBody' });

		const { items, error } = await hologram.run({
			resource: 'user',
			operation: 'get',
			requestOptions: { maxRetries: 0 },
		});

		expect(items).toHaveLength(0);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Hologram returned an empty response (HTTP 200)');
	});
});

describe('Hologram: items', () => {
	test('each input item runs its own operation and output items are paired with their input', async () => {
		const { items } = await hologram.run(
			{ resource: 'device', operation: 'get', deviceId: '={{ $json.id }}' },
			{ items: [{ id: 3001 }, { id: 3002 }, { id: 3003 }] },
		);

		expect(items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[3001, { item: 0 }],
			[3002, { item: 1 }],
			[3003, { item: 2 }],
		]);
	});

	test('a bad input names its item and stops the node', async () => {
		const { error, items } = await hologram.run(
			{ resource: 'device', operation: 'get', deviceId: '={{ $json.id }}' },
			{ items: [{ id: 3001 }, { id: 'three' }] },
		);

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Item 1: "Device" must be a number, got "three"');
		expect(items).toHaveLength(0);
	});

	test('with continueOnFail, a failed item becomes an error item and the others carry on', async () => {
		const { error, items } = await hologram.run(
			{ resource: 'device', operation: 'get', deviceId: '={{ $json.id }}' },
			{
				items: [{ id: 3001 }, { id: 999999 }, { id: 'three' }, { id: 3003 }],
				continueOnFail: true,
			},
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json.id).toBe(3001);
		expect(items[1].json).toMatchObject({
			error: expect.stringMatching(/^Hologram: /),
			httpCode: '404',
		});
		expect(items[2].json).toMatchObject({
			error: 'Item 2: "Device" must be a number, got "three"',
		});
		expect(items[3].json.id).toBe(3003);
	});

	test('an ID with path characters cannot change the request path', async () => {
		const { error } = await hologram.run({
			resource: 'deviceMessage',
			operation: 'sendViaWebhook',
			deviceId: 3001,
			webhookGuid: '../../../users/me?x=#',
			encoding: 'text',
			message: 'hi',
		});

		expect(error?.name).toBe('NodeApiError');
		expect(hologram.lastRequest().pathname).toBe(
			'/api/1/devices/messages/3001/..%2F..%2F..%2Fusers%2Fme%3Fx%3D%23',
		);
	});
});

describe('Hologram: secrets', () => {
	test('no error, description or output item of a failing run contains the API key', async () => {
		const apiKey = hologram.emulator().apiKey;
		const runs = [
			await hologram.run({ resource: 'user', operation: 'get' }, { apiKey: `${apiKey}-revoked` }),
			await hologram.run(
				{ resource: 'device', operation: 'get', deviceId: 424242 },
				{ continueOnFail: true },
			),
		];
		hologram.emulator().faults.inject({
			type: 'status',
			status: 400,
			body: `{"success":false,"error":"bad apikey=${apiKey}"}`,
		});
		runs.push(await hologram.run({ resource: 'user', operation: 'get' }));

		for (const run of runs) {
			const text = JSON.stringify({
				error: run.error,
				message: run.error?.message,
				description: run.error?.description,
				items: run.items,
			});
			expect(text).not.toContain(apiKey);
		}
		expect(runs[2].error?.message).toBe('Hologram: bad apikey=[redacted]');
	});
});
