import { hoiioSeed } from '../../sandbox';
import { sentParameters, useHoiio } from './useHoiio';

const hoiio = useHoiio();

/** n distinct Singapore mobile numbers. */
function numbers(count: number): string[] {
	return Array.from({ length: count }, (_, index) => `+658${String(index).padStart(7, '0')}`);
}

describe('Hoiio → SMS → Send', () => {
	test('posts dest and msg as a form with the credential parameters and returns the txn_ref', async () => {
		const { items, error } = await hoiio.run({
			resource: 'sms',
			operation: 'send',
			to: '+65 9123 4567',
			message: 'Your parcel is on its way',
			additionalFields: { tag: 'order-17', senderName: 'ShopCo' },
		});

		expect(error).toBeUndefined();
		const request = hoiio.lastRequest();
		expect(request.method).toBe('POST');
		expect(request.pathname).toBe('/open/sms/send');
		expect(request.headers['content-type']).toContain('application/x-www-form-urlencoded');
		expect(request.body).toEqual({
			app_id: hoiioSeed.appId,
			access_token: hoiioSeed.accessToken,
			dest: '+6591234567',
			msg: 'Your parcel is on its way',
			tag: 'order-17',
			sender_name: 'ShopCo',
		});
		expect(items).toHaveLength(1);
		// The item says whom the SMS went to and how it travels: 25 GSM-7 characters in one SMS.
		expect(items[0].json).toEqual({
			txn_ref: expect.stringMatching(/^AA-/),
			recipient: '+6591234567',
			status: 'sent',
			encoding: 'GSM-7',
			characters: 25,
			segments: 1,
		});
		const sms = hoiio.state().sms.find((entry) => entry.txn_ref === items[0].json.txn_ref);
		expect(sms?.dest).toBe('+6591234567');
	});

	test('sends a text of 459 characters (3 SMS) and refuses a longer one before sending', async () => {
		const atLimit = await hoiio.run({
			resource: 'sms',
			operation: 'send',
			to: '+6591234567',
			message: 'x'.repeat(459),
		});
		expect(atLimit.error).toBeUndefined();
		expect((hoiio.lastRequest().body as { msg: string }).msg).toHaveLength(459);

		const before = hoiio.requests().length;
		const tooLong = await hoiio.run({
			resource: 'sms',
			operation: 'send',
			to: '+6591234567',
			message: 'x'.repeat(460),
		});
		expect(tooLong.error?.message).toBe(
			'Item 0: "Message" is too long: 460 characters, at most 459 characters are accepted',
		);
		expect(hoiio.requests()).toHaveLength(before);
	});

	test("adds the credential's default country code to a national number", async () => {
		await hoiio.run(
			{ resource: 'sms', operation: 'send', to: '09123 4567', message: 'Hi' },
			{ defaultCountryCode: '65' },
		);

		expect(sentParameters(hoiio.lastRequest()).dest).toBe('+6591234567');
	});

	test('rejects a number without a country code, naming the item and field, and does not send it', async () => {
		const { error } = await hoiio.run(
			{ resource: 'sms', operation: 'send', to: '={{ $json.phone }}', message: 'Hi' },
			{ items: [{ phone: '+6591234567' }, { phone: '91234567' }] },
		);

		expect(error?.message).toBe(
			'Item 1: "To" "91234567" has no country code: write it with its country code, like +6591234567',
		);
		expect(hoiio.requests()).toHaveLength(1);
	});

	test('sends the notify URL and the delivery report reaches it', async () => {
		const { items } = await hoiio.run({
			resource: 'sms',
			operation: 'send',
			to: '+6591234567',
			message: 'Hi',
			additionalFields: { notifyUrl: 'http://127.0.0.1:9/reports' },
		});

		expect(sentParameters(hoiio.lastRequest()).notify_url).toBe('http://127.0.0.1:9/reports');
		await hoiio.emulator().flushNotifications();
		const delivery = hoiio.emulator().deliveries.find((entry) => entry.url.includes('/reports'));
		expect(delivery?.params).toMatchObject({
			txn_ref: items[0].json.txn_ref,
			sms_status: 'delivered',
		});
	});
});

