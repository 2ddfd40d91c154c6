import { smartLivingSeed as seed } from '../../../sandbox';
import { useSmartLivingSandbox } from './harness';

interface HistoryPage {
	data: { at: string; data: unknown }[];
	links: { next?: string };
}

describe('SmartLiving emulator asset history', () => {
	const h = useSmartLivingSandbox();
	const path = `/asset/${seed.historyAssetId}/states`;

	it('pages through 150 points, newest first, 50 a page, with links.next until the last page', async () => {
		const api = await h.legacy();
		const first = (await api.get(`${path}?`)).data as HistoryPage;
		expect(first.data).toHaveLength(50);
		expect(first.data[0].at).toBe(seed.historyEnd);
		expect(first.links.next).toBe(`${h.emulator.url}${path}?page=1`);

		const seen: HistoryPage['data'] = [...first.data];
		let next = first.links.next;
		while (next) {
			const page = (await api.get(next)).data as HistoryPage;
			seen.push(...page.data);
			next = page.links.next;
		}
		expect(seen).toHaveLength(seed.historyPoints);
		expect(seen[seen.length - 1].at).toBe(seed.historyStart);
		const times = seen.map((point) => Date.parse(point.at));
		expect([...times].sort((a, b) => b - a)).toEqual(times);
	});

	it('filters by from and to (inclusive) and keeps them in the next link', async () => {
		const api = await h.legacy();
		const from = '2024-05-01T00:00:00Z';
		const to = '2024-05-01T10:00:00Z';
		const response = await api.get(path, { params: { from, to, page: 0 } });
		const page = response.data as HistoryPage;
		expect(page.data).toHaveLength(50);
		expect(page.data[0].at).toBe('2024-05-01T10:00:00.000Z');
		const next = new URL(String(page.links.next));
		expect(Object.fromEntries(next.searchParams)).toEqual({ from, to, page: '1' });
		const last = (await api.get(next.toString())).data as HistoryPage;
		expect(last.data).toHaveLength(11);
		expect(last.data[10].at).toBe('2024-05-01T00:00:00.000Z');
		expect(last.links).toEqual({});
	});

	it('answers an empty page past the end, and 400 for a bad page or window', async () => {
		const api = await h.legacy();
		const past = await api.get(`${path}?page=9`);
		expect(past.data).toEqual({ data: [], links: {} });
		expect((await api.get(`${path}?page=-1`)).status).toBe(400);
		expect((await api.get(`${path}?from=yesterday`)).status).toBe(400);
		const reversed = await api.get(`${path}?from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z`);
		expect(reversed.data).toEqual({ message: 'from must not be after to' });
	});

	it('serves the same history by device and asset name, for Maker tokens too', async () => {
		const legacy = (await (await h.legacy()).get(`${path}?page=2`)).data;
		const maker = await h.makerDevice.get(
			`/device/${seed.deviceIds.thermostat}/asset/temperature/states`,
			{
				params: { page: 2 },
			},
		);
		expect(maker.status).toBe(200);
		expect(maker.data.data).toEqual(legacy.data);
	});

	it('adds every new state to the history', async () => {
		const api = await h.legacy();
		await api.put(`/asset/${seed.historyAssetId}/state`, {
			value: 23.5,
			at: '2024-05-01T12:10:00Z',
		});
		const page = (await api.get(path)).data as HistoryPage;
		expect(page.data[0]).toEqual({ at: '2024-05-01T12:10:00.000Z', data: 23.5 });
	});
});
