import { scgSeed, scgSeedAttachmentContent } from '../../sandbox';
import { SCG_API, SCG_CONTENT, useScg } from './useScg';

const scg = useScg();

describe('Syniverse SCG → Sender ID', () => {
	test('Get Many filters by class and state, as the SDK example does', async () => {
		const { items } = await scg.run({
			resource: 'senderId',
			operation: 'getAll',
			returnAll: true,
			filters: { classId: 'COMMERCIAL', state: 'ACTIVE' },
		});

		expect(scg.lastRequest().pathname).toBe(`${SCG_API}/messaging/sender_ids`);
		expect(scg.lastRequest().query).toEqual({
			class_id: 'COMMERCIAL',
			state: 'ACTIVE',
			limit: '100',
		});
		expect(items.map((item) => item.json.id).sort()).toEqual(
			[scgSeed.activeSenderId, scgSeed.shortCodeSenderId, scgSeed.smsOnlySenderId].sort(),
		);
	});

	test('Get reads one sender ID', async () => {
		const { items } = await scg.run({
			resource: 'senderId',
			operation: 'get',
			senderId: scgSeed.shortCodeSenderId,
		});

		expect(scg.lastRequest().pathname).toBe(
			`${SCG_API}/messaging/sender_ids/${scgSeed.shortCodeSenderId}`,
		);
		expect(items[0].json).toMatchObject({ id: scgSeed.shortCodeSenderId, address: '66000' });
	});
});

describe('Syniverse SCG → Message', () => {
	test('Get, Get Many (received only) and Delete', async () => {
		const get = await scg.run({
			resource: 'message',
			operation: 'get',
			messageId: scgSeed.messageIds[0],
		});
		expect(scg.lastRequest().pathname).toBe(
			`${SCG_API}/messaging/messages/${scgSeed.messageIds[0]}`,
		);
		expect(get.items[0].json).toMatchObject({ id: scgSeed.messageIds[0], state: 'DELIVERED' });

		const inbound = await scg.run({
			resource: 'message',
			operation: 'getAll',
			returnAll: true,
			filters: { direction: 'MO' },
		});
		expect(scg.lastRequest().query).toEqual({ direction: 'MO', limit: '100' });
		expect(inbound.items.map((item) => item.json.id)).toEqual([scgSeed.inboundMessageId]);

		const deleted = await scg.run({
			resource: 'message',
			operation: 'delete',
			messageId: scgSeed.inboundMessageId,
		});
		expect(scg.lastRequest().method).toBe('DELETE');
		expect(deleted.items[0].json).toEqual({ id: scgSeed.inboundMessageId, deleted: true });
	});
});

describe('Syniverse SCG → Attachment', () => {
	test('Download fetches a content token and returns the bytes as binary data', async () => {
		const { items, error } = await scg.run({
			resource: 'attachment',
			operation: 'download',
			attachmentId: scgSeed.attachmentId,
			binaryPropertyName: 'picture',
		});

		expect(error).toBeUndefined();
		expect(scg.calls()).toEqual([
			`GET /messaging/attachments/${scgSeed.attachmentId}`,
			`POST /messaging/attachments/${scgSeed.attachmentId}/access_tokens`,
			expect.stringMatching(/^GET \[content\]\/messaging\/attachments\/\w+\/content$/),
		]);
		const tokenRequest = scg.requests()[1];
		expect([tokenRequest.headers['content-type'], tokenRequest.rawBody.toString()]).toEqual([
			'application/json',
			'{}',
		]);
		expect(scg.lastRequest().pathname.startsWith(SCG_CONTENT)).toBe(true);
		const binary = items[0].binary?.picture;
		expect(binary?.mimeType).toBe('image/png');
		expect(Buffer.from(binary!.data, 'base64')).toEqual(scgSeedAttachmentContent);
		expect(items[0].json).toMatchObject({ id: scgSeed.attachmentId });
	});

	test('Get, Get Many and Delete', async () => {
		const get = await scg.run({
			resource: 'attachment',
			operation: 'get',
			attachmentId: scgSeed.attachmentId,
		});
		expect(scg.lastRequest().pathname).toBe(
			`${SCG_API}/messaging/attachments/${scgSeed.attachmentId}`,
		);
		expect(get.items[0].json).toMatchObject({ id: scgSeed.attachmentId, type: 'image/png' });

		const all = await scg.run({ resource: 'attachment', operation: 'getAll', returnAll: true });
		expect(all.items.map((item) => item.json.id)).toContain(scgSeed.attachmentId);

		const deleted = await scg.run({
			resource: 'attachment',
			operation: 'delete',
			attachmentId: scgSeed.attachmentId,
		});
		expect(scg.lastRequest().method).toBe('DELETE');
		expect(deleted.items[0].json).toEqual({ id: scgSeed.attachmentId, deleted: true });
		expect(scg.state().attachments.map((attachment) => attachment.id)).not.toContain(
			scgSeed.attachmentId,
		);
	});

	test('Create names the item and field when the input item has no such binary field', async () => {
		const { error } = await scg.run({
			resource: 'attachment',
			operation: 'create',
			binaryPropertyName: 'photo',
		});

		expect(error?.message).toMatch(/photo/);
		expect(scg.requests()).toHaveLength(0);
	});
});
