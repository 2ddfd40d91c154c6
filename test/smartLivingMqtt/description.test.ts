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

	test('the trigger’s device and asset are resource locators with lists the trigger has; the asset starts on every asset', async () => {
		const trigger = (await loadPackage()).nodeType('smartLivingTrigger');
		expect(dropdownMethods(trigger.description.properties)).toEqual([]);
		const searches = listSearchMethods(trigger.description.properties);
		expect(searches).toEqual(['searchAssetNamesOrAll', 'searchDevices']);
		for (const method of searches)
			expect(Object.keys(trigger.methods?.listSearch ?? {})).toContain(method);
		const assetName = trigger.description.properties.find(
			(property) => property.name === 'assetName',
		);
		expect(assetName).toMatchObject({
			displayName: 'Asset Name',
			default: { mode: 'list', value: '+' },
		});
		expect(assetName?.description).not.toMatch(/\bID\b/);
	});

	test('the trigger explains every setting and what its panel waits for, in the words its items use', async () => {
		const trigger = (await loadPackage()).nodeType('smartLivingTrigger');
		const byName = (name: string) =>
			trigger.description.properties.find((property) => property.name === name);
		const options = byName('options')?.options as INodeProperties[];
		for (const field of [
			byName('level'),
			byName('direction'),
			byName('kinds'),
			options.find((option) => option.name === 'batchWindowMs'),
		]) {
			expect(field?.description).toBeTruthy();
		}
		expect(options.find((option) => option.name === 'batchWindowMs')).toMatchObject({
			displayName: 'Batch Window',
			description: expect.stringContaining('milliseconds (ms'),
		});
		// The items' "direction" says what the setting says.
		expect(
			(byName('direction')?.options as Array<{ name: string; value: string }>).map(
				(option) => option.name,
			),
		).toEqual(['From the Platform', 'From Devices']);
		expect(trigger.description.triggerPanel).toMatchObject({
			header: expect.stringContaining('SmartLiving MQTT broker'),
			executionsHelp: { inactive: expect.any(String), active: expect.any(String) },
		});
		const texts = JSON.stringify(trigger.description.properties);
		expect(texts).not.toMatch(/Legacy Only/);
	});
});
