/**
 * The SCG IDs a user would otherwise look up in the SCG console: contacts, contact groups, sender IDs and
 * attachments are picked From List (n8n's list search, page by page from SCG's offsets, narrowed by the
 * search text) or typed By ID; the chosen ID is the path segment SCG receives.
 */
import { scgSeed } from '../../sandbox';
import { listSearch } from '../harness/n8n';
import { SCG_API, useScg } from './useScg';

const scg = useScg();

const search = async (method: string, filter?: string, paginationToken?: string) =>
	await listSearch({
		node: 'syniverseScg',
		method,
		filter,
		paginationToken,
		credentials: scg.credentials(),
	});

const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Syniverse SCG: the lists behind From List', () => {
	test('contacts are listed by name and phone number, narrowed by the search text', async () => {
		const all = await search('searchContacts');
		expect(all.results).toEqual([
			{ name: 'Ada Lovelace (+14155550101)', value: scgSeed.contactIds[0] },
			expect.objectContaining({ value: scgSeed.contactIds[1] }),
			expect.objectContaining({ value: scgSeed.contactIds[2] }),
		]);
		expect(all.paginationToken).toBeUndefined();
		expect(scg.requests()[0]).toMatchObject({
			pathname: `${SCG_API}/contacts`,
			query: { limit: '100' },
		});

		expect((await search('searchContacts', '+4477')).results).toEqual([
			expect.objectContaining({ value: scgSeed.contactIds[2] }),
		]);
	});

	test('groups show their member count, sender IDs their address and state, attachments their file', async () => {
		expect((await search('searchContactGroups', 'night')).results).toEqual([
			{ name: 'Night Shift (2 members)', value: scgSeed.groupId },
		]);
		expect((await search('searchSenderIds', '66000')).results).toEqual([
			{ name: 'promo (66000) – MMS, SMS [ACTIVE]', value: scgSeed.shortCodeSenderId },
		]);
		expect((await search('searchAttachments')).results).toEqual([
			{ name: 'logo (logo.png, image/png)', value: scgSeed.attachmentId },
		]);
	});

	test('a long list comes a page at a time: the token is the offset of the next page', async () => {
		// 120 more contacts, created through the node as a user would.
		const created = await scg.run(
			{
				resource: 'contact',
				operation: 'create',
				additionalFields: { firstName: '={{ $json.name }}' },
			},
			{ items: Array.from({ length: 120 }, (_value, index) => ({ name: `Driver ${index}` })) },
		);
		expect(created.error).toBeUndefined();

		const first = await search('searchContacts');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');

		const second = await search('searchContacts', undefined, first.paginationToken);
		expect(scg.requests().at(-1)?.query).toMatchObject({ limit: '100', offset: '100' });
		expect(second.results).toHaveLength(23);
		expect(second.paginationToken).toBeUndefined();
	});
});

describe('Syniverse SCG: IDs picked or typed reach the path', () => {
	test('Contact Group → Remove Contact with the group from the list and the contact typed by ID', async () => {
		const { items, error } = await scg.run({
			resource: 'contactGroup',
			operation: 'removeContact',
			contactGroupId: fromList(scgSeed.groupId),
			contactId: byId(scgSeed.contactIds[1]),
		});

		expect(error).toBeUndefined();
		expect(scg.calls()).toEqual([
			`DELETE /contact_groups/${scgSeed.groupId}/contacts/${scgSeed.contactIds[1]}`,
		]);
		expect(items[0].json).toEqual({
			contactGroupId: scgSeed.groupId,
			contactId: scgSeed.contactIds[1],
			removed: true,
		});
	});

	test('Sender ID → Get and Attachment → Get with IDs from the list', async () => {
		await scg.run({
			resource: 'senderId',
			operation: 'get',
			senderId: fromList(scgSeed.activeSenderId),
		});
		await scg.run({
			resource: 'attachment',
			operation: 'get',
			attachmentId: fromList(scgSeed.attachmentId),
		});

		expect(scg.calls()).toEqual([
			`GET /messaging/sender_ids/${scgSeed.activeSenderId}`,
			`GET /messaging/attachments/${scgSeed.attachmentId}`,
		]);
	});

	test('a typed ID with characters no SCG ID has is refused before anything is sent', async () => {
		const { error } = await scg.run({
			resource: 'contact',
			operation: 'get',
			contactId: byId('={{ "Ada Lovelace" }}'),
		});

		expect(error?.message).toBe(
			'Item 0: "Contact" is not a valid ID: An SCG ID is letters and digits, like aQWY9PeMCO01TEH9bk1ek5, got "Ada Lovelace"',
		);
		expect(scg.requests()).toHaveLength(0);
	});
});
