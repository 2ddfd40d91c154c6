import { hoiioSeed } from '../../sandbox';
import { sentParameters, useHoiio } from './useHoiio';

const hoiio = useHoiio();

describe('Hoiio → Account', () => {
	test('Get Balance returns the balance, points and bonus as numbers', async () => {
		hoiio.emulator().setBalance(12.5, 2);
		const { items } = await hoiio.run({ resource: 'account', operation: 'getBalance' });

		expect(hoiio.lastRequest().pathname).toBe('/open/user/get_balance');
		expect(sentParameters(hoiio.lastRequest())).toEqual({});
		expect(items[0].json).toMatchObject({ balance: 14.5, points: 12.5, bonus: 2 });
	});

	test('Get Info returns the account owner and mobile number', async () => {
		const { items } = await hoiio.run({ resource: 'account', operation: 'getInfo' });

		expect(hoiio.lastRequest().pathname).toBe('/open/user/get_info');
		expect(items[0].json).toMatchObject({ mobile_number: hoiioSeed.mobile });
	});
});