describe('Hoiio → SMS → Send Bulk', () => {
	test('sends 2,500 recipients in 3 requests of at most 1,000, one item per recipient', async () => {
		const recipients = numbers(2500);
		const { items, error } = await hoiio.run({
			resource: 'sms',
			operation: 'sendBulk',
			recipientSource: 'list',
			recipients: recipients.join(', '),
			message: 'Store closes early today',
		});

		expect(error).toBeUndefined();
		const requests = hoiio.requests();
		expect(requests.map((request) => request.pathname)).toEqual([
			'/open/sms/bulk_send',
			'/open/sms/bulk_send',
			'/open/sms/bulk_send',
		]);
		const sent = requests.map((request) => String(sentParameters(request).dest).split(','));
		expect(sent.map((chunk) => chunk.length)).toEqual([1000, 1000, 500]);
		expect(sent.flat()).toEqual(recipients);
		expect(sentParameters(requests[0]).msg).toBe('Store closes early today');
		expect(items).toHaveLength(2500);
		expect(items.map((item) => item.json.recipient)).toEqual(recipients);
		expect(items.every((item) => item.json.status === 'sent')).toBe(true);
		expect(items.map((item) => item.json.chunk)).toEqual([
			...Array<number>(1000).fill(1),
			...Array<number>(1000).fill(2),
			...Array<number>(500).fill(3),
		]);
		// Hoiio answers a chunk with one bulk_txn_ref: every recipient of the chunk carries it.
		const refs = [items[0], items[1000], items[2000]].map((item) => item.json.bulk_txn_ref);
		expect(new Set(refs).size).toBe(3);
		for (const ref of refs) expect(ref).toMatch(/^AA-/);
		expect(items[1999].json.bulk_txn_ref).toBe(refs[1]);
		// Every recipient came from the one input item.
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const bulkSms = hoiio.state().sms.filter((sms) => refs.includes(sms.bulk_txn_ref));
		expect(bulkSms.map((sms) => sms.dest).sort()).toEqual([...recipients].sort());
	});

	test('takes one recipient per input item and sends them together, each result paired with its item', async () => {
		const { items } = await hoiio.run(
			{
				resource: 'sms',
				operation: 'sendBulk',
				recipientSource: 'items',
				recipient: '={{ $json.phone }}',
				message: 'Meeting moved to 3pm',
				additionalFields: { tag: 'team' },
			},
			{
				items: [{ phone: '+6591110001' }, { phone: '91110002' }, { phone: '+6591110003' }],
				defaultCountryCode: '65',
			},
		);

		expect(hoiio.requests()).toHaveLength(1);
		expect(sentParameters(hoiio.lastRequest())).toEqual({
			dest: '+6591110001,+6591110002,+6591110003',
			msg: 'Meeting moved to 3pm',
			tag: 'team',
		});
		expect(items.map((item) => [item.json.recipient, item.json.status, item.pairedItem])).toEqual([
			['+6591110001', 'sent', { item: 0 }],
			['+6591110002', 'sent', { item: 1 }],
			['+6591110003', 'sent', { item: 2 }],
		]);
		expect(items[0].json).toMatchObject({ chunk: 1, chunks: 1, bulk_txn_ref: expect.any(String) });
	});

	test('a number listed twice gets one SMS; its second entry is an item that says so', async () => {
		const { items } = await hoiio.run({
			resource: 'sms',
			operation: 'sendBulk',
			recipientSource: 'list',
			recipients: '+6591110001, +6591110002, +6591110001',
			message: 'Hi',
		});

		expect(sentParameters(hoiio.lastRequest()).dest).toBe('+6591110001,+6591110002');
		expect(items.map((item) => [item.json.recipient, item.json.status])).toEqual([
			['+6591110001', 'sent'],
			['+6591110002', 'sent'],
			['+6591110001', 'skipped'],
		]);
		expect(items[2].json.reason).toBe('listed more than once: the number gets one SMS');
	});

	test('a failing second request says that the first one was already sent', async () => {
		const recipients = numbers(1500);
		// The first chunk is affordable, the second is not.
		hoiio.emulator().setBalance(40);
		const { error } = await hoiio.run({
			resource: 'sms',
			operation: 'sendBulk',
			recipientSource: 'list',
			recipients: recipients.join(','),
			message: 'x',
		});

		expect(hoiio.requests()).toHaveLength(2);
		expect(error?.message).toBe(
			'Hoiio: the account does not have enough credit: top it up in Hoiio',
		);
		expect(error?.description).toContain(
			'Requests 1 to 1 of 2 (1000 recipients) were already sent',
		);
	});
});

