import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { callAccountApi } from './api';

function toOptions(result: unknown, valueKey: string): INodePropertyOptions[] {
	const records = Array.isArray(result) ? (result as IDataObject[]) : [];
	return records
		.filter((record) => record[valueKey] !== undefined && record[valueKey] !== null)
		.map((record) => {
			const value = String(record[valueKey]);
			const name = typeof record.name === 'string' && record.name !== '' ? record.name : value;
			return { name, value, description: value };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Dropdowns filled from the account API, so users pick names instead of typing keys. */
export const vumiLoadOptions = {
	async getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await callAccountApi(this, 'campaigns', []), 'key');
	},
	async getConversations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const campaign = this.getCurrentNodeParameter('campaignKey') as string | undefined;
		if (!campaign) return [];
		return toOptions(await callAccountApi(this, 'conversations', [campaign]), 'uuid');
	},
};
