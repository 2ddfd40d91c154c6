import type { ScgRecord } from '../state';
import { badRequest, jsonObject, newId, notFound, ok, scgApi, scgAttachmentApi } from '../wire';
import { commonReadOnly, findRecord, registerCollection, type CollectionSpec } from './collections';
import type { ScgContext, ScgRoutes } from './context';

export const attachmentSpec: CollectionSpec = {
	key: 'attachments',
	path: '/messaging/attachments',
	label: 'Attachment',
	writable: ['name', 'type', 'filename'],
	readOnly: [...commonReadOnly, 'size', 'state'],
	defaults: () => ({ size: 0, state: 'CREATED' }),
	onDelete: ({ state, content }, attachment) => {
		content.delete(attachment.id);
		state.attachmentAccessTokens = state.attachmentAccessTokens.filter(
			(token) => token.attachment_id !== attachment.id,
		);
	},
};

/** `POST /messaging/attachments/{id}/access_tokens` `{}` → `{"id": <tokenId>}`, the key of the content URL. */
function createAccessToken({ request, path, state, now }: ScgContext) {
	// The token takes no fields, but the JSON body `{}` must be there, as on every JSON call.
	jsonObject(request);
	const attachment = findRecord(state, attachmentSpec, path.id);
	const id = newId();
	state.attachmentAccessTokens.push({ id, attachment_id: attachment.id, created_date: now });
	return ok({ id });
}

/** The content URL takes an access token id; the attachment id itself is accepted too (lenient). */
function attachmentForContent({ path, state }: ScgContext): ScgRecord {
	const token = state.attachmentAccessTokens.find((candidate) => candidate.id === path.tokenId);
	const id = token?.attachment_id ?? path.tokenId;
	const attachment = state.attachments.find((candidate) => candidate.id === id);
	if (!attachment) throw notFound(`Attachment access token ${path.tokenId} not found`);
	return attachment;
}

/** The raw bytes, whatever the content type (the SDK sends `Application/octet-stream`). */
function uploadContent(context: ScgContext) {
	const attachment = attachmentForContent(context);
	const bytes = context.request.rawBody;
	if (bytes.length === 0) throw badRequest('The attachment content is empty');
	context.content.set(attachment.id, Buffer.from(bytes));
	attachment.size = bytes.length;
	attachment.state = 'UPLOADED';
	attachment.last_update_date = context.now;
	return ok({ id: attachment.id, size: bytes.length, state: 'UPLOADED' });
}

function downloadContent(context: ScgContext) {
	const attachment = attachmentForContent(context);
	const bytes = context.content.get(attachment.id);
	if (!bytes) throw notFound(`Attachment ${attachment.id} has no content yet`);
	const filename = String(attachment.filename ?? attachment.name ?? attachment.id).replace(
		/"/g,
		'',
	);
	return {
		status: 200,
		rawBody: bytes,
		headers: {
			'content-type':
				typeof attachment.type === 'string' ? attachment.type : 'application/octet-stream',
			'content-disposition': `attachment; filename="${filename}"`,
		},
	};
}

export function registerAttachmentRoutes(routes: ScgRoutes): void {
	registerCollection(routes, attachmentSpec);
	routes.add('POST', `${scgApi}/messaging/attachments/:id/access_tokens`, createAccessToken);
	const content = `${scgAttachmentApi}/messaging/attachments/:tokenId/content`;
	routes.add('POST', content, uploadContent);
	routes.add('PUT', content, uploadContent);
	routes.add('GET', content, downloadContent);
}
