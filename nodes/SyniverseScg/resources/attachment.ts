import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FieldSpec, OperationSpec } from '../../shared/operations';
import type { RequestSettings } from '../../shared/request';
import { pathWith, providerRequest } from '../../shared/request';
import { scgAttachmentProfile, scgJsonBody, scgProfile } from '../api';
import { attachmentId, sort, wireField } from '../fields';
import { deletedOutput } from '../update';

const PATH = 'messaging/attachments';

export interface AttachmentDetails {
	name?: string;
	type?: string;
	filename?: string;
}

async function getAttachment(
	context: IExecuteFunctions,
	id: string,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const path = pathWith(`${PATH}/{id}`, { id });
	return (
		await providerRequest<IDataObject>(
			context,
			scgProfile,
			{ method: 'GET', path, itemIndex },
			settings,
		)
	).body;
}

/** Content is reached through a short-lived access token of the attachment, not its ID. */
async function contentToken(
	context: IExecuteFunctions,
	id: string,
	itemIndex: number,
	settings: RequestSettings,
): Promise<string> {
	const { body } = await providerRequest<IDataObject>(
		context,
		scgProfile,
		{
			method: 'POST',
			path: pathWith(`${PATH}/{id}/access_tokens`, { id }),
			...scgJsonBody({}),
			// A second token for the same attachment is harmless.
			idempotent: true,
			itemIndex,
		},
		settings,
	);
	return String(body.id);
}

/**
 * Uploads an item's binary property as an SCG attachment, in the five requests the SDK makes
 * (docs/wire-formats/syniverseScg.md#attachment-upload): create, read, access token, upload the raw bytes,
 * read again.
 */
export async function uploadAttachment(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	details: AttachmentDetails,
	settings: RequestSettings,
): Promise<IDataObject> {
	const binary = context.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const content = await context.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	const filename = details.filename || binary.fileName || `${binaryPropertyName}.bin`;
	const created = await providerRequest<IDataObject>(
		context,
		scgProfile,
		{
			method: 'POST',
			path: PATH,
			body: {
				name: details.name || filename,
				type: details.type || binary.mimeType || 'application/octet-stream',
				filename,
			},
			itemIndex,
		},
		settings,
	);
	const id = String(created.body.id);
	await getAttachment(context, id, itemIndex, settings);
	const token = await contentToken(context, id, itemIndex, settings);
	await providerRequest(
		context,
		scgAttachmentProfile,
		{
			method: 'POST',
			path: pathWith(`${PATH}/{token}/content`, { token }),
			body: content,
			headers: { 'Content-Type': 'Application/octet-stream' },
			// Uploading the same bytes again gives the same result.
			idempotent: true,
			itemIndex,
		},
		settings,
	);
	return await getAttachment(context, id, itemIndex, settings);
}

const binaryPropertyName: FieldSpec = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file to upload',
	description: 'Name of the binary property of the input item that holds the file',
};

const attachmentDetailFields: FieldSpec[] = [
	wireField('Name', 'name', 'string', 'Name of the attachment; the file name when left out'),
	wireField(
		'File Name',
		'filename',
		'string',
		'File name recipients see; the binary file name when left out',
	),
	wireField(
		'MIME Type',
		'type',
		'string',
		'Content type, for example image/jpeg; taken from the binary data when left out',
		{
			placeholder: 'image/jpeg',
		},
	),
];

export const attachmentOperations: OperationSpec[] = [
	{
		resource: 'attachment',
		operation: 'create',
		name: 'Create',
		action: 'Upload an attachment',
		description: 'Upload a file from a binary field, to send it in MMS messages',
		fields: [binaryPropertyName, ...attachmentDetailFields],
		async run(context, input, settings) {
			const attachment = await uploadAttachment(
				context,
				input.itemIndex,
				String(input.values.binaryPropertyName),
				{
					name: input.values.name as string | undefined,
					filename: input.values.filename as string | undefined,
					type: input.values.type as string | undefined,
				},
				settings,
			);
			return context.helpers.returnJsonArray(attachment);
		},
	},
	{
		resource: 'attachment',
		operation: 'delete',
		name: 'Delete',
		action: 'Delete an attachment',
		description: 'Delete an attachment and its content',
		method: 'DELETE',
		path: `${PATH}/{attachmentId}`,
		fields: [attachmentId],
		output: deletedOutput('attachmentId'),
	},
	{
		resource: 'attachment',
		operation: 'download',
		name: 'Download',
		action: 'Download an attachment',
		description: 'Download the content of an attachment as binary data',
		method: 'GET',
		path: `${PATH}/{attachmentId}`,
		fields: [
			attachmentId,
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				hint: 'The name of the output binary field to put the file in',
				description: 'Name of the binary property the file is written to',
			},
		],
		async run(context, input, settings): Promise<INodeExecutionData[]> {
			const id = String(input.values.attachmentId);
			const attachment = await getAttachment(context, id, input.itemIndex, settings);
			const token = await contentToken(context, id, input.itemIndex, settings);
			const { body, headers } = await providerRequest<Buffer>(
				context,
				scgAttachmentProfile,
				{
					method: 'GET',
					path: pathWith(`${PATH}/{token}/content`, { token }),
					headers: { Accept: 'Application/octet-stream' },
					binaryResponse: true,
					itemIndex: input.itemIndex,
				},
				settings,
			);
			const mimeType =
				(typeof attachment.type === 'string' && attachment.type) ||
				String(headers['content-type'] ?? 'application/octet-stream');
			const fileName = String(attachment.filename || attachment.name || id);
			const binary = await context.helpers.prepareBinaryData(body, fileName, mimeType);
			return [
				{
					json: attachment,
					binary: { [String(input.values.binaryPropertyName)]: binary },
				},
			];
		},
	},
	{
		resource: 'attachment',
		operation: 'get',
		name: 'Get',
		action: 'Get an attachment',
		description: 'Retrieve the details of an attachment (name, type, size, state)',
		method: 'GET',
		path: `${PATH}/{attachmentId}`,
		fields: [attachmentId],
	},
	{
		resource: 'attachment',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many attachments',
		description: 'List the uploaded attachments',
		method: 'GET',
		path: PATH,
		list: true,
		fields: [
			wireField('Name', 'name', 'string', 'Only attachments with this name'),
			wireField('State', 'state', 'string', 'Only attachments in this state'),
			wireField('MIME Type', 'type', 'string', 'Only attachments of this content type'),
			sort,
		],
	},
];
