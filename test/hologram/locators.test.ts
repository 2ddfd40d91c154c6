/**
 * The IDs a Hologram user would otherwise look up in the Dashboard: devices, cellular links, device tags
 * and tunnel keys are picked From List (n8n's list search, page by page, narrowed by the search text) or
 * typed By ID. Whatever the mode, the ID reaches the wire as the number Hologram expects.
 */
import { listSearch } from '../harness/n8n';
import { useHologram } from './useHologram';

const hologram = useHologram();

const search = async (method: string, filter?: string, paginationToken?: string) =>
	await listSearch({
		node: 'hologram',
		method,
		filter,
		paginationToken,
		credentials: hologram.credentials(),
	});

const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Hologram: the lists behind From List', () => {
	test('cellular links are listed by device name and SIM, narrowed by the search text', async () => {
		const { results } = await search('searchLinks', 'truck 17');

		expect(results).toEqual([
			{ name: 'Truck 17 Tracker, SIM 89445001021983043004 (4004)', value: '4004' },
		]);
		expect(hologram.lastRequest()).toMatchObject({
			pathname: '/api/1/links/cellular',
			query: { limit: '100' },
		});
	});

	test('device tags are listed by name; tunnel keys by the start of the key, disabled ones too and marked', async () => {
		expect((await search('searchTags')).results).toEqual([
			{ name: 'cold-chain (21)', value: '21' },
			{ name: 'fleet (22)', value: '22' },
		]);
		const keys = (await search('searchTunnelKeys')).results;
		expect(keys).toEqual([
			{ name: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHm8… (61)', value: '61' },
			{ name: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDo… [disabled] (62)', value: '62' },
		]);
		expect(hologram.lastRequest().query).toMatchObject({ withdisabled: '1' });
	});

	test('a long list comes a page at a time: the token n8n hands back asks for the next page', async () => {
		// 120 more devices, activated through the node as a user would.
		const sims = Array.from(
			{ length: 120 },
			(_value, index) => `8944500102198300${String(index).padStart(4, '0')}`,
		);
		const activated = await hologram.run({
			resource: 'cellularLink',
			operation: 'activate',
			sims: sims.join(','),
			planId: '12',
			zone: 'global',
		});
		expect(activated.error).toBeUndefined();

		const first = await search('searchDevices');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe(first.results[99].value);

		const second = await search('searchDevices', undefined, first.paginationToken);
		expect(hologram.lastRequest().query).toMatchObject({ startafter: first.paginationToken });
		expect(second.results.length).toBeGreaterThan(0);
		expect(second.paginationToken).toBeUndefined();
		const ids = [...first.results, ...second.results].map((result) => result.value);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('Hologram: IDs picked or typed reach the wire as numbers', () => {
	test('SMS → Send to a device picked from the list', async () => {
		const { items, error } = await hologram.run({
			resource: 'sms',
			operation: 'send',
			deviceId: fromList('3001'),
			encoding: 'text',
			message: 'Door open',
		});

		expect(error).toBeUndefined();
		expect(hologram.lastRequest().body).toEqual({ deviceid: 3001, body: 'Door open' });
		expect(items[0].json).toMatchObject({ success: true, deviceId: 3001, message: 'Door open' });
	});

	test('Cellular Link → Pause a link picked from the list; Device Tag → Link Devices to a tag typed by ID', async () => {
		await hologram.run({ resource: 'cellularLink', operation: 'pause', linkId: fromList('4002') });
		expect(hologram.lastRequest()).toMatchObject({
			pathname: '/api/1/links/cellular/4002/state',
			body: { state: 'pause' },
		});

		await hologram.run({
			resource: 'deviceTag',
			operation: 'linkDevices',
			tagId: byId('22'),
			deviceIds: '3006',
		});
		expect(hologram.lastRequest()).toMatchObject({
			pathname: '/api/1/devices/tags/22/link',
			body: { deviceids: [3006] },
		});
	});

	test('Tunnel Key → Enable a key picked from the list', async () => {
		const { items } = await hologram.run({
			resource: 'tunnelKey',
			operation: 'enable',
			keyId: fromList('62'),
		});

		expect(hologram.lastRequest().pathname).toBe('/api/1/tunnelkeys/62/enable');
		expect(items[0].json).toMatchObject({ id: 62 });
	});

	// A cleared field is n8n's own required warning (see device.test.ts); an expression is checked here.
	test('a device from an expression that gives nothing, or a typed ID that is not a number, is refused before anything is sent', async () => {
		const cleared = await hologram.run({
			resource: 'sms',
			operation: 'send',
			deviceId: fromList('={{ $json.device }}'),
			encoding: 'text',
			message: 'Door open',
		});
		expect(cleared.error?.message).toBe('Item 0: "Device" is required but empty');

		const typed = await hologram.run({
			resource: 'cellularLink',
			operation: 'get',
			linkId: byId('={{ "SIM-4001" }}'),
		});
		expect(typed.error?.message).toBe('Item 0: "Cellular Link" must be a number, got "SIM-4001"');
		expect(hologram.requests()).toHaveLength(0);
	});
});
