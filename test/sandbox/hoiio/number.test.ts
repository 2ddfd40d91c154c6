import { hoiioSeed } from '../../../sandbox';
import { useHoiioSandbox } from './harness';

describe('Hoiio emulator: numbers and account', () => {
	const h = useHoiioSandbox();

	it('lists the countries with numbers, US states included', async () => {
		const response = await h.post('/number/get_countries');
		expect(response.data.entries_count).toBe('3');
		expect(response.data.entries[0]).toEqual({ code: 'SG', name: 'Singapore', prefix: '65' });
		expect(response.data.entries[1]).toMatchObject({
			code: 'US',
			prefix: '1',
			states: expect.arrayContaining([
				{ code: 'NJ', name: 'New Jersey', capability: ['VOICE', 'SMS'] },
			]),
		});
	});

	it('pages available numbers 100 at a time and needs a state for the US', async () => {
		const first = (await h.post('/number/get_choices', { country: 'SG' })).data;
		const second = (await h.post('/number/get_choices', { country: 'SG', page: '2' })).data;
		expect([first.total_entries_count, first.entries_count, second.entries_count]).toEqual([
			'120',
			'100',
			'20',
		]);
		expect(first.entries[0]).toEqual({ number: '+6531581000', capability: ['VOICE', 'FAX'] });
		const us = (await h.post('/number/get_choices', { country: 'US', state: 'NJ' })).data;
		expect(us.entries.map((entry: { number: string }) => entry.number)).toEqual([
			'+12015550110',
			'+12015550111',
			'+12015550112',
			'+12015550113',
			'+12015550114',
		]);
		expect((await h.post('/number/get_choices', { country: 'US' })).data.status).toBe(
			'error_state_param_missing',
		);
		expect((await h.post('/number/get_choices', { country: 'US', state: 'ZZ' })).data.status).toBe(
			'error_state_invalid',
		);
		expect((await h.post('/number/get_choices', { country: 'XX' })).data.status).toBe(
			'error_country_invalid',
		);
		expect((await h.post('/number/get_choices')).data.status).toBe('error_country_param_missing');
	});

	it('prices subscriptions per duration', async () => {
		expect((await h.post('/number/get_rates', { country: 'US' })).data).toEqual({
			status: 'success_ok',
			currency: 'SGD',
			entries_count: '3',
			entries: [
				{ duration: '1', rate: '4.000' },
				{ duration: '3', rate: '11.000' },
				{ duration: '12', rate: '40.000' },
			],
		});
	});

	it('subscribes a number: debited, no longer offered, listed as active', async () => {
		const response = await h.post('/number/subscribe', {
			number: '+12015550110',
			duration: 'auto_extend',
		});
		expect(response.data).toEqual({
			status: 'success_ok',
			currency: 'SGD',
			debit: '4.000',
			expiry: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
		});
		expect((await h.post('/user/get_balance')).data.balance).toBe('96.000');
		const active = (await h.post('/number/get_active')).data;
		expect(active.entries_count).toBe('5');
		expect(active.entries.at(-1)).toEqual({
			number: '+12015550110',
			forward_to: '',
			forward_sms_to: '',
			forward_to_sms: '',
			mode: 'voice',
			expiry: response.data.expiry,
			auto_extend_status: 'enabled',
			country: 'US',
			state: 'NJ',
			capabilities: ['VOICE', 'SMS'],
		});
		expect(
			(await h.post('/number/subscribe', { number: '+12015550110', duration: '1' })).data,
		).toEqual({ status: 'error_number_not_available' });
	});

	it.each([
		[{ duration: '1' }, 'error_number_param_missing'],
		[{ number: '+6531581000' }, 'error_duration_param_missing'],
		[{ number: '+6531581000', duration: '2' }, 'error_invalid_duration'],
		[{ number: '+6599999999', duration: '1' }, 'error_number_not_available'],
	])('number/subscribe %j answers %s', async (params, status) => {
		expect((await h.post('/number/subscribe', params)).data).toEqual({ status });
	});

	it('updates forwarding with either SMS spelling, and clears a URL with an empty value', async () => {
		await h.post('/number/update_forwarding', {
			number: hoiioSeed.usNumber,
			forward_to: 'https://example.com/voice',
			forward_to_sms: 'https://example.com/sms-a',
		});
		expect(h.emulator.state.numbers[2]).toMatchObject({
			forward_to: 'https://example.com/voice',
			forward_sms_to: 'https://example.com/sms-a',
		});
		await h.get('/number/update_forwarding', {
			number: hoiioSeed.usNumber,
			forward_sms_to: 'https://example.com/sms-b',
		});
		const entry = (await h.post('/number/get_active')).data.entries[2];
		expect(entry).toMatchObject({
			forward_to: 'https://example.com/voice',
			forward_sms_to: 'https://example.com/sms-b',
			forward_to_sms: 'https://example.com/sms-b',
		});
		await h.post('/number/update_forwarding', { number: hoiioSeed.usNumber, forward_to: '' });
		expect(h.emulator.state.numbers[2].forward_to).toBe('');
	});

	it('switches a fax-capable number to fax mode and refuses bad settings', async () => {
		const fax = await h.post('/number/update_forwarding', {
			number: hoiioSeed.sgNumber,
			mode: 'fax',
		});
		expect(fax.data).toEqual({ status: 'success_ok' });
		expect(h.emulator.state.numbers[0].mode).toBe('fax');
		const cases: [Record<string, string>, string][] = [
			[{ number: hoiioSeed.usNumber, mode: 'fax' }, 'error_mode_invalid'],
			[{ number: hoiioSeed.sgNumber, mode: 'sms' }, 'error_mode_invalid'],
			[{ number: hoiioSeed.sgNumber, forward_to: 'nope' }, 'error_forward_to_invalid'],
			[{ number: '+6500000000' }, 'error_number_not_available'],
			[{}, 'error_number_param_missing'],
		];
		for (const [params, status] of cases)
			expect((await h.post('/number/update_forwarding', params)).data).toEqual({ status });
	});
});
