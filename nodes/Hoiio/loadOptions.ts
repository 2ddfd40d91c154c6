import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { providerRequest } from '../shared/request';
import { hoiioPagination, hoiioProfile } from './api';

async function listAll(context: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	return await hoiioPagination.collect(
		async (page) =>
			(
				await providerRequest(context, hoiioProfile, {
					method: 'POST',
					path,
					body: page,
					idempotent: true,
				})
			).body,
	);
}

/** Dropdowns filled from the live API, so users pick numbers and countries instead of typing them. */
export const hoiioLoadOptions = {
	async getSubscribedNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await listAll(this, 'number/get_active'))
			.map((entry) => ({
				name: [entry.number, entry.country, entry.mode].filter(Boolean).join(' · '),
				value: String(entry.number),
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
	async getCountries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await listAll(this, 'number/get_countries'))
			.map((entry) => ({
				name: `${String(entry.name)} (+${String(entry.prefix).replace(/^\+/, '')})`,
				value: String(entry.code),
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
};
