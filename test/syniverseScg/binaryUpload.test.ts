import type { INodeParameters } from 'n8n-workflow';

import type { RecordedRequest } from '../../sandbox';
import { scgSeed } from '../../sandbox';
import { binaryItem, runNode } from '../harness/n8n';
import { SCG_API, SCG_CONTENT, useScg } from './useScg';

const scg = useScg();

/** Bytes that are clearly not text, so a re-encoding on the way would show. */
const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const map = Buffer.from('%PDF-1.4 delivery map', 'latin1');

const runWithFiles = async (
	parameters: INodeParameters,
	inputItems: ReturnType<typeof binaryItem>[],
) =>
	await runNode({
		node: 'syniverseScg',
		parameters,
		credentials: scg.credentials(),
		inputItems,
	});

/**
 * The five requests of one upload (docs/wire-formats/syniverseScg.md#attachment-upload), `<id>` and `<token>`
 * standing for the new IDs.
 */
const uploadCalls = [
	'POST /messaging/attachments',
	'GET /messaging/attachments/<id>',
	'POST /messaging/attachments/<id>/access_tokens',
	'POST [content]/messaging/attachments/<token>/content',
	'GET /messaging/attachments/<id>',
];

/** `scg.calls()` with one upload's attachment and token IDs replaced by placeholders. */
const callsWith = (ids: { id: string; token: string }[]) =>
	scg
		.calls()
		.map((call) =>
			ids.reduce(
				(text, { id, token }) =>
					text
						.replace(`/${id}/access_tokens`, '/<id>/access_tokens')
						.replace(`/${id}`, '/<id>')
						.replace(`/${token}/`, '/<token>/'),
				call,
			),
		);

const tokensOf = (attachmentId: string) =>
	scg
		.state()
		.attachmentAccessTokens.filter((token) => token.attachment_id === attachmentId)
		.map((token) => token.id);

const contentUpload = (requests: RecordedRequest[]) =>
	requests.filter((request) => request.pathname.startsWith(`${SCG_CONTENT}/`));

describe('Syniverse SCG → Message Request → Create: MMS from a binary property', () => {
	test('uploads the file in five requests, then sends the MMS with the new attachment', async () => {
		const { items, error } = await runWithFiles(
			{
				resource: 'messageRequest',
				operation: 'create',
				sender: scgSeed.activeSenderId,
				recipients: '+14085551212',
				messageType: 'MMS',
				attachmentSource: 'binary',
				binaryProperties: 'photo',
				message: 'Your parcel at the door',
			},
			[binaryItem('photo', photo, { fileName: 'door.jpg', mimeType: 'image/jpeg' })],
		);

		expect(error).toBeUndefined();
		const attachment = scg.state().attachments.at(-1)!;
		expect(attachment.id).not.toBe(scgSeed.attachmentId);
		const [token] = tokensOf(attachment.id);
		expect(callsWith([{ id: attachment.id, token }])).toEqual([
			...uploadCalls,
			'POST /messaging/message_requests',
		]);

		const [create, , , upload] = scg.requests();
		expect(create.body).toEqual({ name: 'door.jpg', type: 'image/jpeg', filename: 'door.jpg' });
		expect(upload.headers['content-type']).toMatch(/^application\/octet-stream/i);
		expect(upload.rawBody).toEqual(photo);
		expect(scg.emulator().attachmentContent(attachment.id)).toEqual(photo);
		expect(attachment).toMatchObject({ state: 'UPLOADED', size: photo.length });

		expect(scg.lastRequest().pathname).toBe(`${SCG_API}/messaging/message_requests`);
		expect(scg.lastRequest().body).toEqual({
			from: scgSeed.activeSenderId,
			to: ['+14085551212'],
			body: 'Your parcel at the door',
			attachments: [attachment.id],
		});
		const request = scg.state().messageRequests.at(-1)!;
		expect(request.attachments).toEqual([attachment.id]);
		expect(scg.state().messages.filter((m) => m.message_request_id === request.id)).toEqual([
			expect.objectContaining({
				type: 'MMS',
				attachments: [attachment.id],
				to_address: '+14085551212',
			}),
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: request.id, attachments: [attachment.id] });
	});

	test('several binary properties become several attachments, uploaded in the order given', async () => {
		const item = binaryItem('photo', photo, { fileName: 'door.jpg', mimeType: 'image/jpeg' });
		item.binary!.map = binaryItem('map', map, {
			fileName: 'map.pdf',
			mimeType: 'application/pdf',
		}).binary!.map;

		const { error } = await runWithFiles(
			{
				resource: 'messageRequest',
				operation: 'create',
				sender: scgSeed.shortCodeSenderId,
				recipients: `group:${scgSeed.groupId}`,
				messageType: 'MMS',
				attachmentSource: 'binary',
				binaryProperties: 'map, photo',
			},
			[item],
		);

		expect(error).toBeUndefined();
		const [mapAttachment, photoAttachment] = scg.state().attachments.slice(-2);
		expect([mapAttachment.filename, photoAttachment.filename]).toEqual(['map.pdf', 'door.jpg']);
		expect(
			callsWith([
				{ id: mapAttachment.id, token: tokensOf(mapAttachment.id)[0] },
				{ id: photoAttachment.id, token: tokensOf(photoAttachment.id)[0] },
			]),
		).toEqual([...uploadCalls, ...uploadCalls, 'POST /messaging/message_requests']);
		expect(contentUpload(scg.requests()).map((request) => request.rawBody)).toEqual([map, photo]);
		expect(scg.lastRequest().body).toEqual({
			from: scgSeed.shortCodeSenderId,
			to: [`group:${scgSeed.groupId}`],
			attachments: [mapAttachment.id, photoAttachment.id],
		});
		// The group's two members each get the MMS with both attachments.
		const request = scg.state().messageRequests.at(-1)!;
		const messages = scg.state().messages.filter((m) => m.message_request_id === request.id);
		expect(messages.map((message) => message.to_address).sort()).toEqual(
			[...scgSeed.contactMdns.slice(0, 2)].sort(),
		);
		for (const message of messages)
			expect(message.attachments).toEqual([mapAttachment.id, photoAttachment.id]);
	});

	test('a missing binary property is an error naming it, and nothing is uploaded or sent', async () => {
		const { error } = await runWithFiles(
			{
				resource: 'messageRequest',
				operation: 'create',
				sender: scgSeed.activeSenderId,
				recipients: '+14085551212',
				messageType: 'MMS',
				attachmentSource: 'binary',
				binaryProperties: 'photo',
			},
			[binaryItem('data', photo, { fileName: 'door.jpg', mimeType: 'image/jpeg' })],
		);

		expect(error?.message).toMatch(/photo/);
		expect(scg.requests()).toHaveLength(0);
		expect(scg.state().messageRequests).toHaveLength(1);
	});
});

