import { join } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { MQTT_PACKAGE_NAME, loadPackage } from '../harness/n8n';

/** The SmartLiving credential type as n8n loads it from one package's built folder. */
async function smartLivingCredentialOf(folder: string): Promise<ICredentialType> {
	const loader = new PackageDirectoryLoader(join(__dirname, '..', '..', folder));
	await loader.loadAll();
	return loader.credentialTypes.smartLivingApi.type;
}

/** Every list search a resource locator names (From List). */
function listSearchMethods(properties: INodeProperties[]): string[] {
	const modes = properties.flatMap((property) => property.modes ?? []);
	return [...new Set(modes.flatMap((mode) => mode.typeOptions?.searchListMethod ?? []))].sort();
}

/** Every `loadOptionsMethod` named by a property. */
function dropdownMethods(properties: INodeProperties[]): string[] {
	return [
		...new Set(properties.flatMap((property) => property.typeOptions?.loadOptionsMethod ?? [])),
	].sort();
}

describe('n8n-nodes-telco-iot-mqtt descriptions', () => {
	test('the MQTT trigger keeps its node name; both nodes belong to the companion package', async () => {
		const pkg = await loadPackage();
		expect(pkg.typeOf('smartLivingTrigger')).toBe(`${MQTT_PACKAGE_NAME}.smartLivingTrigger`);
		expect(pkg.typeOf('smartLivingMqtt')).toBe(`${MQTT_PACKAGE_NAME}.smartLivingMqtt`);
		expect(pkg.nodeType('smartLivingTrigger').description.displayName).toBe(
			'SmartLiving MQTT Trigger',
		);
	});

	test('both use the SmartLiving credential, which the companion declares too, identical to the main one', async () => {
		const pkg = await loadPackage();
		for (const name of ['smartLivingTrigger', 'smartLivingMqtt'])
			expect(pkg.nodeType(name).description.credentials).toEqual([
				{ name: 'smartLivingApi', required: true },
			]);
		// n8n keeps one credential type per name: the companion's must not differ from the main one.
		const main = await smartLivingCredentialOf('.');
		const companion = await smartLivingCredentialOf(MQTT_PACKAGE_NAME);
		for (const field of ['name', 'displayName', 'properties', 'authenticate', 'test'] as const)
			expect(companion[field]).toEqual(main[field]);
		expect(typeof companion.preAuthentication).toBe('function');
	});

	test('SmartLiving MQTT: Asset → Send Command and Send State, usable as a tool', async () => {
		const nodeType = (await loadPackage()).nodeType('smartLivingMqtt');
		const operations = nodeType.description.properties.find(
			(property) => property.name === 'operation',
		);
		expect(operations?.options?.map((option) => (option as { value: string }).value)).toEqual([
			'sendCommand',
			'sendState',
		]);
		expect(nodeType.description.usableAsTool).toBe(true);
		// The device and the asset are resource locators: picked From List, or typed.
		expect(dropdownMethods(nodeType.description.properties)).toEqual([]);
		const searches = listSearchMethods(nodeType.description.properties);
		expect(searches).toEqual(['searchAssetNames', 'searchAssets', 'searchDevices']);
		for (const method of searches)
			expect(Object.keys(nodeType.methods?.listSearch ?? {})).toContain(method);
	});

	test('the trigger’s device and asset dropdowns are filled by load-options methods it has', async () => {
		const trigger = (await loadPackage()).nodeType('smartLivingTrigger');
		const methods = dropdownMethods(trigger.description.properties);
		expect(methods).toEqual(['getAssetNamesOrAll', 'getDevices']);
		for (const method of methods)
			expect(Object.keys(trigger.methods?.loadOptions ?? {})).toContain(method);
		// The asset list follows the chosen device.
		const assetName = trigger.description.properties.find(
			(property) => property.name === 'assetName',
		);
		expect(assetName?.typeOptions?.loadOptionsDependsOn).toEqual(['deviceId']);
	});
});
