import type { INodeProperties } from 'n8n-workflow';

import { loadPackage } from '../harness/n8n';

describe('Hoiio node description', () => {
	let properties: INodeProperties[];

	beforeAll(async () => {
		const nodeType = (await loadPackage()).nodeType('hoiio');
		properties = nodeType.description.properties;
		expect(nodeType.description.usableAsTool).toBe(true);
	});

	const shown = (name: string, resource: string, operation: string) =>
		properties.find(
			(property) =>
				property.name === name &&
				property.displayOptions?.show?.resource?.[0] === resource &&
				property.displayOptions?.show?.operation?.[0] === operation,
		);

	test('every history and number list has Return All and Limit', () => {
		const lists = [
			['sms', 'getHistory'],
			['voice', 'getHistory'],
			['fax', 'getHistory'],
			['number', 'getCountries'],
			['number', 'getAvailable'],
			['number', 'getRates'],
			['number', 'getSubscribed'],
		];
		for (const [resource, operation] of lists) {
			expect(shown('returnAll', resource, operation)?.default).toBe(false);
			expect(shown('limit', resource, operation)?.displayOptions?.show?.returnAll).toEqual([false]);
		}
	});

	test('every chargeable operation offers a tag, a notify URL and the Hoiio Trigger option', () => {
		const chargeable = [
			['sms', 'send'],
			['sms', 'sendBulk'],
			['voice', 'call'],
			['voice', 'conference'],
			['fax', 'send'],
			['ivr', 'dial'],
			['ivr', 'play'],
			['ivr', 'gather'],
			['ivr', 'record'],
			['ivr', 'monitor'],
			['ivr', 'transfer'],
			['ivr', 'hangup'],
		];
		for (const [resource, operation] of chargeable) {
			const names = (shown('additionalFields', resource, operation)?.options ?? []).map(
				(option) => (option as INodeProperties).name,
			);
			expect(names).toEqual(expect.arrayContaining(['tag', 'notifyUrl', 'notifyTrigger']));
		}
	});

	test('IVR steps take the session of the previous step by default', () => {
		for (const operation of ['play', 'gather', 'record', 'monitor', 'transfer', 'hangup']) {
			expect(shown('session', 'ivr', operation)?.default).toBe('={{ $json.session }}');
		}
	});
});
