import { vumiGoSeed } from '../../../sandbox';
import { useVumiGoSandbox } from './harness';

type Page = { cursor: string | null; data: { key: string; msisdn: string | null }[] };

describe('Vumi Go emulator: contacts and groups', () => {
	const h = useVumiGoSandbox();

	async function allPages(path: string, params: Record<string, unknown> = {}) {
		const pages: Page[] = [];
		let cursor: string | null = null;
		do {
			const response: { status: number; data: Page } = await h.api.get(path, {
				params: cursor ? { ...params, cursor } : params,
			});
			expect(response.status).toBe(200);
			pages.push(response.data);
			cursor = response.data.cursor;
		} while (cursor !== null);
		return pages;
	}

	it('pages all 125 contacts by opaque cursor, 50 at a time, ending on a null cursor', async () => {
		const pages = await allPages('/contacts/');
		expect(pages.map((page) => page.data.length)).toEqual([50, 50, 25]);
		expect(pages[2].cursor).toBeNull();
		const keys = pages.flatMap((page) => page.data.map((contact) => contact.key));
		expect(new Set(keys).size).toBe(125);
		expect(keys[0]).toBe(vumiGoSeed.contactKey(1));
		expect(pages[0].cursor).not.toContain('contact');
		expect(h.emulator.requests[1].query.cursor).toBe(pages[0].cursor);
	});

	it('honours max_results below the server page size', async () => {
		const pages = await allPages('/contacts/', { max_results: 40 });
		expect(pages.map((page) => page.data.length)).toEqual([40, 40, 40, 5]);
		expect(
			(await h.api.get('/contacts/', { params: { max_results: 500 } })).data.data,
		).toHaveLength(50);
	});

	it('refuses a bad cursor and a bad max_results with 400', async () => {
		const cursor = await h.api.get('/contacts/', { params: { cursor: 'not-a-cursor' } });
		expect(cursor.status).toBe(400);
		expect(cursor.data).toEqual({ status_code: 400, reason: expect.stringMatching(/cursor/) });
		expect((await h.api.get('/contacts/', { params: { max_results: 'x' } })).status).toBe(400);
	});

	it('finds a contact by msisdn, normalising to a leading +', async () => {
		const encoded = await h.api.get('/contacts/?query=msisdn%3D%2B27710000042');
		expect(encoded.data).toEqual({
			cursor: null,
			data: [expect.objectContaining({ key: 'contact-042', msisdn: '+27710000042' })],
		});
		const bare = await h.api.get('/contacts/', { params: { query: 'msisdn=27710000042' } });
		expect(bare.data.data[0].key).toBe('contact-042');
		const unencodedPlus = await h.api.get('/contacts/?query=msisdn=+27710000042');
		expect(unencodedPlus.data.data[0].key).toBe('contact-042');
	});

	it('finds a contact by another address field, and 404s when none matches', async () => {
		const twitter = await h.api.get('/contacts/', {
			params: { query: 'twitter_handle=@sandbox_user_20' },
		});
		expect(twitter.data.data.map((contact: { key: string }) => contact.key)).toEqual([
			'contact-020',
		]);
		const missing = await h.api.get('/contacts/', { params: { query: 'msisdn=+15550000000' } });
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({ status_code: 404, reason: "Contact '+15550000000' not found." });
		const badField = await h.api.get('/contacts/', { params: { query: 'name=Thandi' } });
		expect(badField.status).toBe(400);
	});

	it('gets a contact with every documented field', async () => {
		const response = await h.api.get('/contacts/contact-003');
		expect(Object.keys(response.data).sort()).toEqual(
			[
				'$VERSION',
				'bbm_pin',
				'created_at',
				'dob',
				'email_address',
				'extra',
				'facebook_id',
				'groups',
				'gtalk_id',
				'key',
				'msisdn',
				'mxit_id',
				'name',
				'subscription',
				'surname',
				'twitter_handle',
				'user_account',
				'wechat_id',
			].sort(),
		);
		expect(response.data).toMatchObject({
			key: 'contact-003',
			user_account: 'sandbox-account',
			groups: ['group-staff'],
			extra: { language: 'zu', region: 'gauteng' },
		});
		expect(response.data.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
	});

	it('404s on an unknown contact with the API reason', async () => {
		const response = await h.api.get('/contacts/nope');
		expect(response.status).toBe(404);
		expect(response.data).toEqual({ status_code: 404, reason: "Contact 'nope' not found." });
	});

	it('creates, patches and deletes a contact', async () => {
		const created = await h.api.post('/contacts/', {
			name: 'Ada',
			msisdn: '+447700900001',
			extra: { plan: 'gold' },
		});
		expect(created.status).toBe(200);
		expect(created.data).toMatchObject({
			key: expect.stringMatching(/^[0-9a-f]{32}$/),
			name: 'Ada',
			surname: null,
			msisdn: '+447700900001',
			groups: [],
			extra: { plan: 'gold' },
			user_account: 'sandbox-account',
		});
		const key = created.data.key;
		const patched = await h.api.put(`/contacts/${key}`, { surname: 'Lovelace' });
		expect(patched.data).toMatchObject({
			name: 'Ada',
			surname: 'Lovelace',
			msisdn: '+447700900001',
		});
		expect(h.emulator.state.contacts.find((contact) => contact.key === key)?.surname).toBe(
			'Lovelace',
		);
		const deleted = await h.api.delete(`/contacts/${key}`);
		expect(deleted.data.key).toBe(key);
		expect((await h.api.get(`/contacts/${key}`)).status).toBe(404);
	});

	it('refuses unknown contact fields with 400, listing them sorted', async () => {
		const response = await h.api.post('/contacts/', { name: 'x', foo: 1, bar: 2 });
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ status_code: 400, reason: 'Invalid contact fields: bar, foo' });
		const update = await h.api.put('/contacts/contact-001', { foo: 'x' });
		expect(update.data.reason).toBe('Invalid contact fields: foo');
		expect(h.emulator.state.contacts).toHaveLength(125);
	});

	it('creates, reads, renames and deletes a group', async () => {
		const created = await h.api.post('/groups/', { name: 'Volunteers' });
		expect(created.data).toMatchObject({
			name: 'Volunteers',
			query: null,
			user_account: 'sandbox-account',
		});
		const key = created.data.key;
		expect((await h.api.get(`/groups/${key}`)).data.name).toBe('Volunteers');
		expect((await h.api.put(`/groups/${key}`, { name: 'Helpers' })).data.name).toBe('Helpers');
		expect((await h.api.delete(`/groups/${key}`)).data.key).toBe(key);
		const missing = await h.api.get(`/groups/${key}`);
		expect(missing.status).toBe(404);
		expect(missing.data.reason).toBe(`Group '${key}' not found.`);
		expect((await h.api.post('/groups/', { name: 'x', colour: 'red' })).data.reason).toBe(
			'Invalid group fields: colour',
		);
	});

	it('lists groups in a cursor page', async () => {
		const response = await h.api.get('/groups/');
		expect(response.data.cursor).toBeNull();
		expect(response.data.data.map((group: { key: string }) => group.key).sort()).toEqual(
			Object.values(vumiGoSeed.groupKeys).sort(),
		);
	});

	it('pages the members of a static group', async () => {
		const pages = await allPages(`/groups/${vumiGoSeed.groupKeys.subscribers}/contacts`);
		expect(pages.map((page) => page.data.length)).toEqual([50, 12]);
		const keys = pages.flatMap((page) => page.data.map((contact) => contact.key));
		expect(keys).toContain('contact-002');
		expect(keys).not.toContain('contact-001');
	});

	it('evaluates a smart group query for its members, also for new contacts', async () => {
		const before = await h.api.get(`/groups/${vumiGoSeed.groupKeys.smart}/contacts`);
		expect(before.data.data).toHaveLength(26);
		await h.api.post('/contacts/', { msisdn: '+27710000199' });
		const after = await h.api.get(`/groups/${vumiGoSeed.groupKeys.smart}/contacts`);
		expect(after.data.data).toHaveLength(27);
		const smart = await h.api.post('/groups/', { name: 'Zulu', query: 'extras-language:zu' });
		const zulu = await h.api.get(`/groups/${smart.data.key}/contacts`, {
			params: { max_results: 100 },
		});
		expect(zulu.data.data).toHaveLength(41);
		expect((await h.api.get('/groups/nope/contacts')).status).toBe(404);
	});
});
