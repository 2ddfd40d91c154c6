import { hologramSeed } from '../../../sandbox';
import { useHologramSandbox } from './harness';

const ids = (items: { id: number }[]) => items.map((item) => item.id);
const unix = (date: string) => Date.parse(`${date.replace(' ', 'T')}Z`) / 1000;

describe('Hologram emulator: messages', () => {
	const h = useHologramSandbox();

	it('stores a CSR message sent as the SDK sends it, with null tags', async () => {
		const response = await h.api.post('/csr/rdm', {
			apikey: h.emulator.apiKey,
			deviceid: 3003,
			data: '{"rain_mm":0}',
			tags: null,
		});
		expect(response.data).toEqual({ success: true });
		expect(h.emulator.state.csrMessages).toHaveLength(9);
		expect(h.emulator.state.csrMessages[8]).toMatchObject({
			id: 9009,
			deviceid: 3003,
			data: '{"rain_mm":0}',
			tags: ['_DEVICE_3003_'],
		});
		expect((await h.api.post('/csr/rdm', { deviceid: 4242, data: 'x' })).status).toBe(404);
	});

	it.each([
		['2016 names', { deviceid: 3001 }, [9001, 9002]],
		['current deviceids list', { deviceids: '3001,3004' }, [9001, 9002, 9004, 9007]],
		['2016 tagname', { tagname: 'alarm' }, [9003, 9008]],
		['current topicname', { topicname: 'gps' }, [9004, 9005, 9007]],
		[
			'2016 timestamps',
			{ timestampstart: unix('2024-05-01 07:00:00'), timestampend: unix('2024-05-01 09:00:00') },
			[9002, 9003, 9004],
		],
		[
			'current timestart/timeend',
			{ timestart: unix('2024-05-02 00:00:00'), timeend: unix('2024-05-03 00:00:00') },
			[9006, 9007],
		],
		['error flag', { error: 1 }, [9007]],
		['organization', { orgid: 1001 }, [9001, 9002, 9003, 9006]],
	])('filters CSR messages by %s', async (_label, params, expected) => {
		const response = await h.api.get('/csr/rdm', { params });
		expect(ids(response.data.data)).toEqual(expected);
	});

	it('returns CSR records with a JSON string as data', async () => {
		const [first] = (await h.api.get('/csr/rdm', { params: { limit: 1 } })).data.data;
		expect(first).toMatchObject({
			id: 9001,
			deviceid: 3001,
			logged: '2024-05-01 06:00:05',
			record_id: expect.any(String),
			tags: ['_DEVICE_3001_', 'temperature'],
		});
		expect(JSON.parse(first.data)).toMatchObject({ source: hologramSeed.sim(3001) });
	});

	it('stores an SMS to one device (deviceid) or several (deviceids), text or base64', async () => {
		expect(
			(await h.api.post('/sms/incoming', { deviceid: 3001, body: 'ping', fromnumber: null })).data,
		).toEqual({ success: true });
		await h.api.post('/sms/incoming', {
			deviceids: [3004, 3005],
			base64body: Buffer.from('reboot').toString('base64'),
			fromnumber: '+447700900123',
		});
		expect(h.emulator.state.sentSms.map((sms) => [sms.deviceid, sms.body, sms.fromnumber])).toEqual(
			[
				[3001, 'ping', null],
				[3004, 'reboot', '+447700900123'],
				[3005, 'reboot', '+447700900123'],
			],
		);
		const both = await h.api.post('/sms/incoming', {
			deviceid: 3001,
			body: 'a',
			base64body: 'YQ==',
		});
		expect(both.status).toBe(400);
		expect((await h.api.post('/sms/incoming', { body: 'a' })).data.error).toBe(
			'Missing required parameter deviceid or deviceids',
		);
	});

	it('sends a cloud message to devices and answers one messageid per device', async () => {
		const response = await h.api.post('/devices/messages', {
			deviceids: [3001, 3002],
			protocol: 'TCP',
			port: 4010,
			data: 'hello',
			base64data: null,
			waitForResponse: false,
		});
		expect(response.data).toEqual({
			success: true,
			data: [
				{ deviceid: 3001, messageid: 80001 },
				{ deviceid: 3002, messageid: 80002 },
			],
		});
		expect(h.emulator.state.cloudMessages).toHaveLength(2);
		expect(h.emulator.state.cloudMessages[0]).toMatchObject({
			protocol: 'TCP',
			port: 4010,
			data: 'hello',
			base64data: null,
		});
	});

	it.each([
		[{ protocol: 'TCP', port: 1, data: 'x' }, 'Missing required parameter deviceids'],
		[
			{ deviceids: [3001], protocol: 'HTTP', port: 1, data: 'x' },
			'protocol must be "TCP" or "UDP"',
		],
		[
			{ deviceids: [3001], protocol: 'UDP', port: 1, data: 'x', base64data: 'eA==' },
			'Send either data or base64data, not both',
		],
		[
			{ deviceids: [3001], protocol: 'UDP', port: 1 },
			'Missing required parameter data or base64data',
		],
	])('refuses the cloud message %j', async (body, error) => {
		const response = await h.api.post('/devices/messages', body);
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ success: false, error });
		expect(h.emulator.state.cloudMessages).toHaveLength(0);
	});

	it('takes a webhook message without an API key when the GUID matches, and 403 when it does not', async () => {
		const accepted = await h.anonymous.post(
			`/devices/messages/3005/${hologramSeed.webhookGuid(3005)}`,
			{ data: 'via webhook', base64data: null },
		);
		expect(accepted.status).toBe(200);
		expect(h.emulator.state.webhookMessages).toEqual([
			expect.objectContaining({ deviceid: 3005, data: 'via webhook' }),
		]);

		const wrongGuid = await h.anonymous.post(
			`/devices/messages/3005/${hologramSeed.webhookGuid(3004)}`,
			{ data: 'x' },
		);
		expect(wrongGuid.status).toBe(403);
		expect(wrongGuid.data).toEqual({
			success: false,
			error: 'Invalid webhook GUID for this device',
		});
		expect(h.emulator.state.webhookMessages).toHaveLength(1);
	});
});
