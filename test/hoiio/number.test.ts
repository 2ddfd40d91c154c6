import { hoiioSeed } from '../../sandbox';
import { listSearch, loadOptions, loadPackage } from '../harness/n8n';
import { sentParameters, useHoiio } from './useHoiio';

const hoiio = useHoiio();

describe('Hoiio → Number', () => {
	test('Get Countries lists the countries with their prefixes', async () => {
		const { items } = await hoiio.run({
			resource: 'number',
			operation: 'getCountries',
			returnAll: true,
		});

		expect(hoiio.lastRequest().pathname).toBe('/open/number/get_countries');
		expect(items.map((item) => item.json.code)).toContain('SG');
	});

	test('Get Available lists numbers of a country and state', async () => {
		const { items } = await hoiio.run({
			resource: 'number',
			operation: 'getAvailable',
			country: 'US',
			filters: { state: 'NJ' },
			returnAll: false,
			limit: 3,
		});

		expect(sentParameters(hoiio.lastRequest())).toEqual({ country: 'US', state: 'NJ', page: '1' });
		expect(items.length).toBeGreaterThan(0);
		expect(items.length).toBeLessThanOrEqual(3);
		expect(items[0].json.number).toMatch(/^\+1/);
	});

	test('Get Rates lists the price per duration as numbers, with the currency', async () => {
		const { items } = await hoiio.run({
			resource: 'number',
			operation: 'getRates',
			country: 'SG',
			returnAll: true,
		});

		expect(sentParameters(hoiio.lastRequest())).toEqual({ country: 'SG', page: '1' });
		expect(items[0].json).toMatchObject({ currency: expect.any(String), rate: expect.any(Number) });
	});

	test('Subscribe rents an available number for a duration', async () => {
		const available = await hoiio.run({
			resource: 'number',
			operation: 'getAvailable',
			country: 'SG',
			returnAll: false,
			limit: 1,
		});
		const number = available.items[0].json.number as string;

		const { items, error } = await hoiio.run({
			resource: 'number',
			operation: 'subscribe',
			hoiioNumber: number,
			duration: '3',
		});

		expect(error).toBeUndefined();
		expect(sentParameters(hoiio.lastRequest())).toEqual({ number, duration: '3' });
		expect(typeof items[0].json.debit).toBe('number');
		expect(hoiio.state().numbers.map((entry) => entry.number)).toContain(number);
	});

	test('Configure sets the forwarding URLs and mode of a number', async () => {
		const { items } = await hoiio.run({
			resource: 'number',
			operation: 'configure',
			hoiioNumber: hoiioSeed.sgNumber,
			additionalFields: {
				forwardTo: 'https://example.com/calls',
				forwardSmsTo: 'https://example.com/sms',
				mode: 'fax',
			},
		});

		expect(sentParameters(hoiio.lastRequest())).toEqual({
			number: hoiioSeed.sgNumber,
			forward_to: 'https://example.com/calls',
			forward_to_sms: 'https://example.com/sms',
			mode: 'fax',
		});
		expect(items[0].json).toEqual({ success: true, number: hoiioSeed.sgNumber });
		const configured = hoiio.state().numbers.find((entry) => entry.number === hoiioSeed.sgNumber);
		expect(configured).toMatchObject({
			forward_to: 'https://example.com/calls',
			forward_sms_to: 'https://example.com/sms',
			mode: 'fax',
		});
	});

	test('Get Subscribed lists the account numbers', async () => {
		const { items } = await hoiio.run({
			resource: 'number',
			operation: 'getSubscribed',
			returnAll: true,
		});

		expect(hoiio.lastRequest().pathname).toBe('/open/number/get_active');
		expect(items.map((item) => item.json.number)).toEqual(
			expect.arrayContaining([hoiioSeed.sgNumber, hoiioSeed.sgFaxNumber, hoiioSeed.usNumber]),
		);
	});
});

describe('Hoiio dropdowns', () => {
	test('Hoiio Number (From List) lists the account’s numbers with country and mode, and narrows them by a search text', async () => {
		const { results, paginationToken } = await listSearch({
			node: 'hoiio',
			method: 'searchNumbers',
			credentials: hoiio.credentials(),
		});

		expect(hoiio.lastRequest().pathname).toBe('/open/number/get_active');
		expect(results.map((option) => option.value)).toEqual(
			expect.arrayContaining([hoiioSeed.sgNumber, hoiioSeed.sgFaxNumber, hoiioSeed.usNumber]),
		);
		expect(results.find((option) => option.value === hoiioSeed.sgFaxNumber)?.name).toMatch(
			/ · SG · fax$/,
		);
		expect(paginationToken).toBeUndefined();

		const searched = await listSearch({
			node: 'hoiio',
			method: 'searchNumbers',
			credentials: hoiio.credentials(),
			filter: 'fax',
		});
		expect(searched.results.map((option) => option.value)).toEqual([hoiioSeed.sgFaxNumber]);
	});

	test('Configure takes the number picked From List, and one typed By Number without country code, and sends it in E.164', async () => {
		await hoiio.run({
			resource: 'number',
			operation: 'configure',
			hoiioNumber: { __rl: true, mode: 'list', value: hoiioSeed.sgNumber },
			additionalFields: { mode: 'voice' },
		});
		expect(sentParameters(hoiio.lastRequest())).toMatchObject({ number: hoiioSeed.sgNumber });

		await hoiio.run(
			{
				resource: 'number',
				operation: 'configure',
				hoiioNumber: { __rl: true, mode: 'id', value: '3158 0001' },
				additionalFields: { mode: 'voice' },
			},
			{ defaultCountryCode: '65' },
		);
		expect(sentParameters(hoiio.lastRequest())).toMatchObject({ number: hoiioSeed.sgNumber });
	});

	test('the numbers a user picks are resource locators that start empty, and To says what the Default Country Code does', async () => {
		const nodes = await loadPackage();
		for (const name of ['hoiio', 'hoiioTrigger']) {
			const { description, methods } = nodes.nodeType(name);
			const locators = description.properties.filter(
				(property) => property.name === 'hoiioNumber' && property.type === 'resourceLocator',
			);
			expect(locators.length).toBeGreaterThan(0);
			for (const locator of locators) {
				expect(locator.default).toEqual({ mode: 'list', value: '' });
				expect(locator.modes?.[0].typeOptions?.searchListMethod).toBe('searchNumbers');
			}
			expect(Object.keys(methods?.listSearch ?? {})).toContain('searchNumbers');
		}
		const to = nodes
			.nodeType('hoiio')
			.description.properties.filter((property) => property.name === 'to');
		for (const field of to)
			expect(field.description).toContain('gets the Default Country Code of the Hoiio credential');
	});

	test('the country dropdown lists the countries by name with their ISO code as value', async () => {
		const options = await loadOptions({
			node: 'hoiio',
			method: 'getCountries',
			credentials: hoiio.credentials(),
		});

		expect(options.find((option) => option.value === 'SG')?.name).toMatch(/\(\+65\)$/);
	});
});
