import { hoiioSeed } from '../../../sandbox';
import { useHoiioSandbox } from './harness';

describe('Hoiio emulator: history pagination and filters', () => {
	const h = useHoiioSandbox();

	it('pages SMS history 100 at a time over the seeded 260, oldest first, counts as strings', async () => {
		const pages = [];
		for (let page = 1; page <= 4; page++)
			pages.push((await h.post('/sms/get_history', { page: String(page) })).data);
		expect(pages.map((page) => [page.total_entries_count, page.entries_count])).toEqual([
			['260', '100'],
			['260', '100'],
			['260', '60'],
			['260', '0'],
		]);
		expect(pages[3].entries).toEqual([]);
		const refs = pages.flatMap((page) =>
			page.entries.map((entry: { txn_ref: string }) => entry.txn_ref),
		);
		expect(new Set(refs).size).toBe(hoiioSeed.seededSmsCount);
		expect(pages[0].entries[0]).toEqual({
			txn_ref: hoiioSeed.firstSmsRef,
			tag: 'seed',
			sms_status: 'delivered',
			date: '2014-01-01 09:00:00',
			src: '+6591234567',
			dest: '+6581112222',
			msg: expect.stringMatching(/^Long notice 0/),
			split_count: '2',
			currency: 'SGD',
			rate: '0.032',
			debit: '0.064',
		});
		// Incoming SMS are part of the history too.
		expect(pages[0].entries[7]).toMatchObject({ sms_status: 'received', dest: hoiioSeed.usNumber });
	});

	it('page 1 is the default; a new SMS lands on the last page', async () => {
		const first = (await h.post('/sms/get_history')).data;
		expect(first.entries_count).toBe('100');
		const sent = await h.post('/sms/send', { dest: '+6581112222', msg: 'newest' });
		const last = (await h.post('/sms/get_history', { page: '3' })).data;
		expect(last.total_entries_count).toBe('261');
		expect(last.entries.at(-1)).toMatchObject({ txn_ref: sent.data.txn_ref, msg: 'newest' });
	});

	it('filters by GMT+8 from/to, both inclusive', async () => {
		const response = await h.get('/sms/get_history', {
			from: '2014-01-01 09:00:00',
			to: '2014-01-01 14:00:00',
		});
		expect(response.data).toMatchObject({ total_entries_count: '3', entries_count: '3' });
		expect(response.data.entries.map((entry: { date: string }) => entry.date)).toEqual([
			'2014-01-01 09:00:00',
			'2014-01-01 11:30:00',
			'2014-01-01 14:00:00',
		]);
	});

	it.each([
		[{ page: '0' }, 'error_page_invalid'],
		[{ page: 'two' }, 'error_page_invalid'],
		[{ from: 'yesterday' }, 'error_from_invalid'],
		[{ to: '2014-13-45 99:00' }, 'error_to_invalid'],
		[{ from: '2014-02-01 00:00:00', to: '2014-01-01 00:00:00' }, 'error_to_before_from'],
	])('answers %j with %s', async (params, status) => {
		expect((await h.post('/voice/get_history', params)).data).toEqual({ status });
	});

	it('lists calls, with conference participants carrying their room', async () => {
		const calls = (await h.post('/voice/get_history')).data;
		expect(calls).toMatchObject({
			status: 'success_ok',
			total_entries_count: String(hoiioSeed.seededCallCount),
		});
		expect(calls.entries[0]).toEqual({
			txn_ref: hoiioSeed.firstCallRef,
			tag: 'seed',
			dest1: '+6591234567',
			dest2: '+6581112222',
			call_status_dest1: 'answered',
			call_status_dest2: 'answered',
			date: '2014-02-01 10:00:00',
			duration: '1',
			currency: 'SGD',
			rate: '0.036',
			debit: '0.036',
		});
		expect(calls.entries.at(-1)).toMatchObject({
			room: hoiioSeed.seededRoom,
			dest1: '+6590001111',
		});
	});

	it('lists faxes filtered by type', async () => {
		const all = (await h.post('/fax/get_history')).data;
		const incoming = (await h.post('/fax/get_history', { type: 'incoming' })).data;
		const outgoing = (await h.post('/fax/get_history', { type: 'outgoing' })).data;
		expect([all, incoming, outgoing].map((page) => page.total_entries_count)).toEqual([
			'6',
			'2',
			'4',
		]);
		expect(incoming.entries[0]).toMatchObject({
			dest: hoiioSeed.sgFaxNumber,
			fax_status: 'answered',
		});
		expect(outgoing.entries[0]).toMatchObject({
			txn_ref: hoiioSeed.firstFaxRef,
			fax_pages: '1',
			fax_url: expect.stringContaining(`/__sandbox/hoiio/faxes/${hoiioSeed.firstFaxRef}.pdf`),
		});
		expect((await h.post('/fax/get_history', { type: 'both' })).data).toEqual({
			status: 'error_type_invalid',
		});
	});
});