describe('Hoiio → SMS → Get Status', () => {
	test('returns the status with numbers as numbers and the date in ISO 8601 (GMT+8)', async () => {
		const { items } = await hoiio.run({
			resource: 'sms',
			operation: 'getStatus',
			txnRef: hoiioSeed.firstSmsRef,
		});

		expect(hoiio.lastRequest().pathname).toBe('/open/sms/query_status');
		expect(sentParameters(hoiio.lastRequest())).toEqual({ txn_ref: hoiioSeed.firstSmsRef });
		const json = items[0].json;
		expect(json.txn_ref).toBe(hoiioSeed.firstSmsRef);
		expect(json.status).toBeUndefined();
		expect(typeof json.rate).toBe('number');
		expect(typeof json.debit).toBe('number');
		expect(typeof json.split_count).toBe('number');
		expect(json.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
	});

	test('an unknown reference becomes a readable error carrying the Hoiio status', async () => {
		const { error } = await hoiio.run({
			resource: 'sms',
			operation: 'getStatus',
			txnRef: 'AA-S-1',
		});

		expect(error?.message).toBe('Hoiio: no transaction has this reference');
		expect(error?.description).toContain('error_txn_ref_invalid');
	});
});

describe('Hoiio → SMS → Get History', () => {
	test('Return All pages through page=1,2,3 until total_entries_count', async () => {
		const { items } = await hoiio.run({
			resource: 'sms',
			operation: 'getHistory',
			returnAll: true,
		});

		expect(hoiio.requests().map((request) => sentParameters(request).page)).toEqual([
			'1',
			'2',
			'3',
		]);
		expect(items).toHaveLength(hoiioSeed.seededSmsCount);
		expect(typeof items[0].json.rate).toBe('number');
	});

	test('Limit stops after the page that reaches it', async () => {
		const { items } = await hoiio.run({
			resource: 'sms',
			operation: 'getHistory',
			returnAll: false,
			limit: 150,
		});

		expect(hoiio.requests()).toHaveLength(2);
		expect(items).toHaveLength(150);
	});

	test('date filters are sent as GMT+8 local time', async () => {
		await hoiio.run({
			resource: 'sms',
			operation: 'getHistory',
			returnAll: false,
			limit: 5,
			filters: { fromDate: '2024-03-01T00:00:00Z', toDate: '2024-03-31T16:00:00Z' },
		});

		expect(sentParameters(hoiio.lastRequest())).toMatchObject({
			from: '2024-03-01 08:00:00',
			to: '2024-04-01 00:00:00',
			page: '1',
		});
	});
});

describe('Hoiio → SMS → Get History in slices', () => {
	test('three runs of Limit 90, each starting at the nextStart of the last, read the 260 SMS once each', async () => {
		const slices: Array<Array<Record<string, unknown>>> = [];
		const starts: Array<string | null> = [''];
		for (let run = 0; run < 3; run++) {
			const { items, error } = await hoiio.run({
				resource: 'sms',
				operation: 'getHistory',
				returnAll: false,
				limit: 90,
				startAt: starts[run],
			});
			expect(error).toBeUndefined();
			slices.push(items.map((item) => item.json));
			starts.push(items.at(-1)?.json.nextStart as string | null);
		}

		expect(slices.map((slice) => slice.length)).toEqual([90, 90, 80]);
		expect(starts).toEqual(['', 'page=1&skip=90', 'page=2&skip=80', null]);
		for (const [run, slice] of slices.entries())
			for (const sms of slice) expect(sms.nextStart).toBe(starts[run + 1]);
		// Each run asks again for the page the last one stopped in, and for no page it does not need.
		expect(hoiio.requests().map((request) => sentParameters(request).page)).toEqual([
			'1',
			'1',
			'2',
			'2',
			'3',
		]);
		const read = slices.flat().map((sms) => sms.txn_ref);
		expect(new Set(read).size).toBe(hoiioSeed.seededSmsCount);
	});
});

describe('Hoiio → SMS → Get Rate and Get Incoming Rate', () => {
	test('Get Rate prices a message to a number, with numbers as numbers', async () => {
		const { items } = await hoiio.run({
			resource: 'sms',
			operation: 'getRate',
			to: '+6591234567',
			additionalFields: { message: 'Hello there' },
		});

		expect(hoiio.lastRequest().pathname).toBe('/open/sms/get_rate');
		expect(sentParameters(hoiio.lastRequest())).toEqual({
			dest: '+6591234567',
			msg: 'Hello there',
		});
		expect(items[0].json).toMatchObject({
			currency: expect.any(String),
			rate: 0.032,
			split_count: 1,
		});
		expect(typeof items[0].json.total_cost).toBe('number');
	});

	test('Get Incoming Rate sends the Hoiio number as incoming', async () => {
		const { items } = await hoiio.run({
			resource: 'sms',
			operation: 'getIncomingRate',
			hoiioNumber: hoiioSeed.usNumber,
		});

		expect(sentParameters(hoiio.lastRequest())).toEqual({ incoming: hoiioSeed.usNumber });
		expect(typeof items[0].json.rate).toBe('number');
	});
});
