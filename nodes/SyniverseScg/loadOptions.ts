import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { isObject } from '../shared/provider';
import type { PageSearch } from '../shared/listSearch';
import { everyRecord, listSearchMethods, matchingEntries, pageRecords } from '../shared/listSearch';
import { providerRequest } from '../shared/request';
import { scgPageKeys, scgPagination, scgProfile } from './api';

async function listAll(
	context: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	return await everyRecord(context, scgProfile, scgPagination, (page) => ({
		method: 'GET',
		path,
		qs: { ...qs, ...page },
	}));
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

function senderLabel(sender: IDataObject): string {
	const address = sender.address ? String(sender.address) : '';
	const name = sender.name ? String(sender.name) : '';
	const label = name && address && name !== address ? `${name} (${address})` : name || address;
	const capabilities = Array.isArray(sender.capabilities)
		? ` – ${sender.capabilities.join(', ')}`
		: '';
	return `${label || String(sender.id)}${capabilities}`;
}

/** Dropdowns filled from the live API, so users pick names instead of typing 22-character IDs. */
export const scgLoadOptions = {
	/** Active sender IDs, then channels (sent as `channel:<id>`). */
	async getSenders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const senders = (await listAll(this, 'messaging/sender_ids', { state: 'ACTIVE' }))
			.filter((sender) => sender.state === undefined || sender.state === 'ACTIVE')
			.map((sender) => ({ name: senderLabel(sender), value: String(sender.id) }))
			.sort(byName);
		let channels: INodePropertyOptions[] = [];
		try {
			channels = (await listAll(this, 'messaging/channels'))
				.map((channel) => ({
					name: `Channel: ${String(channel.name ?? channel.id)}`,
					value: `channel:${String(channel.id)}`,
				}))
				.sort(byName);
		} catch {
			// Accounts without channel access still get their sender IDs.
		}
		return [...senders, ...channels];
	},
	async getSenderIds(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await listAll(this, 'messaging/sender_ids'))
			.map((sender) => ({
				name: `${senderLabel(sender)}${sender.state ? ` [${String(sender.state)}]` : ''}`,
				value: String(sender.id),
			}))
			.sort(byName);
	},
	async getChannels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await listAll(this, 'messaging/channels'))
			.map((channel) => ({ name: String(channel.name ?? channel.id), value: String(channel.id) }))
			.sort(byName);
	},
};

function groupLabel(group: IDataObject): string {
	const name = String(group.name ?? group.id);
	return group.member_count !== undefined
		? `${name} (${String(group.member_count)} members)`
		: name;
}

/** A contact by name and phone number; by external ID or ID when it has neither. */
function contactLabel(contact: IDataObject): string {
	const name = [contact.first_name, contact.last_name].filter((part) => part).join(' ');
	const address = contact.primary_mdn ?? contact.primary_email_addr;
	const label = [name, address ? `(${String(address)})` : ''].filter(Boolean).join(' ');
	return label || String(contact.external_id ?? contact.id);
}

function attachmentLabel(attachment: IDataObject): string {
	const file = [attachment.filename, attachment.type].filter((part) => part).join(', ');
	return `${String(attachment.name ?? attachment.id)}${file ? ` (${file})` : ''}`;
}

/**
 * One page of an SCG list for a resource locator (From List): the offset of the next page is n8n's
 * pagination token, and the search text is matched against the labels of the page.
 */
const searchPage: PageSearch = async (context, { path, label }, filter, paginationToken) => {
	const keys = scgPageKeys;
	const offset = Number(paginationToken ?? 0) || 0;
	const qs: IDataObject = { [keys.sizeParameter]: keys.pageSize };
	if (offset > 0) qs[keys.offsetParameter] = offset;
	const { body } = await providerRequest(context, scgProfile, { method: 'GET', path, qs });
	const page = pageRecords(body, keys.itemsKey);
	const results = matchingEntries(page, label, (record) => String(record.id), filter);
	const total = isObject(body) ? Number(body[keys.totalKey]) : NaN;
	const seen = offset + page.length;
	const more =
		page.length > 0 && (Number.isFinite(total) ? seen < total : page.length >= keys.pageSize);
	return { results, paginationToken: more ? String(seen) : undefined };
};

/** Lists for the resource locators: contacts, contact groups, sender IDs and attachments. */
export const scgListSearch = listSearchMethods(searchPage, {
	searchContacts: { path: 'contacts', label: contactLabel },
	searchContactGroups: { path: 'contact_groups', label: groupLabel },
	searchSenderIds: {
		path: 'messaging/sender_ids',
		label: (sender) => `${senderLabel(sender)}${sender.state ? ` [${String(sender.state)}]` : ''}`,
	},
	searchAttachments: { path: 'messaging/attachments', label: attachmentLabel },
});
