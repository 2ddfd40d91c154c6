import { hologramSeed } from '../../sandbox';
import { useHologram } from './useHologram';

const hologram = useHologram();

describe('Hologram → Cloud Message (CSR)', () => {
	test('Send publishes data as a device, with topics', async () => {
		const before = hologram.state().csrMessages.length;
		const { items, error } = await hologram.run({
			resource: 'csrMessage',
			operation: 'send',
			deviceId: 3001,
			message: '{"temp":4.2}',
			additionalFields: { topics: 'cold-room, alert' },
		});

		expect(error).toBeUndefined();
		const request = hologram.lastRequest();
		expect(request.method).toBe('POST');
		expect(request.pathname).toBe('/api/1/csr/rdm');
		expect(request.body).toEqual({
			deviceid: 3001,
			data: '{"temp":4.2}',
			tags: ['cold-room', 'alert'],
		});
		// Hologram answers only success: the item says what was sent, as it was sent.
		expect(items[0].json).toEqual({
			success: true,
			deviceId: 3001,
			message: '{"temp":4.2}',
			topics: ['cold-room', 'alert'],
		});
		expect(hologram.state().csrMessages).toHaveLength(before + 1);
	});

	test('Get Many filters by device, topic and time window (unix seconds)', async () => {
		const { items } = await hologram.run({
			resource: 'csrMessage',
			operation: 'getAll',
			returnAll: true,
			filters: {
				deviceIds: '3001,3004',
				topicName: 'temperature',
				timeStart: '2024-01-01T00:00:00Z',
				timeEnd: '2030-01-01T00:00:00Z',
			},
		});

		expect(hologram.lastRequest().query).toMatchObject({
			deviceids: '3001,3004',
			topicname: 'temperature',
			timestart: '1704067200',
			timeend: '1893456000',
		});
		for (const item of items) {
			expect([3001, 3004]).toContain(item.json.deviceid);
			expect(item.json.tags).toContain('temperature');
		}
	});

	test('Get Many rejects a From that is not a date, naming the item', async () => {
		const { error } = await hologram.run({
			resource: 'csrMessage',
			operation: 'getAll',
			returnAll: true,
			filters: { timeStart: 'yesterday-ish' },
		});

		expect(error?.message).toBe('Item 0: "From" is not a date and time, got "yesterday-ish"');
	});
});

describe('Hologram → SMS', () => {
	test('Send delivers a text SMS to the device with a sender number', async () => {
		const { items } = await hologram.run({
			resource: 'sms',
			operation: 'send',
			deviceId: 3002,
			encoding: 'text',
			message: 'Reboot now',
			additionalFields: { fromNumber: '+447700900123' },
		});

		expect(hologram.lastRequest().pathname).toBe('/api/1/sms/incoming');
		expect(hologram.lastRequest().body).toEqual({
			deviceid: 3002,
			body: 'Reboot now',
			fromnumber: '+447700900123',
		});
		// A device has no phone number of its own: the recipient is the device ID.
		expect(items[0].json).toEqual({
			success: true,
			deviceId: 3002,
			message: 'Reboot now',
			fromNumber: '+447700900123',
			recipient: '3002',
			status: 'sent',
			encoding: 'GSM-7',
			characters: 10,
			segments: 1,
		});
		expect(hologram.state().sentSms).toEqual([
			expect.objectContaining({ deviceid: 3002, body: 'Reboot now' }),
		]);
	});

	test('Send writes the sender number in E.164 and refuses one that is not a phone number', async () => {
		const sent = await hologram.run({
			resource: 'sms',
			operation: 'send',
			deviceId: 3002,
			encoding: 'text',
			message: 'Reboot now',
			additionalFields: { fromNumber: '+44 7700-900123' },
		});
		expect(sent.error).toBeUndefined();
		expect(hologram.lastRequest().body).toMatchObject({ fromnumber: '+447700900123' });

		const before = hologram.requests().length;
		const refused = await hologram.run({
			resource: 'sms',
			operation: 'send',
			deviceId: 3002,
			encoding: 'text',
			message: 'Reboot now',
			additionalFields: { fromNumber: '7700900123' },
		});
		expect(refused.error?.message).toBe(
			'Item 0: "From Number" "7700900123" has no country code: write it with its country code, like +6591234567',
		);
		expect(hologram.requests()).toHaveLength(before);
	});

	test('Send takes a text of up to 1,600 characters and refuses a longer one before sending', async () => {
		const atLimit = await hologram.run({
			resource: 'sms',
			operation: 'send',
			deviceId: 3002,
			encoding: 'text',
			message: 'x'.repeat(1600),
		});
		expect(atLimit.error).toBeUndefined();
		expect((hologram.lastRequest().body as { body: string }).body).toHaveLength(1600);

		const before = hologram.requests().length;
		const tooLong = await hologram.run({
			resource: 'sms',
			operation: 'send',
			deviceId: 3002,
			encoding: 'text',
			message: '\u00e9'.repeat(1601),
		});
		expect(tooLong.error?.message).toBe(
			'Item 0: "Message" is too long: 1601 characters, at most 1600 characters are accepted',
		);
		expect(hologram.requests()).toHaveLength(before);
	});

	test('Send in base64 uses the base64body field', async () => {
		await hologram.run({
			resource: 'sms',
			operation: 'send',
			deviceId: 3002,
			encoding: 'base64',
			base64Message: 'AQID',
		});

		expect(hologram.lastRequest().body).toEqual({ deviceid: 3002, base64body: 'AQID' });
	});

	test('Send rejects text that is not base64 when base64 is chosen', async () => {
		const { error } = await hologram.run({
			resource: 'sms',
			operation: 'send',
			deviceId: 3002,
			encoding: 'base64',
			base64Message: 'not base64!',
		});

		expect(error?.message).toBe('Item 0: "Message (Base64)" is not valid base64');
		expect(hologram.state().sentSms).toHaveLength(0);
	});

	test('Send rejects an empty message', async () => {
		const { error } = await hologram.run({
			resource: 'sms',
			operation: 'send',
			deviceId: 3002,
			encoding: 'text',
			message: '  ',
		});

		expect(error?.message).toBe('Item 0: "Message" is required but empty');
	});
});

