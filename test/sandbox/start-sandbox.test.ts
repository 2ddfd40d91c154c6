import axios from 'axios';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type ProviderName, registeredProviders, startSandbox } from '../../sandbox';

describe('startSandbox', () => {
	it('starts every registered emulator on a free port by default', async () => {
		const sandbox = await startSandbox();
		try {
			expect(Object.keys(sandbox.urls)).toEqual(registeredProviders);
			expect(sandbox.urls.hologram).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/1$/);
			expect(sandbox.emulators.hologram?.url).toBe(sandbox.urls.hologram);
		} finally {
			await sandbox.close();
		}
	});

	it('throws a clear error for a provider without a registered emulator', async () => {
		const unknown = 'twilio' as ProviderName;
		await expect(startSandbox({ providers: [unknown] })).rejects.toThrow(
			/^No sandbox emulator is registered for twilio \(available: hologram, /,
		);
	});

	it('uses the requested port, and close() frees it even with keep-alive connections open', async () => {
		const probe = createServer();
		await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
		const port = (probe.address() as AddressInfo).port;
		await new Promise<void>((resolve) => probe.close(() => resolve()));

		const sandbox = await startSandbox({ providers: ['hologram'], ports: { hologram: port } });
		expect(sandbox.urls.hologram).toBe(`http://127.0.0.1:${port}/api/1`);
		const response = await axios.get(`${sandbox.urls.hologram}/plans`, {
			auth: { username: 'apikey', password: 'sandbox-hologram-key' },
		});
		expect(response.headers.connection).toBe('keep-alive');
		await sandbox.close();
		// The port is free again: something else can listen on it.
		const reuse = createServer();
		await new Promise<void>((resolve) => reuse.listen(port, '127.0.0.1', resolve));
		await new Promise<void>((resolve) => reuse.close(() => resolve()));
	});

	it('reports a port already in use', async () => {
		const blocker: Server = createServer();
		await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
		try {
			const port = (blocker.address() as AddressInfo).port;
			await expect(startSandbox({ ports: { hologram: port } })).rejects.toMatchObject({
				code: 'EADDRINUSE',
			});
		} finally {
			await new Promise<void>((resolve) => blocker.close(() => resolve()));
		}
	});
});
