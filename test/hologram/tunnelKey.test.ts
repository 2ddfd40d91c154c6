import { hologramSeed } from '../../sandbox';
import { useHologram } from './useHologram';

const hologram = useHologram();
const publicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBsandboxkeyforn8ntests ops@example.com';

describe('Hologram → Tunnel Key', () => {
	test('Create sends the public key', async () => {
		const { items } = await hologram.run({ resource: 'tunnelKey', operation: 'create', publicKey });

		expect(hologram.lastRequest().pathname).toBe('/api/1/tunnelkeys');
		expect(hologram.lastRequest().body).toEqual({ public_key: publicKey });
		expect(items[0].json).toMatchObject({ public_key: publicKey, disabled: 0 });
	});

	test('Get Many hides disabled keys unless asked', async () => {
		const { items: enabledOnly } = await hologram.run({
			resource: 'tunnelKey',
			operation: 'getAll',
			returnAll: true,
		});
		expect(hologram.lastRequest().query.withdisabled).toBeUndefined();
		expect(enabledOnly.map((item) => item.json.id)).toEqual([hologramSeed.tunnelKeyIds.enabled]);

		const { items: all } = await hologram.run({
			resource: 'tunnelKey',
			operation: 'getAll',
			returnAll: true,
			filters: { includeDisabled: true },
		});
		expect(hologram.lastRequest().query).toMatchObject({ withdisabled: '1' });
		expect(all.map((item) => item.json.id)).toEqual([
			hologramSeed.tunnelKeyIds.enabled,
			hologramSeed.tunnelKeyIds.disabled,
		]);
	});

	test('Disable and Enable switch a key', async () => {
		const keyId = hologramSeed.tunnelKeyIds.enabled;
		await hologram.run({ resource: 'tunnelKey', operation: 'disable', keyId });
		expect(hologram.lastRequest().pathname).toBe(`/api/1/tunnelkeys/${keyId}/disable`);
		expect(hologram.state().tunnelKeys.find((key) => key.id === keyId)?.disabled).toBe(1);

		await hologram.run({ resource: 'tunnelKey', operation: 'enable', keyId });
		expect(hologram.lastRequest().pathname).toBe(`/api/1/tunnelkeys/${keyId}/enable`);
		expect(hologram.state().tunnelKeys.find((key) => key.id === keyId)?.disabled).toBe(0);
	});
});
