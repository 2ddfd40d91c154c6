import { useHologramSandbox } from './hologram/harness';

const pause = { state: 'pause' };
const linkState = (h: ReturnType<typeof useHologramSandbox>, id: number) =>
	h.emulator.state.links.find((link) => link.id === id)?.state;

describe('sandbox fault injection', () => {
	const h = useHologramSandbox();

	it('latency delays the answer, then handles the request normally', async () => {
		h.emulator.faults.inject({ type: 'latency', ms: 150 });
		const started = Date.now();
		const response = await h.api.get('/devices/3001');
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(response.data.data.id).toBe(3001);
	});

	it('status answers 429 in the provider envelope with Retry-After, without touching state', async () => {
		h.emulator.faults.inject({ type: 'status', status: 429, retryAfter: 7, times: 1 });
		const limited = await h.api.post('/links/cellular/4001/state', pause);
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		expect(limited.data).toEqual({ success: false, error: 'API rate limit exceeded' });
		expect(linkState(h, 4001)).toBe('LIVE');

		expect((await h.api.post('/links/cellular/4001/state', pause)).status).toBe(200);
		expect(linkState(h, 4001)).toBe('PAUSE');
	});

	it('status can carry an HTTP-date Retry-After and a custom body', async () => {
		h.emulator.faults.inject({
			type: 'status',
			status: 503,
			retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT',
			body: 'down',
			contentType: 'text/plain',
		});
		const response = await h.api.get('/plans');
		expect(response.status).toBe(503);
		expect(response.headers['retry-after']).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
		expect(response.headers['content-type']).toBe('text/plain');
		expect(response.data).toBe('down');
	});

	it('drop beforeHandling resets the connection and leaves state untouched', async () => {
		h.emulator.faults.inject({ type: 'drop', when: 'beforeHandling', times: 1 });
		await expect(h.api.post('/links/cellular/4001/state', pause)).rejects.toMatchObject({
			code: 'ECONNRESET',
		});
		expect(linkState(h, 4001)).toBe('LIVE');
		expect(h.emulator.requests).toHaveLength(1);
	});

	it('drop afterHandling changes state, then resets the connection without answering', async () => {
		h.emulator.faults.inject({ type: 'drop', when: 'afterHandling', times: 1 });
		await expect(
			h.api.post('/devices/messages', {
				deviceids: [3001],
				protocol: 'UDP',
				port: 9,
				data: 'once',
			}),
		).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(h.emulator.state.cloudMessages).toHaveLength(1);
	});

	it('malformedJson handles the request and answers 200 with invalid JSON', async () => {
		h.emulator.faults.inject({ type: 'malformedJson' });
		const response = await h.api.post(
			'/sms/incoming',
			{ deviceid: 3001, body: 'hi' },
			{ responseType: 'text', transitional: { silentJSONParsing: true } },
		);
		expect(response.status).toBe(200);
		expect(() => JSON.parse(response.data)).toThrow();
		expect(response.data.startsWith('{')).toBe(true);
		expect(h.emulator.state.sentSms).toHaveLength(1);
	});

	it('htmlError answers an HTML page (502 by default) without touching state', async () => {
		h.emulator.faults.inject({ type: 'htmlError', times: 1 });
		const gateway = await h.api.post('/links/cellular/4001/state', pause);
		expect(gateway.status).toBe(502);
		expect(gateway.headers['content-type']).toMatch(/^text\/html/);
		expect(gateway.data).toContain('<h1>502 Bad Gateway</h1>');
		expect(linkState(h, 4001)).toBe('LIVE');

		h.emulator.faults.inject({ type: 'htmlError', status: 504 });
		expect((await h.api.get('/plans')).status).toBe(504);
	});

	it('emptyBody handles the request and answers an empty body (200 by default)', async () => {
		h.emulator.faults.inject({ type: 'emptyBody', times: 1 });
		const response = await h.api.post('/links/cellular/4001/state', pause, {
			responseType: 'text',
		});
		expect(response.status).toBe(200);
		expect(response.data).toBe('');
		expect(linkState(h, 4001)).toBe('PAUSE');

		h.emulator.faults.inject({ type: 'emptyBody', status: 204 });
		expect((await h.api.get('/plans')).status).toBe(204);
	});

	it('times limits how many requests a fault affects, then requests pass', async () => {
		h.emulator.faults.inject({ type: 'status', status: 500, times: 2 });
		const statuses = [];
		for (let n = 0; n < 3; n++) statuses.push((await h.api.get('/plans')).status);
		expect(statuses).toEqual([500, 500, 200]);
		expect(h.emulator.faults.pending).toHaveLength(0);
	});

	it('match restricts a fault by method and by path substring or regex', async () => {
		h.emulator.faults.inject({
			type: 'status',
			status: 500,
			match: { method: 'POST', path: '/state' },
		});
		h.emulator.faults.inject({
			type: 'status',
			status: 429,
			match: { path: /^\/api\/1\/plans\/\d+$/ },
		});
		expect((await h.api.get('/links/cellular/4001')).status).toBe(200);
		expect((await h.api.post('/links/cellular/4001/state', pause)).status).toBe(500);
		expect((await h.api.get('/plans')).status).toBe(200);
		expect((await h.api.get('/plans/11')).status).toBe(429);
	});

	it('applies the first matching queued fault, and clear() removes them all', async () => {
		h.emulator.faults.inject({ type: 'status', status: 503, times: 1 });
		h.emulator.faults.inject({ type: 'status', status: 429, times: 1 });
		expect((await h.api.get('/plans')).status).toBe(503);
		expect((await h.api.get('/plans')).status).toBe(429);
		h.emulator.faults.inject({ type: 'status', status: 500 });
		h.emulator.faults.clear();
		expect((await h.api.get('/plans')).status).toBe(200);
	});

	it('records faulted requests like any other', async () => {
		h.emulator.faults.inject({ type: 'status', status: 429, times: 1 });
		await h.api.post('/links/cellular/4001/state', pause);
		expect(h.emulator.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				pathname: '/api/1/links/cellular/4001/state',
				body: pause,
			}),
		]);
	});
});