describe('Syniverse SCG → Attachment → Create from a binary property', () => {
	test('uploads in five requests and outputs the attachment as UPLOADED, named after the file', async () => {
		const { items, error } = await runWithFiles(
			{ resource: 'attachment', operation: 'create', binaryPropertyName: 'data' },
			[binaryItem('data', photo, { fileName: 'door.jpg', mimeType: 'image/jpeg' })],
		);

		expect(error).toBeUndefined();
		const attachment = scg.state().attachments.at(-1)!;
		const [token] = tokensOf(attachment.id);
		expect(callsWith([{ id: attachment.id, token }])).toEqual(uploadCalls);
		expect(scg.requests()[0].body).toEqual({
			name: 'door.jpg',
			type: 'image/jpeg',
			filename: 'door.jpg',
		});
		// The access token is asked for with the JSON body {} the SDK sends, not with no body.
		const tokenRequest = scg.requests()[2];
		expect(tokenRequest.rawBody.toString()).toBe('{}');
		expect(tokenRequest.headers['content-type']).toBe('application/json');
		expect(contentUpload(scg.requests())[0].rawBody).toEqual(photo);
		expect(scg.emulator().attachmentContent(attachment.id)).toEqual(photo);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: attachment.id,
			name: 'door.jpg',
			filename: 'door.jpg',
			type: 'image/jpeg',
			state: 'UPLOADED',
			size: photo.length,
		});
	});

	test('name, file name and MIME type given as fields take the place of the binary’s', async () => {
		const { items, error } = await runWithFiles(
			{
				resource: 'attachment',
				operation: 'create',
				binaryPropertyName: 'scan',
				additionalFields: { name: 'Delivery map', filename: 'route.pdf', type: 'application/pdf' },
			},
			[binaryItem('scan', map, { fileName: 'scan0001.bin', mimeType: 'application/octet-stream' })],
		);

		expect(error).toBeUndefined();
		expect(scg.requests()[0].body).toEqual({
			name: 'Delivery map',
			type: 'application/pdf',
			filename: 'route.pdf',
		});
		expect(items[0].json).toMatchObject({
			name: 'Delivery map',
			filename: 'route.pdf',
			type: 'application/pdf',
			state: 'UPLOADED',
			size: map.length,
		});
	});

	test('each input item uploads its own file', async () => {
		const { items, error } = await runWithFiles(
			{ resource: 'attachment', operation: 'create', binaryPropertyName: 'data' },
			[
				binaryItem('data', photo, { fileName: 'door.jpg', mimeType: 'image/jpeg' }),
				binaryItem('data', map, { fileName: 'map.pdf', mimeType: 'application/pdf' }),
			],
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.filename)).toEqual(['door.jpg', 'map.pdf']);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of items)
			expect(scg.emulator().attachmentContent(String(item.json.id))).toEqual(
				item.json.filename === 'door.jpg' ? photo : map,
			);
		expect(scg.requests()).toHaveLength(10);
	});
});
