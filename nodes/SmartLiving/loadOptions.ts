import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

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

/** Dropdowns from the live API, so nobody types device or asset IDs. */
export const smartLivingLoadOptions = {
	async getGrounds(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await grounds(this))
			.map((ground) => ({ name: label(ground), value: String(ground.id) }))
			.sort(byName);
	},
	async getDevices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await devices(this))
			.map((device) => ({ name: label(device), value: String(device.id) }))
			.sort(byName);
	},
	/** The assets of the chosen device, by name (the name is their address on the device). */
	async getAssetNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const deviceId = String(this.getCurrentNodeParameter('deviceId') ?? '');
		if (deviceId === '' || deviceId.startsWith('=')) return [];
		return (await assetsOf(this, deviceId))
			.map((asset) => ({
				name: `${label(asset)}${asset.is ? ` (${String(asset.is)})` : ''}`,
				value: String(asset.name),
			}))
			.sort(byName);
	},
	/** For the trigger: every asset of the device, or one of them. */
	async getAssetNamesOrAll(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const assets = await smartLivingLoadOptions.getAssetNames.call(this);
		return [{ name: 'Every Asset of the Device', value: '+' }, ...assets];
	},
	/** Every asset of every device, by ID. */
	async getAssetIds(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const options: INodePropertyOptions[] = [];
		for (const device of await devices(this)) {
			for (const asset of await assetsOf(this, String(device.id))) {
				if (asset.id === undefined) continue;
				options.push({ name: `${label(device)} / ${label(asset)}`, value: String(asset.id) });
			}
		}
		return options.sort(byName);
	},
};
