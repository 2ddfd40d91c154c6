import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { pathWith } from '../shared/request';
import { CREDENTIAL_TYPE, call, itemsOf } from './api';
import { platformOf } from './login';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

function label(record: IDataObject): string {
	return String(record.title || record.name || record.id);
}

async function grounds(context: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const platform = platformOf(await context.getCredentials(CREDENTIAL_TYPE));
	const body =
		platform === 'maker'
			? await call(context, { method: 'GET', path: '/grounds' })
			: await call(context, { method: 'GET', path: '/me/grounds', qs: { type: 'shared' } });
	return itemsOf(body);
}

/** Every device the credential can see: of all its grounds, or the device of a device token. */
async function devices(context: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	if (platformOf(credentials) === 'maker' && credentials.makerScope === 'device') {
		const id = String(credentials.deviceId ?? '');
		if (id === '') return [];
		return [
			(await call(context, {
				method: 'GET',
				path: pathWith('/device/{id}', { id }),
			})) as IDataObject,
		];
	}
	const all: IDataObject[] = [];
	for (const ground of await grounds(context)) {
		const path = pathWith('/ground/{id}/devices', { id: String(ground.id) });
		all.push(...itemsOf(await call(context, { method: 'GET', path })));
	}
	return all;
}

async function assetsOf(context: ILoadOptionsFunctions, deviceId: string): Promise<IDataObject[]> {
	const platform = platformOf(await context.getCredentials(CREDENTIAL_TYPE));
	const path =
		platform === 'maker'
			? pathWith('/device/{id}/assets', { id: deviceId })
			: pathWith('/device/{id}', { id: deviceId });
	return itemsOf(await call(context, { method: 'GET', path }), 'assets');
}

/** The assets of every device, each named after its device. */
async function everyAsset(context: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	for (const device of await devices(context)) {
		for (const asset of await assetsOf(context, String(device.id))) {
			if (asset.id === undefined) continue;
			options.push({ name: `${label(device)} / ${label(asset)}`, value: String(asset.id) });
		}
	}
	return options.sort(byName);
}

/** The assets of the chosen device, by name (the name is their address on the device). */
async function assetNames(
	context: ILoadOptionsFunctions,
	deviceId: string,
): Promise<INodePropertyOptions[]> {
	if (deviceId === '' || deviceId.startsWith('=')) return [];
	return (await assetsOf(context, deviceId))
		.map((asset) => ({
			name: `${label(asset)}${asset.is ? ` (${String(asset.is)})` : ''}`,
			value: String(asset.name),
		}))
		.sort(byName);
}

/** The device chosen in the node, whether picked from the list or typed. */
function currentDevice(context: ILoadOptionsFunctions): string {
	const value = context.getCurrentNodeParameter('deviceId', { extractValue: true });
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

async function deviceOptions(context: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await devices(context))
		.map((device) => ({ name: label(device), value: String(device.id) }))
		.sort(byName);
}

/** Dropdowns from the live API, so nobody types device or asset IDs. */
export const smartLivingLoadOptions = {
	async getGrounds(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await grounds(this))
			.map((ground) => ({ name: label(ground), value: String(ground.id) }))
			.sort(byName);
	},
	async getDevices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await deviceOptions(this);
	},
	/** The assets of the chosen device, by name (the name is their address on the device). */
	async getAssetNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await assetNames(this, currentDevice(this));
	},
	/** For the trigger: every asset of the device, or one of them. */
	async getAssetNamesOrAll(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const assets = await assetNames(this, currentDevice(this));
		return [{ name: 'Every Asset of the Device', value: '+' }, ...assets];
	},
	/** Every asset of every device, by ID. */
	async getAssetIds(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await everyAsset(this);
	},
};

/** The options whose name or value holds the search text (the lists are short: one call each). */
function matching(options: INodePropertyOptions[], filter?: string): INodeListSearchResult {
	const wanted = (filter ?? '').trim().toLowerCase();
	return {
		results: options.filter((option) =>
			`${option.name} ${String(option.value)}`.toLowerCase().includes(wanted),
		),
	};
}

/** Lists for the resource locators (From List), searched by name or ID. */
export const smartLivingListSearch = {
	async searchDevices(this: ILoadOptionsFunctions, filter?: string) {
		return matching(await deviceOptions(this), filter);
	},
	async searchAssets(this: ILoadOptionsFunctions, filter?: string) {
		return matching(await everyAsset(this), filter);
	},
	async searchAssetNames(this: ILoadOptionsFunctions, filter?: string) {
		return matching(await assetNames(this, currentDevice(this)), filter);
	},
};
