import { scgSeed, scgSeedAttachmentContent } from '../../../sandbox';
import { useScgSandbox } from './harness';

describe('Syniverse SCG emulator: attachments', () => {
	const h = useScgSandbox();
	const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

	it('uploads in the five requests the SDK sends, then downloads the same bytes', async () => {
		const created = await h.scg.post('/messaging/attachments', {
			name: 'attachment',
			type: 'image/jpeg',
			filename: 'attachment.jpg',
		});
		const id = created.data.id as string;
		expect((await h.scg.get(`/messaging/attachments/${id}`)).data).toMatchObject({
			state: 'CREATED',
			size: 0,
		});
		const token = await h.scg.post(`/messaging/attachments/${id}/access_tokens`, {});
		expect(token.data).toEqual({ id: expect.stringMatching(/^[0-9A-Za-z]{22}$/) });
		const contentUrl = `/scg-attachment/api/v1/messaging/attachments/${token.data.id}/content`;
		const upload = await h.api.post(contentUrl, jpeg, {
			headers: { 'Content-Type': 'Application/octet-stream' },
		});
		expect(upload.status).toBe(200);
		expect((await h.scg.get(`/messaging/attachments/${id}`)).data).toMatchObject({
			state: 'UPLOADED',
			size: jpeg.length,
			type: 'image/jpeg',
		});
		expect(h.emulator.attachmentContent(id)).toEqual(jpeg);

		const download = await h.api.get(contentUrl, {
			headers: { Accept: 'Application/octet-stream' },
			responseType: 'arraybuffer',
		});
		expect(download.status).toBe(200);
		expect(download.headers['content-type']).toBe('image/jpeg');
		expect(Buffer.from(download.data)).toEqual(jpeg);
	});

	it('refuses an access token asked for without the JSON body {}, as a JSON API does', async () => {
		const { id } = (await h.scg.post('/messaging/attachments', { name: 'photo' })).data;
		const tokenUrl = `/messaging/attachments/${id}/access_tokens`;

		// No body at all, and the same braces sent as form data.
		const bodyless = await h.scg.post(tokenUrl, undefined, { headers: { 'Content-Type': null } });
		const form = await h.scg.post(tokenUrl, '{}', {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		// What the SDK sends, content type spelled its way.
		const json = await h.scg.post(tokenUrl, '{}', {
			headers: { 'Content-Type': 'Application/json' },
		});

		expect(h.emulator.requests.slice(-3).map((request) => request.rawBody.toString())).toEqual([
			'',
			'{}',
			'{}',
		]);
		expect([bodyless.status, form.status, json.status]).toEqual([400, 400, 200]);
		expect(bodyless.data).toEqual({
			error: {
				code: 'INVALID_REQUEST',
				description: 'The request body is missing: send a JSON object ({} when it has no fields)',
			},
		});
		expect(form.data.error.description).toBe(
			'The request body must be JSON (Content-Type: application/json), not application/x-www-form-urlencoded',
		);
		expect(h.emulator.state.attachmentAccessTokens.map((token) => token.id)).toEqual([
			json.data.id,
		]);
	});

	it('downloads the seeded attachment and 404s content not uploaded yet', async () => {
		const download = await h.api.get(
			`/scg-attachment/api/v1/messaging/attachments/${scgSeed.attachmentId}/content`,
			{ responseType: 'arraybuffer' },
		);
		expect(Buffer.from(download.data)).toEqual(scgSeedAttachmentContent);
		const { id } = (await h.scg.post('/messaging/attachments', { name: 'empty' })).data;
		const missing = await h.api.get(`/scg-attachment/api/v1/messaging/attachments/${id}/content`);
		expect(missing.status).toBe(404);
		const mms = await h.scg.post('/messaging/message_requests', {
			from: scgSeed.activeSenderId,
			to: ['+14085551212'],
			attachments: [id],
		});
		expect(mms.status).toBe(400);
		expect(mms.data.error.description).toBe(`Attachment ${id} has no uploaded content`);
	});

	it('renames with version_number, lists and deletes', async () => {
		const renamed = await h.scg.post(`/messaging/attachments/${scgSeed.attachmentId}`, {
			name: 'brand',
			version_number: 1,
		});
		expect(renamed.data).toMatchObject({ name: 'brand', version_number: 2 });
		expect((await h.scg.get('/messaging/attachments')).data.total).toBe(1);
		expect((await h.scg.delete(`/messaging/attachments/${scgSeed.attachmentId}`)).status).toBe(204);
		expect(h.emulator.attachmentContent(scgSeed.attachmentId)).toBeUndefined();
	});
});
