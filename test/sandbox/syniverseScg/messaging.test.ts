import { scgSeed } from '../../../sandbox';
import { useScgSandbox } from './harness';

const requests = '/messaging/message_requests';
type Message = { to_address: string; state: string; contact_id: string | null; type: string };

describe('Syniverse SCG emulator: message requests and messages', () => {
	const h = useScgSandbox();

	async function send(body: Record<string, unknown>) {
		const response = await h.scg.post(requests, body);
		expect(response.status).toBe(200);
		return response.data.id as string;
	}

	const messagesOf = (id: string) =>
		h.emulator.state.messages.filter((message) => message.message_request_id === id);

	it('sends an SMS as the seed example does, and moves PENDING → SENT → DELIVERED on flush', async () => {
		const id = await send({
			from: scgSeed.activeSenderId,
			to: ['+14085551212'],
			body: 'Hello, this is a SMS message.',
		});
		expect(id).toMatch(/^[0-9A-Za-z]{22}$/);
		const pending = await h.scg.get(`${requests}/${id}`);
		expect(pending.data).toMatchObject({
			id,
			from: scgSeed.activeSenderId,
			to: ['+14085551212'],
			state: 'PENDING',
			recipient_count: 1,
			sent_count: 0,
		});
		expect(messagesOf(id).map((message) => message.state)).toEqual(['PENDING']);

		await h.emulator.flush();
		const done = await h.scg.get(`${requests}/${id}`);
		expect(done.data).toMatchObject({ state: 'COMPLETED', sent_count: 1, delivered_count: 1 });
		const messages = await h.scg.get(`${requests}/${id}/messages`);
		expect(messages.data.total).toBe(1);
		expect(messages.data.list[0]).toMatchObject({
			message_request_id: id,
			direction: 'MT',
			state: 'DELIVERED',
			from_address: '+15552223561',
			to_address: '+14085551212',
			type: 'SMS',
			body: 'Hello, this is a SMS message.',
			sent_date: expect.any(Number),
			delivered_date: expect.any(Number),
			fragments_info: [expect.objectContaining({ fragment_state: 'DELIVERED' })],
		});
		expect(h.emulator.state.transmissions).toEqual([
			expect.objectContaining({ message_request_id: id, to_address: '+14085551212' }),
		]);
	});

	it('takes the options with fixed values as SCG documents them, the priorities as a list or as text, and refuses others', async () => {
		const id = await send({
			from: scgSeed.activeSenderId,
			to: ['+14085551212'],
			body: 'Hi',
			consent_requirement: 'OPT_IN',
			scheduled_delivery_time_zone: 'UTC',
			contact_delivery_address_priority: 'WHATSAPP,MDN',
			sender_id_sort_criteria: ['DELIVERY_ADDRESS'],
		});
		expect((await h.scg.get(`${requests}/${id}`)).data).toMatchObject({
			consent_requirement: 'OPT_IN',
			contact_delivery_address_priority: ['WHATSAPP', 'MDN'],
			sender_id_sort_criteria: ['DELIVERY_ADDRESS'],
		});

		const base = { from: scgSeed.activeSenderId, to: ['+14085551212'], body: 'Hi' };
		for (const [field, value] of [
			['consent_requirement', 'EXPRESS'],
			['failover', '{}'],
			['sender_id_sort_criteria', ['CHEAPEST']],
		] as const) {
			const refused = await h.scg.post(requests, { ...base, [field]: value });
			expect(refused.status).toBe(400);
			expect(JSON.stringify(refused.data)).toContain(field);
		}
	});

	it('expands contact:<id> and group:<id> into one message each, and sends each exactly once', async () => {
		const id = await send({
			from: scgSeed.activeSenderId,
			to: [`contact:${scgSeed.contactIds[2]}`, `group:${scgSeed.groupId}`, '+14085551212'],
			body: 'Shift change',
		});
		expect(messagesOf(id).map((message) => [message.to_address, message.contact_id])).toEqual([
			['+447700900103', scgSeed.contactIds[2]],
			['+14155550101', scgSeed.contactIds[0]],
			['+14155550102', scgSeed.contactIds[1]],
			['+14085551212', null],
		]);
		await h.emulator.flush();
		await h.emulator.flush();
		expect(h.emulator.state.transmissions.map((sent) => sent.to_address).sort()).toEqual([
			'+14085551212',
			'+14155550101',
			'+14155550102',
			'+447700900103',
		]);
		expect(h.emulator.state.messageRequests.at(-1)).toMatchObject({
			recipient_count: 4,
			sent_count: 4,
			delivered_count: 4,
		});
	});

	it('resolves channel:<id> and alias:<name> senders', async () => {
		const viaChannel = await send({
			from: `channel:${scgSeed.channelId}`,
			to: ['+14085551212'],
			body: 'a',
		});
		const viaAlias = await send({ from: 'alias:promo', to: ['+14085551212'], body: 'b' });
		expect(messagesOf(viaChannel)[0].from_address).toBe('+15552223561');
		expect(messagesOf(viaAlias)[0]).toMatchObject({
			from_address: '66000',
			customer_sender_id: scgSeed.shortCodeSenderId,
		});
	});

	it.each([
		[{ to: ['+14085551212'], body: 'x' }, 'Missing required field from'],
		[{ from: scgSeed.activeSenderId, body: 'x' }, 'Missing required field to'],
		[
			{ from: scgSeed.activeSenderId, to: ['+14085551212'] },
			'A message request needs a body or attachments',
		],
		[
			{ from: scgSeed.activeSenderId, to: ['555-1212'], body: 'x' },
			'Invalid recipient "555-1212" in to',
		],
		[
			{ from: scgSeed.inactiveSenderId, to: ['+14085551212'], body: 'x' },
			`Sender id ${scgSeed.inactiveSenderId} is INACTIVE`,
		],
		[
			{ from: 'alias:nobody', to: ['+14085551212'], body: 'x' },
			'No active sender id has the alias nobody',
		],
		[
			{ from: scgSeed.activeSenderId, to: [`group:${scgSeed.emptyGroupId}`], body: 'x' },
			'The recipients resolve to no address',
		],
		[
			{ from: scgSeed.smsOnlySenderId, to: ['+14085551212'], attachments: [scgSeed.attachmentId] },
			`Sender id ${scgSeed.smsOnlySenderId} cannot send MMS messages`,
		],
	])('refuses %j with 400', async (body, description) => {
		const response = await h.scg.post(requests, body);
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error: { code: 'INVALID_REQUEST', description } });
		expect(h.emulator.state.messageRequests).toHaveLength(1);
	});

	it('answers 404 for an unknown contact in to', async () => {
		const response = await h.scg.post(requests, {
			from: scgSeed.activeSenderId,
			to: ['contact:Missing'],
			body: 'x',
		});
		expect(response.status).toBe(404);
		expect(response.data.error.description).toBe('Contact Missing not found');
	});

	it('sends an MMS with attachments', async () => {
		const id = await send({
			from: scgSeed.activeSenderId,
			to: ['+14085551212'],
			body: 'Hello, this is a MMS message.',
			attachments: [scgSeed.attachmentId],
		});
		const [message] = messagesOf(id);
		expect(message).toMatchObject({ type: 'MMS', attachments: [scgSeed.attachmentId] });
		const attachments = await h.scg.get(`/messaging/messages/${message.id}/attachments`);
		expect(attachments.data.list).toEqual([expect.objectContaining({ id: scgSeed.attachmentId })]);
	});

	it('ends messages to a failing address FAILED with a failure code', async () => {
		const id = await send({
			from: scgSeed.activeSenderId,
			to: [scgSeed.failingAddress, '+14085551212'],
			body: 'x',
		});
		await h.emulator.flush();
		expect(messagesOf(id).map((message: Message) => message.state)).toEqual([
			'FAILED',
			'DELIVERED',
		]);
		expect(messagesOf(id)[0]).toMatchObject({ failure_code: 4001 });
		expect((await h.scg.get(`${requests}/${id}`)).data).toMatchObject({
			failed_count: 1,
			delivered_count: 1,
		});
	});

	it('cancels a pending request with {"state":"CANCELED"}; nothing is sent; a completed one answers 409', async () => {
		const id = await send({ from: scgSeed.activeSenderId, to: ['+14085551212'], body: 'x' });
		const canceled = await h.scg.post(`${requests}/${id}`, {
			state: 'CANCELED',
			version_number: 1,
		});
		expect(canceled.status).toBe(200);
		expect(canceled.data).toMatchObject({
			state: 'CANCELED',
			canceled_count: 1,
			version_number: 2,
		});
		await h.emulator.flush();
		expect(messagesOf(id)[0].state).toBe('CANCELED');
		expect(h.emulator.state.transmissions).toHaveLength(0);

		const late = await h.scg.post(`${requests}/${scgSeed.messageRequestId}`, { state: 'CANCELED' });
		expect(late.status).toBe(409);
		expect(late.data.error).toEqual({
			code: 'INVALID_STATE_TRANSITION',
			description: `Message request ${scgSeed.messageRequestId} is COMPLETED and cannot become CANCELED`,
		});
		const stale = await h.scg.post(`${requests}/${id}`, { state: 'PAUSED', version_number: 1 });
		expect(stale.status).toBe(409);
		expect(stale.data.error.code).toBe('VERSION_CONFLICT');
	});

	it('holds a scheduled request until its time (or flush with scheduled), and a paused one until resumed', async () => {
		const later = Date.now() + 3_600_000;
		const scheduled = await send({
			from: scgSeed.activeSenderId,
			to: ['+14085551212'],
			body: 'later',
			scheduled_delivery_time: later,
		});
		const paused = await send({
			from: scgSeed.activeSenderId,
			to: ['+14085551212'],
			body: 'held',
			pause_before_transmit: true,
		});
		await h.emulator.flush();
		expect((await h.scg.get(`${requests}/${scheduled}`)).data).toMatchObject({
			state: 'SCHEDULED',
			scheduled_delivery_time: later,
		});
		expect((await h.scg.get(`${requests}/${paused}`)).data.state).toBe('PAUSED');

		await h.scg.post(`${requests}/${paused}`, { state: 'TRANSMITTING' });
		await h.emulator.flush();
		expect((await h.scg.get(`${requests}/${paused}`)).data.state).toBe('COMPLETED');
		await h.emulator.flush({ scheduled: true });
		expect((await h.scg.get(`${requests}/${scheduled}`)).data.state).toBe('COMPLETED');
	});

	it('lists, filters, gets, marks and deletes messages', async () => {
		const all = await h.scg.get('/messaging/messages');
		expect(all.data.total).toBe(3);
		const inbound = await h.scg.get('/messaging/messages?direction=MO');
		expect(inbound.data.list).toEqual([expect.objectContaining({ id: scgSeed.inboundMessageId })]);
		const processed = await h.scg.post(`/messaging/messages/${scgSeed.inboundMessageId}`, {
			state: 'PROCESSED',
		});
		expect(processed.data).toMatchObject({ state: 'PROCESSED', version_number: 2 });
		expect((await h.scg.delete(`/messaging/messages/${scgSeed.messageIds[0]}`)).status).toBe(204);
		expect((await h.scg.get(`/messaging/messages/${scgSeed.messageIds[0]}`)).status).toBe(404);
		expect((await h.scg.get(`${requests}?state=COMPLETED`)).data.total).toBe(1);
		expect((await h.scg.delete(`${requests}/${scgSeed.messageRequestId}`)).status).toBe(204);
	});

	it('fans a group of 500 contacts out into 500 messages, each sent once', async () => {
		const members: string[] = [];
		for (let n = 0; n < 500; n++) {
			const id = `Member${String(n).padStart(16, '0')}`;
			members.push(id);
			h.emulator.state.contacts.push({
				id,
				version_number: 1,
				created_date: 0,
				last_update_date: 0,
				primary_mdn: `+1415600${String(n).padStart(4, '0')}`,
			});
		}
		h.emulator.state.groupMembers[scgSeed.emptyGroupId] = members;
		const id = await send({
			from: scgSeed.activeSenderId,
			to: [`group:${scgSeed.emptyGroupId}`],
			body: 'All hands',
		});
		await h.emulator.flush();
		expect(h.emulator.state.transmissions).toHaveLength(500);
		expect(new Set(h.emulator.state.transmissions.map((sent) => sent.to_address)).size).toBe(500);
		const request = (await h.scg.get(`${requests}/${id}`)).data;
		expect(request).toMatchObject({ recipient_count: 500, delivered_count: 500 });
		const lastPage = await h.scg.get(`${requests}/${id}/messages?offset=450&limit=100`);
		expect(lastPage.data).toMatchObject({ total: 500, offset: 450, limit: 100 });
		expect(lastPage.data.list).toHaveLength(50);
	});

	it('moves sends on by itself with autoProgress (timers), no flush needed', async () => {
		h.emulator.applySettings({ autoProgress: true, progressDelayMs: 5 });
		const id = await send({ from: scgSeed.activeSenderId, to: ['+14085551212'], body: 'x' });
		for (let tries = 0; tries < 100 && messagesOf(id)[0].state !== 'DELIVERED'; tries++)
			await new Promise((resolve) => setTimeout(resolve, 5));
		expect(messagesOf(id)[0].state).toBe('DELIVERED');
	});
});
