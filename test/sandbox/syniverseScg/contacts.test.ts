import { scgSeed } from '../../../sandbox';
import { useScgSandbox } from './harness';

const everyContactField = {
	external_id: 'crm-2001',
	first_name: 'John',
	last_name: 'Doe',
	birth_date: '1990-01-31',
	first_acquisition_date: 1588010387604,
	last_acquisition_date: 1588010387605,
	primary_mdn: '+14085551212',
	primary_addr_line1: '1 Main St',
	primary_addr_line2: 'Suite 2',
	primary_addr_city: 'Tampa',
	primary_addr_zip: '33601',
	primary_addr_state: 'FL',
	primary_email_addr: 'john@example.com',
	primary_social_handle: '@john',
	address_list: [{ city: 'Tampa' }],
	account_list: [{ id: 'acc-1' }],
	device_list: [{ mdn: '+14085551212' }],
	interest_list: ['golf'],
	demographic_list: [{ age: 34 }],
	extended_attributes: [{ name: 'tier', value: 'gold' }],
	social_handles: ['@john'],
	preferred_language: 'en-US',
	voice_preference: 'FEMALE',
	fast_access: 'x',
	fast_access_1: 'one',
	fast_access_20: 'twenty',
};

describe('Syniverse SCG emulator: contacts', () => {
	const h = useScgSandbox();

	it('creates a contact with every writable field and answers {"id"} with a 22-character id', async () => {
		const created = await h.scg.post('/contacts', everyContactField, {
			headers: { 'Content-Type': 'Application/json' },
		});
		expect(created.status).toBe(200);
		expect(created.data).toEqual({ id: expect.stringMatching(/^[0-9A-Za-z]{22}$/) });
		const fetched = await h.scg.get(`/contacts/${created.data.id}`);
		expect(fetched.data).toEqual({
			...everyContactField,
			id: created.data.id,
			application_id: 1704,
			version_number: 1,
			created_date: expect.any(Number),
			last_update_date: expect.any(Number),
		});
		expect(h.emulator.state.contacts).toHaveLength(4);
	});

	it('refuses an unknown field with 400 naming it', async () => {
		const response = await h.scg.post('/contacts', { firstName: 'John' });
		expect(response.status).toBe(400);
		expect(response.data).toEqual({
			error: { code: 'INVALID_REQUEST', description: 'Unknown field firstName for contact' },
		});
	});

	it('creates a contact from the empty JSON object {}, and refuses a create with no body', async () => {
		const empty = await h.scg.post('/contacts', {});
		const bodyless = await h.scg.post('/contacts', undefined, {
			headers: { 'Content-Type': null },
		});

		expect(empty.status).toBe(200);
		expect(bodyless.status).toBe(400);
		expect(bodyless.data.error.code).toBe('INVALID_REQUEST');
		expect(h.emulator.state.contacts).toHaveLength(4);
	});

	it('updates by POST with version_number, increments it, and answers 409 to a stale one', async () => {
		const id = scgSeed.contactIds[0];
		const current = (await h.scg.get(`/contacts/${id}`)).data;
		// The SDK echoes the whole fetched object; server-owned fields are ignored.
		const updated = await h.scg.post(`/contacts/${id}`, { ...current, last_name: 'Byron' });
		expect(updated.status).toBe(200);
		expect(updated.data).toMatchObject({
			last_name: 'Byron',
			first_name: 'Ada',
			version_number: 2,
		});

		const stale = await h.scg.post(`/contacts/${id}`, { last_name: 'King', version_number: 1 });
		expect(stale.status).toBe(409);
		expect(stale.data).toEqual({
			error: {
				code: 'VERSION_CONFLICT',
				description: `Contact ${id} was changed by someone else: version_number 1 is stale, the current version is 2`,
			},
		});
		expect(h.emulator.state.contacts[0]).toMatchObject({ last_name: 'Byron', version_number: 2 });
	});

	it('replaces the writable fields with PUT and clears a field sent as null', async () => {
		const id = scgSeed.contactIds[1];
		await h.scg.post(`/contacts/${id}`, { external_id: null, version_number: 1 });
		expect(h.emulator.state.contacts[1].external_id).toBeUndefined();
		await h.scg.put(`/contacts/${id}`, { first_name: 'G', version_number: 2 });
		expect((await h.scg.get(`/contacts/${id}`)).data).toEqual(
			expect.not.objectContaining({ last_name: expect.anything() }),
		);
	});

	it('deletes with 204, then answers 404 in the error envelope', async () => {
		const id = scgSeed.contactIds[0];
		expect((await h.scg.delete(`/contacts/${id}`)).status).toBe(204);
		const missing = await h.scg.get(`/contacts/${id}`);
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({
			error: { code: 'NOT_FOUND', description: `Contact ${id} not found` },
		});
		expect(h.emulator.state.groupMembers[scgSeed.groupId]).toEqual([scgSeed.contactIds[1]]);
	});

	it('pages with offset/limit: default 50, capped at 100, {list, total, offset, limit}', async () => {
		for (let n = 0; n < 117; n++)
			h.emulator.state.contacts.push({
				id: `Bulk${String(n).padStart(18, '0')}`,
				version_number: 1,
				created_date: 0,
				last_update_date: 0,
				first_name: `Bulk ${n}`,
			});
		const first = await h.scg.get('/contacts');
		expect(first.data).toMatchObject({ total: 120, offset: 0, limit: 50 });
		expect(first.data.list).toHaveLength(50);
		const capped = await h.scg.get('/contacts?offset=50&limit=500');
		expect(capped.data).toMatchObject({ total: 120, offset: 50, limit: 100 });
		expect(capped.data.list).toHaveLength(70);
		expect(capped.data.list[0].first_name).toBe('Bulk 47');
		const seen = new Set<string>();
		for (let offset = 0; offset < 120; offset += 50) {
			const pageOf = await h.scg.get('/contacts', { params: offset === 0 ? {} : { offset } });
			for (const contact of pageOf.data.list) seen.add(contact.id);
		}
		expect(seen.size).toBe(120);
		expect((await h.scg.get('/contacts?offset=120')).data.list).toEqual([]);
		expect((await h.scg.get('/contacts?limit=0')).status).toBe(400);
	});

	it('filters lists by field and sorts with sort=', async () => {
		const filtered = await h.scg.get('/contacts?first_name=Grace');
		expect(filtered.data).toMatchObject({ total: 1, list: [{ id: scgSeed.contactIds[1] }] });
		const sorted = await h.scg.get('/contacts?sort=-first_name');
		expect(sorted.data.list.map((contact: { first_name: string }) => contact.first_name)).toEqual([
			'Grace',
			'Alan',
			'Ada',
		]);
	});
});
