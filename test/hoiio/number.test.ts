import { hoiioSeed } from '../../sandbox';
import { loadOptions } from '../harness/n8n';
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
	test('the number dropdown lists the subscribed numbers', async () => {
		const options = await loadOptions({
			node: 'hoiio',
			method: 'getSubscribedNumbers',
			credentials: hoiio.credentials(),
		});

		expect(options.map((option) => option.value)).toEqual(
			expect.arrayContaining([hoiioSeed.sgNumber, hoiioSeed.usNumber]),
		);
		expect(hoiio.lastRequest().pathname).toBe('/open/number/get_active');
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
