import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { providerRequest } from '../shared/request';
import { scgPagination, scgProfile } from './api';

async function listAll(
	context: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	return await scgPagination.collect(
		async (page) =>
			(await providerRequest(context, scgProfile, { method: 'GET', path, qs: { ...qs, ...page } }))
				.body,
	);
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
	async getContactGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await listAll(this, 'contact_groups'))
			.map((group) => ({
				name:
					group.member_count !== undefined
						? `${String(group.name ?? group.id)} (${String(group.member_count)} members)`
						: String(group.name ?? group.id),
				value: String(group.id),
			}))
			.sort(byName);
	},
};
