import { vumiGoSeed } from '../../sandbox';
import { VUMI_API, useVumiGo } from './useVumiGo';

const vumi = useVumiGo();

describe('Vumi Go → Contact', () => {
	test('Create sends the documented fields under their wire names plus the extra key/values', async () => {
		const { items, error } = await vumi.run({
			resource: 'contact',
			operation: 'create',
			additionalFields: {
				name: 'Zanele',
				surname: 'Mthembu',
				msisdn: '+27821234567',
				emailAddress: 'zanele@example.com',
				twitterHandle: '@zanele',
				groups: vumiGoSeed.groupKeys.staff,
			},
			extraFields: {
				field: [
					{ name: 'language', value: 'xh' },
					{ name: 'tier', value: 'gold' },
				],
			},
		});

		expect(error).toBeUndefined();
		const request = vumi.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(`POST ${VUMI_API}/contacts/`);
		expect(request.body).toEqual({
			name: 'Zanele',
			surname: 'Mthembu',
			msisdn: '+27821234567',
			email_address: 'zanele@example.com',
			twitter_handle: '@zanele',
			groups: [vumiGoSeed.groupKeys.staff],
			extra: { language: 'xh', tier: 'gold' },
		});
		const created = vumi.state().contacts.at(-1);
		expect(items[0].json).toMatchObject({ key: created?.key, msisdn: '+27821234567' });
	});

	test('Create with no fields sends the JSON body {} and outputs the new, empty contact', async () => {
		const { items, error } = await vumi.run({ resource: 'contact', operation: 'create' });

		expect(error).toBeUndefined();
		const request = vumi.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(`POST ${VUMI_API}/contacts/`);
		expect([request.headers['content-type'], request.rawBody.toString()]).toEqual([
			'application/json',
			'{}',
		]);
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({ key: vumi.state().contacts.at(-1)?.key, name: null, extra: {} }),
		]);
	});

	test('Get by key reads /contacts/<key>', async () => {
		const key = vumiGoSeed.contactKey(4);
		const { items } = await vumi.run({
			resource: 'contact',
			operation: 'get',
			lookUpBy: 'key',
			contactKey: key,
		});

		expect(vumi.lastRequest().pathname).toBe(`${VUMI_API}/contacts/${key}`);
		expect(items.map((item) => item.json.msisdn)).toEqual([vumiGoSeed.contactMsisdn(4)]);
	});

	test('Get by address searches with query=<field>=<value>, the + encoded', async () => {
		const msisdn = vumiGoSeed.contactMsisdn(9);
		const { items } = await vumi.run({
			resource: 'contact',
			operation: 'get',
			lookUpBy: 'address',
			addressField: 'msisdn',
			addressValue: msisdn,
		});

		const request = vumi.lastRequest();
		expect(request.pathname).toBe(`${VUMI_API}/contacts/`);
		expect(request.query).toEqual({ query: `msisdn=${msisdn}` });
		expect(request.path).toContain('%2B');
		expect(items.map((item) => item.json.key)).toEqual([vumiGoSeed.contactKey(9)]);
	});

	// The contacts API answers an unknown address with a 404 (or, on some servers, an empty page).
	test('Get by an address nobody has fails with a message naming the address', async () => {
		const { error, items } = await vumi.run({
			resource: 'contact',
			operation: 'get',
			lookUpBy: 'address',
			addressField: 'twitter_handle',
			addressValue: '@nobody_here',
		});

		expect(items).toHaveLength(0);
		expect(vumi.lastRequest().query).toEqual({ query: 'twitter_handle=@nobody_here' });
		expect(error?.message).toMatch(/@nobody_here/);
	});

	test("Get of an unknown key is a NodeApiError with Vumi Go's reason", async () => {
		const { error } = await vumi.run({
			resource: 'contact',
			operation: 'get',
			lookUpBy: 'key',
			contactKey: 'no-such-contact',
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toMatch(/^Vumi Go: .*no-such-contact/);
	});

	test('Update PUTs only the changed fields and the extra key/values', async () => {
		const key = vumiGoSeed.contactKey(5);
		const { items, error } = await vumi.run({
			resource: 'contact',
			operation: 'update',
			contactKey: key,
			additionalFields: { surname: 'Ndlovu' },
			extraFields: { field: [{ name: 'region', value: 'limpopo' }] },
		});

		expect(error).toBeUndefined();
		const request = vumi.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(`PUT ${VUMI_API}/contacts/${key}`);
		expect(request.body).toEqual({ surname: 'Ndlovu', extra: { region: 'limpopo' } });
		expect(items[0].json).toMatchObject({
			key,
			surname: 'Ndlovu',
			msisdn: vumiGoSeed.contactMsisdn(5),
		});
	});

	test('Update with nothing to change fails before sending', async () => {
		const { error } = await vumi.run({
			resource: 'contact',
			operation: 'update',
			contactKey: vumiGoSeed.contactKey(5),
		});

		expect(error?.message).toBe('Item 0: nothing to update: add at least one field');
		expect(vumi.requests()).toHaveLength(0);
	});

	test('Delete removes the contact and outputs it as it was', async () => {
		const key = vumiGoSeed.contactKey(6);
		const { items } = await vumi.run({ resource: 'contact', operation: 'delete', contactKey: key });

		expect(`${vumi.lastRequest().method} ${vumi.lastRequest().pathname}`).toBe(
			`DELETE ${VUMI_API}/contacts/${key}`,
		);
		expect(items[0].json).toMatchObject({ key });
		expect(vumi.state().contacts.some((contact) => contact.key === key)).toBe(false);
	});

	test('Get Many with Return All follows the cursor over every page until it is null', async () => {
		const { items } = await vumi.run({ resource: 'contact', operation: 'getAll', returnAll: true });

		const pageSize = vumi.emulator().pageSize;
		const pages = Math.ceil(vumiGoSeed.contactCount / pageSize);
		expect(items).toHaveLength(vumiGoSeed.contactCount);
		expect(new Set(items.map((item) => item.json.key)).size).toBe(vumiGoSeed.contactCount);
		const queries = vumi.requests().map((request) => request.query);
		expect(queries).toHaveLength(pages);
		expect(queries[0]).toEqual({});
		for (const query of queries.slice(1)) expect(Object.keys(query)).toEqual(['cursor']);
	});

	test('Get Many with a Limit stops fetching once it has enough', async () => {
		const pageSize = vumi.emulator().pageSize;
		const { items } = await vumi.run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: false,
			limit: pageSize + 5,
		});

		expect(items).toHaveLength(pageSize + 5);
		expect(vumi.requests()).toHaveLength(2);
	});
});

