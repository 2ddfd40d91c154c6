import { scgSeed } from '../../sandbox';
import { SCG_API, useScg } from './useScg';

const scg = useScg();

const send = (parameters: Record<string, unknown>) => ({
	resource: 'messageRequest',
	operation: 'create',
	sender: scgSeed.activeSenderId,
	messageType: 'SMS',
	...parameters,
});

describe('Syniverse SCG → Message Request', () => {
	test('Create sends an SMS to a number normalised to E.164, and outputs the request ID', async () => {
		const { items, error } = await scg.run(
			send({ recipients: '+1 (408) 555-1212', message: 'Your parcel is on its way' }),
		);

		expect(error).toBeUndefined();
		const request = scg.lastRequest();
		expect(request.method).toBe('POST');
		expect(request.pathname).toBe(`${SCG_API}/messaging/message_requests`);
		expect(request.body).toEqual({
			from: scgSeed.activeSenderId,
			to: ['+14085551212'],
			body: 'Your parcel is on its way',
		});
		const created = scg.state().messageRequests.at(-1);
		expect(items[0].json).toMatchObject({ id: created?.id, to: ['+14085551212'] });
	});

	test('Create takes contact:, group: and numbers as a list from the input item', async () => {
		const { error } = await scg.run(send({ recipients: '={{ $json.to }}', message: 'Hi' }), {
			items: [
				{
					to: [`contact:${scgSeed.contactIds[2]}`, `GROUP:${scgSeed.groupId}`, '0044 7700 900999'],
				},
			],
		});

		expect(error).toBeUndefined();
		expect(scg.lastRequest().body).toMatchObject({
			to: [`contact:${scgSeed.contactIds[2]}`, `group:${scgSeed.groupId}`, '+447700900999'],
		});
	});

	test('Create adds the default country code to national numbers', async () => {
		await scg.run(
			send({
				recipients: '408 555 1212',
				message: 'Hi',
				additionalFields: { defaultCountryCode: '1' },
			}),
		);

		expect(scg.lastRequest().body).toMatchObject({ to: ['+14085551212'] });
	});

	test('Create stops with an error naming the item and the number when a number is invalid', async () => {
		const { error } = await scg.run(send({ recipients: '={{ $json.phone }}', message: 'Hi' }), {
			items: [{ phone: '+14085551212' }, { phone: '12ab' }],
		});

		expect(error?.message).toMatch(/^Item 1: "Recipients" has an invalid phone number: "12ab"/);
		// The first item was sent before the second failed.
		expect(scg.requests().filter((request) => request.method === 'POST')).toHaveLength(1);
	});

	test('Create skips and reports invalid numbers when asked to', async () => {
		const { items, error } = await scg.run(
			send({
				recipients: '+14085551212, 555, +14085551213',
				message: 'Hi',
				additionalFields: { invalidNumbers: 'skip' },
			}),
		);

		expect(error).toBeUndefined();
		expect(scg.lastRequest().body).toMatchObject({ to: ['+14085551212', '+14085551213'] });
		expect(items[0].json.skippedRecipients).toEqual([
			{ recipient: '555', reason: expect.stringContaining('"555"') },
		]);
	});

	test('Create with only invalid numbers and Skip sends nothing and says so', async () => {
		const { items } = await scg.run(
			send({ recipients: 'nope', message: 'Hi', additionalFields: { invalidNumbers: 'skip' } }),
		);

		expect(scg.requests()).toHaveLength(0);
		expect(items[0].json).toMatchObject({ sent: false, to: [] });
	});

	test('Create sends an MMS with attachment IDs, a subject and a scheduled time in epoch ms', async () => {
		const at = '2030-01-02T03:04:05.000Z';
		const { error } = await scg.run(
			send({
				recipients: '+14085551212',
				messageType: 'MMS',
				attachmentSource: 'ids',
				attachmentIds: scgSeed.attachmentId,
				message: 'See the picture',
				additionalFields: {
					subject: 'Delivery',
					scheduledDeliveryTime: at,
					testMessageFlag: false,
					campaignId: 'spring',
				},
			}),
		);

		expect(error).toBeUndefined();
		expect(scg.lastRequest().body).toEqual({
			from: scgSeed.activeSenderId,
			to: ['+14085551212'],
			body: 'See the picture',
			attachments: [scgSeed.attachmentId],
			subject: 'Delivery',
			scheduled_delivery_time: Date.parse(at),
			campaign_id: 'spring',
		});
	});

	test('Create to a group of 500 contacts fans out into 500 messages', async () => {
		const state = scg.state();
		const template = state.contacts[0];
		const members: string[] = [];
		for (let index = 0; index < 500; index++) {
			const id = `Bulk${String(index).padStart(18, '0')}`;
			state.contacts.push({
				...template,
				id,
				primary_mdn: `+1415600${String(index).padStart(4, '0')}`,
			});
			members.push(id);
		}
		state.groupMembers[scgSeed.emptyGroupId] = members;

		const { items, error } = await scg.run(
			send({ recipients: `group:${scgSeed.emptyGroupId}`, message: 'Store closes at 6 today' }),
		);
		await scg.emulator().flush();

		expect(error).toBeUndefined();
		const requestId = items[0].json.id as string;
		expect(
			scg.state().messages.filter((message) => message.message_request_id === requestId),
		).toHaveLength(500);
	});

	test('Get reads one request with its counts', async () => {
		const { items } = await scg.run({
			resource: 'messageRequest',
			operation: 'get',
			messageRequestId: scgSeed.messageRequestId,
		});

		expect(scg.lastRequest().method).toBe('GET');
		expect(scg.lastRequest().pathname).toBe(
			`${SCG_API}/messaging/message_requests/${scgSeed.messageRequestId}`,
		);
		expect(items[0].json).toMatchObject({ id: scgSeed.messageRequestId, state: 'COMPLETED' });
	});

	test('Get Many lists requests with a state filter', async () => {
		const { items } = await scg.run({
			resource: 'messageRequest',
			operation: 'getAll',
			returnAll: true,
			filters: { state: 'COMPLETED' },
		});

		expect(scg.lastRequest().pathname).toBe(`${SCG_API}/messaging/message_requests`);
		expect(scg.lastRequest().query).toEqual({ state: 'COMPLETED', limit: '100' });
		expect(items.map((item) => item.json.id)).toContain(scgSeed.messageRequestId);
	});

	test('Get Messages lists the messages of a request', async () => {
		const { items } = await scg.run({
			resource: 'messageRequest',
			operation: 'getMessages',
			messageRequestId: scgSeed.messageRequestId,
			returnAll: true,
		});

		expect(scg.lastRequest().pathname).toBe(
			`${SCG_API}/messaging/message_requests/${scgSeed.messageRequestId}/messages`,
		);
		expect(items.map((item) => item.json.id).sort()).toEqual([...scgSeed.messageIds].sort());
	});

	test('Cancel posts state CANCELED to a scheduled request', async () => {
		const later = new Date(Date.now() + 3600_000).toISOString();
		const created = await scg.run(
			send({
				recipients: '+14085551212',
				message: 'Later',
				additionalFields: { scheduledDeliveryTime: later },
			}),
		);
		const id = created.items[0].json.id as string;

		const { items, error } = await scg.run({
			resource: 'messageRequest',
			operation: 'cancel',
			messageRequestId: id,
		});

		expect(error).toBeUndefined();
		expect(scg.lastRequest().method).toBe('POST');
		expect(scg.lastRequest().pathname).toBe(`${SCG_API}/messaging/message_requests/${id}`);
		expect(scg.lastRequest().body).toEqual({ state: 'CANCELED' });
		expect(items[0].json).toEqual({ id, state: 'CANCELED' });
		expect(scg.state().messageRequests.find((request) => request.id === id)?.state).toBe(
			'CANCELED',
		);
	});
});
