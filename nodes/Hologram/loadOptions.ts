import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { providerRequest } from '../shared/request';
import { hologramPagination, hologramProfile } from './api';

async function listAll(context: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	return await hologramPagination.collect(
		async (qs) =>
			(await providerRequest(context, hologramProfile, { method: 'GET', path, qs })).body,
	);
}

function toOptions(
	records: IDataObject[],
	label: (record: IDataObject) => string,
): INodePropertyOptions[] {
	return records
		.map((record) => ({ name: label(record), value: record.id as number }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Dropdowns filled from the live API, so users pick names instead of typing numeric IDs. */
export const hologramLoadOptions = {
	async getDataPlans(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(
			await listAll(this, 'plans'),
			(plan) => `${String(plan.name)} (${String(plan.id)})`,
		);
	},
	async getOrganizations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await listAll(this, 'organizations'), (org) =>
			org.is_personal ? `${String(org.name)} (personal)` : String(org.name),
		);
	},
	async getDeviceTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return toOptions(await listAll(this, 'devices/tags'), (tag) => String(tag.name));
	},
};