describe('Vumi Go → Group', () => {
	test('Create posts the name and the smart group query', async () => {
		const { items } = await vumi.run({
			resource: 'group',
			operation: 'create',
			name: 'Zulu speakers',
			additionalFields: { query: 'extra-language:zu' },
		});

		const request = vumi.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(`POST ${VUMI_API}/groups/`);
		expect(request.body).toEqual({ name: 'Zulu speakers', query: 'extra-language:zu' });
		expect(items[0].json).toMatchObject({
			name: 'Zulu speakers',
			key: vumi.state().groups.at(-1)?.key,
		});
	});

	test('Get reads one group', async () => {
		const { items } = await vumi.run({
			resource: 'group',
			operation: 'get',
			groupKey: vumiGoSeed.groupKeys.staff,
		});

		expect(vumi.lastRequest().pathname).toBe(`${VUMI_API}/groups/${vumiGoSeed.groupKeys.staff}`);
		expect(items[0].json).toMatchObject({ key: vumiGoSeed.groupKeys.staff, name: 'Staff' });
	});

	test('Update PUTs the new name', async () => {
		const { items } = await vumi.run({
			resource: 'group',
			operation: 'update',
			groupKey: vumiGoSeed.groupKeys.staff,
			additionalFields: { name: 'Head office' },
		});

		const request = vumi.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(
			`PUT ${VUMI_API}/groups/${vumiGoSeed.groupKeys.staff}`,
		);
		expect(request.body).toEqual({ name: 'Head office' });
		expect(items[0].json).toMatchObject({ name: 'Head office' });
	});

	test('Delete removes the group', async () => {
		const key = vumiGoSeed.groupKeys.smart;
		const { items } = await vumi.run({ resource: 'group', operation: 'delete', groupKey: key });

		expect(vumi.lastRequest().method).toBe('DELETE');
		expect(items[0].json).toMatchObject({ key });
		expect(vumi.state().groups.some((group) => group.key === key)).toBe(false);
	});

	test('Get Contacts follows the cursor over the pages of a group', async () => {
		const key = vumiGoSeed.groupKeys.subscribers;
		const { items } = await vumi.run({
			resource: 'group',
			operation: 'getContacts',
			groupKey: key,
			returnAll: true,
		});

		const members = vumi.state().contacts.filter((contact) => contact.groups.includes(key));
		expect(items.map((item) => item.json.key).sort()).toEqual(members.map((c) => c.key).sort());
		const requests = vumi.requests();
		expect(requests.length).toBe(Math.ceil(members.length / vumi.emulator().pageSize));
		for (const request of requests)
			expect(request.pathname).toBe(`${VUMI_API}/groups/${key}/contacts`);
	});

	test('Get Contacts of a smart group returns the contacts that match its query', async () => {
		const { items } = await vumi.run({
			resource: 'group',
			operation: 'getContacts',
			groupKey: vumiGoSeed.groupKeys.smart,
			returnAll: true,
		});

		expect(items).toHaveLength(26);
		for (const item of items) expect(String(item.json.msisdn)).toMatch(/^\+277100001/);
	});
});
