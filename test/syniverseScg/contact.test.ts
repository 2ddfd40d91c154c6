import { scgSeed } from '../../sandbox';
import { SCG_API, useScg } from './useScg';

const scg = useScg();

describe('Syniverse SCG → Contact', () => {
	test('Create sends the given fields under their wire names, dates in epoch ms', async () => {
		const { items, error } = await scg.run({
			resource: 'contact',
			operation: 'create',
			additionalFields: {
				firstName: 'John',
				lastName: 'Doe',
				primaryMdn: '+14085551212',
				birthDate: '1990-05-01T00:00:00.000Z',
				extendedAttributes: '{"tier": "gold"}',
				fastAccess3: 'north',
			},
		});

		expect(error).toBeUndefined();
		expect(scg.lastRequest().method).toBe('POST');
		expect(scg.lastRequest().pathname).toBe(`${SCG_API}/contacts`);
		expect(scg.lastRequest().body).toEqual({
			first_name: 'John',
			last_name: 'Doe',
			primary_mdn: '+14085551212',
			birth_date: Date.parse('1990-05-01T00:00:00.000Z'),
			extended_attributes: { tier: 'gold' },
			fast_access_3: 'north',
		});
		const created = scg.state().contacts.at(-1);
		expect(items[0].json).toMatchObject({ id: created?.id, first_name: 'John' });
	});

	test('Create with no fields sends the JSON body {} and outputs the new contact', async () => {
		const { items, error } = await scg.run({ resource: 'contact', operation: 'create' });

		expect(error).toBeUndefined();
		expect(scg.lastRequest().pathname).toBe(`${SCG_API}/contacts`);
		expect(scg.lastRequest().headers['content-type']).toBe('application/json');
		expect(scg.lastRequest().rawBody.toString()).toBe('{}');
		expect(items.map((item) => item.json)).toEqual([{ id: scg.state().contacts.at(-1)?.id }]);
	});

	test('Get reads one contact', async () => {
		const [ada] = scg.state().contacts;
		const { items } = await scg.run({ resource: 'contact', operation: 'get', contactId: ada.id });

		expect(scg.lastRequest().pathname).toBe(`${SCG_API}/contacts/${ada.id}`);
		expect(items[0].json).toMatchObject({ id: ada.id, primary_mdn: ada.primary_mdn });
	});

	test('Get Many passes filters as query parameters', async () => {
		const { items } = await scg.run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { primaryMdn: scgSeed.contactMdns[1] },
		});

		expect(scg.lastRequest().query).toEqual({ primary_mdn: scgSeed.contactMdns[1], limit: '100' });
		expect(items.map((item) => item.json.id)).toEqual([scgSeed.contactIds[1]]);
	});

	test('Update reads the contact first and posts its writable fields with the version number', async () => {
		const [adaId] = scgSeed.contactIds;
		const before = { ...scg.state().contacts.find((contact) => contact.id === adaId)! };

		const { items, error } = await scg.run({
			resource: 'contact',
			operation: 'update',
			contactId: adaId,
			additionalFields: { lastName: 'Anderson' },
		});

		expect(error).toBeUndefined();
		expect(scg.calls()).toEqual([
			`GET /contacts/${adaId}`,
			`POST /contacts/${adaId}`,
			`GET /contacts/${adaId}`,
		]);
		const update = scg.requests()[1].body as Record<string, unknown>;
		expect(update).toMatchObject({
			last_name: 'Anderson',
			first_name: before.first_name,
			primary_mdn: before.primary_mdn,
			version_number: before.version_number,
		});
		expect(update).not.toHaveProperty('id');
		expect(update).not.toHaveProperty('created_date');
		expect(items[0].json).toMatchObject({ id: adaId, last_name: 'Anderson' });
	});

	test('Update with a stale version number fails with a conflict error and changes nothing', async () => {
		const [adaId] = scgSeed.contactIds;
		const contact = scg.state().contacts.find((candidate) => candidate.id === adaId)!;
		const stale = contact.version_number;
		contact.version_number += 1; // someone else saved in the meantime

		const { error } = await scg.run({
			resource: 'contact',
			operation: 'update',
			contactId: adaId,
			additionalFields: { lastName: 'Overwritten', versionNumber: stale },
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('409');
		expect(error?.message).toBe(
			`Someone else changed the contact ${adaId} since it was read: read it again and repeat the update`,
		);
		expect(scg.lastRequest().body).toEqual({ last_name: 'Overwritten', version_number: stale });
		expect(contact.last_name).not.toBe('Overwritten');
	});

	test('Delete sends DELETE and outputs what was deleted', async () => {
		const [, , alanId] = scgSeed.contactIds;
		const { items } = await scg.run({
			resource: 'contact',
			operation: 'delete',
			contactId: alanId,
		});

		expect(scg.lastRequest().method).toBe('DELETE');
		expect(scg.lastRequest().pathname).toBe(`${SCG_API}/contacts/${alanId}`);
		expect(items[0].json).toEqual({ id: alanId, deleted: true });
		expect(scg.state().contacts.map((contact) => contact.id)).not.toContain(alanId);
	});
});