describe('Hologram → Device Message', () => {
	test('Send delivers data to several devices over TCP and outputs one item per device', async () => {
		const { items } = await hologram.run({
			resource: 'deviceMessage',
			operation: 'send',
			deviceIds: '3001,3003',
			protocol: 'TCP',
			port: 4010,
			encoding: 'text',
			message: 'ping',
			additionalFields: { waitForResponse: true },
		});

		expect(hologram.lastRequest().pathname).toBe('/api/1/devices/messages');
		expect(hologram.lastRequest().body).toEqual({
			deviceids: [3001, 3003],
			protocol: 'TCP',
			port: 4010,
			data: 'ping',
			waitForResponse: true,
		});
		expect(items.map((item) => item.json.deviceid)).toEqual([3001, 3003]);
		expect(items.every((item) => item.json.messageid !== undefined)).toBe(true);
		expect(hologram.state().cloudMessages).toHaveLength(2);
	});

	test('Send via Webhook uses the GUID in the path and sends no API key', async () => {
		const guid = hologramSeed.webhookGuid(3005);
		const { items, error } = await hologram.run({
			resource: 'deviceMessage',
			operation: 'sendViaWebhook',
			deviceId: 3005,
			webhookGuid: guid,
			encoding: 'base64',
			base64Message: 'SGVsbG8=',
		});

		expect(error).toBeUndefined();
		const request = hologram.lastRequest();
		expect(request.pathname).toBe(`/api/1/devices/messages/3005/${guid}`);
		expect(request.headers.authorization).toBeUndefined();
		expect(request.path).not.toContain('apikey');
		expect(request.body).toEqual({ base64data: 'SGVsbG8=' });
		// The GUID is the send's secret: it is not in the output.
		expect(items[0].json).toEqual({ success: true, deviceId: 3005, base64Message: 'SGVsbG8=' });
		expect(hologram.state().webhookMessages).toEqual([
			expect.objectContaining({ deviceid: 3005, base64data: 'SGVsbG8=' }),
		]);
	});

	test('Send via Webhook with a wrong GUID is a NodeApiError and sends nothing', async () => {
		const { error } = await hologram.run({
			resource: 'deviceMessage',
			operation: 'sendViaWebhook',
			deviceId: 3005,
			webhookGuid: 'wrong-guid',
			encoding: 'text',
			message: 'hi',
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('403');
		expect(hologram.state().webhookMessages).toHaveLength(0);
	});
});