describe('Syniverse SCG → Contact Group', () => {
	test('Create sends the name and description', async () => {
		const { items } = await scg.run({
			resource: 'contactGroup',
			operation: 'create',
			name: 'Our Friends',
			additionalFields: { description: 'Friends and family' },
		});

		expect(scg.lastRequest().pathname).toBe(`${SCG_API}/contact_groups`);
		expect(scg.lastRequest().body).toEqual({
			name: 'Our Friends',
			description: 'Friends and family',
		});
		expect(items[0].json).toMatchObject({
			id: scg.state().contactGroups.at(-1)?.id,
			name: 'Our Friends',
		});
	});

	test('Get, Get Many and Get Contacts read groups and members', async () => {
		const get = await scg.run({
			resource: 'contactGroup',
			operation: 'get',
			contactGroupId: scgSeed.groupId,
		});
		expect(scg.lastRequest().pathname).toBe(`${SCG_API}/contact_groups/${scgSeed.groupId}`);
		expect(get.items[0].json.id).toBe(scgSeed.groupId);

		const all = await scg.run({ resource: 'contactGroup', operation: 'getAll', returnAll: true });
		expect(scg.lastRequest().pathname).toBe(`${SCG_API}/contact_groups`);
		expect(all.items.map((item) => item.json.id)).toEqual(
			expect.arrayContaining([scgSeed.groupId, scgSeed.emptyGroupId]),
		);

		const members = await scg.run({
			resource: 'contactGroup',
			operation: 'getContacts',
			contactGroupId: scgSeed.groupId,
			returnAll: true,
		});
		expect(scg.lastRequest().pathname).toBe(
			`${SCG_API}/contact_groups/${scgSeed.groupId}/contacts`,
		);
		expect(members.items.map((item) => item.json.id).sort()).toEqual(
			[scgSeed.contactIds[0], scgSeed.contactIds[1]].sort(),
		);
	});

	test('Update posts the group fields with the version number read first', async () => {
		const group = scg.state().contactGroups.find((candidate) => candidate.id === scgSeed.groupId)!;
		const { items } = await scg.run({
			resource: 'contactGroup',
			operation: 'update',
			contactGroupId: scgSeed.groupId,
			additionalFields: { description: 'VIP customers' },
		});

		expect(scg.requests()[1].body).toMatchObject({
			name: group.name,
			description: 'VIP customers',
			version_number: 1,
		});
		expect(items[0].json).toMatchObject({ description: 'VIP customers' });
	});

	test('Add Contacts posts the IDs and lists the ones SCG refused', async () => {
		const { items } = await scg.run({
			resource: 'contactGroup',
			operation: 'addContacts',
			contactGroupId: scgSeed.emptyGroupId,
			contactIds: `${scgSeed.contactIds[2]}, NoSuchContact0000000001`,
		});

		expect(scg.lastRequest().pathname).toBe(
			`${SCG_API}/contact_groups/${scgSeed.emptyGroupId}/contacts`,
		);
		expect(scg.lastRequest().body).toEqual({
			contacts: [scgSeed.contactIds[2], 'NoSuchContact0000000001'],
		});
		expect(items[0].json).toMatchObject({
			added: [scgSeed.contactIds[2]],
			failed: [{ contactId: 'NoSuchContact0000000001', reason: expect.any(String) }],
		});
		expect(scg.state().groupMembers[scgSeed.emptyGroupId]).toEqual([scgSeed.contactIds[2]]);
	});

	test('Remove Contact sends DELETE for the member', async () => {
		const [adaId] = scgSeed.contactIds;
		const { items } = await scg.run({
			resource: 'contactGroup',
			operation: 'removeContact',
			contactGroupId: scgSeed.groupId,
			contactId: adaId,
		});

		expect(scg.lastRequest().method).toBe('DELETE');
		expect(scg.lastRequest().pathname).toBe(
			`${SCG_API}/contact_groups/${scgSeed.groupId}/contacts/${adaId}`,
		);
		expect(items[0].json).toEqual({
			contactGroupId: scgSeed.groupId,
			contactId: adaId,
			removed: true,
		});
		expect(scg.state().groupMembers[scgSeed.groupId]).not.toContain(adaId);
	});

	test('Delete removes the group', async () => {
		const { items } = await scg.run({
			resource: 'contactGroup',
			operation: 'delete',
			contactGroupId: scgSeed.emptyGroupId,
		});

		expect(scg.lastRequest().method).toBe('DELETE');
		expect(items[0].json).toEqual({ id: scgSeed.emptyGroupId, deleted: true });
	});
});
