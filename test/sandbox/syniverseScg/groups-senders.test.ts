import { scgSeed } from '../../../sandbox';
import { useScgSandbox } from './harness';

const ids = (list: { id: string }[]) => list.map((item) => item.id);

describe('Syniverse SCG emulator: contact groups, sender ids and channels', () => {
	const h = useScgSandbox();

	it('creates a group, adds members (unknown ids reported under errors), lists and removes one', async () => {
		const created = await h.scg.post('/contact_groups', { name: 'Our Friends' });
		const groupId = created.data.id as string;
		const group = await h.scg.get(`/contact_groups/${groupId}`);
		expect(group.data).toMatchObject({
			name: 'Our Friends',
			status: 'ACTIVE',
			member_count: 0,
			version_number: 1,
		});

		const added = await h.scg.post(`/contact_groups/${groupId}/contacts`, {
			contacts: [scgSeed.contactIds[0], 'NoSuchContact000000000', scgSeed.contactIds[2]],
		});
		expect(added.status).toBe(200);
		expect(added.data).toEqual({
			errors: { NoSuchContact000000000: 'Unknown document: NoSuchContact000000000' },
		});
		const members = await h.scg.get(`/contact_groups/${groupId}/contacts`);
		expect(members.data).toMatchObject({ total: 2, offset: 0, limit: 50 });
		expect(ids(members.data.list)).toEqual([scgSeed.contactIds[0], scgSeed.contactIds[2]]);

		const removed = await h.scg.delete(
			`/contact_groups/${groupId}/contacts/${scgSeed.contactIds[0]}`,
		);
		expect(removed.status).toBe(204);
		expect(h.emulator.state.groupMembers[groupId]).toEqual([scgSeed.contactIds[2]]);
		expect((await h.scg.get(`/contact_groups/${groupId}`)).data.member_count).toBe(1);
		const again = await h.scg.delete(
			`/contact_groups/${groupId}/contacts/${scgSeed.contactIds[0]}`,
		);
		expect(again.status).toBe(404);
	});

	it('updates a group with version_number and deletes it', async () => {
		const updated = await h.scg.post(`/contact_groups/${scgSeed.groupId}`, {
			name: 'Day Shift',
			version_number: 1,
		});
		expect(updated.data).toMatchObject({ name: 'Day Shift', version_number: 2, member_count: 2 });
		expect((await h.scg.delete(`/contact_groups/${scgSeed.groupId}`)).status).toBe(204);
		expect((await h.scg.get('/contact_groups')).data.total).toBe(1);
	});

	it('lists sender ids filtered by class_id and state, as the seed example does', async () => {
		const response = await h.scg.get('/messaging/sender_ids?class_id=COMMERCIAL&state=ACTIVE');
		expect(response.status).toBe(200);
		expect(ids(response.data.list)).toEqual([
			scgSeed.activeSenderId,
			scgSeed.shortCodeSenderId,
			scgSeed.smsOnlySenderId,
		]);
		expect(response.data.list[1]).toMatchObject({
			address: '66000',
			type_id: 'SHORTCODE',
			capabilities: ['MMS', 'SMS'],
		});
		const all = await h.scg.get('/messaging/sender_ids');
		expect(all.data.total).toBe(5);
		const byCapability = await h.scg.get('/messaging/sender_ids?capabilities=VOICE');
		expect(ids(byCapability.data.list)).toEqual([scgSeed.inactiveSenderId]);
	});

	it('changes a sender id state with version_number', async () => {
		const response = await h.scg.post(`/messaging/sender_ids/${scgSeed.inactiveSenderId}`, {
			state: 'ACTIVE',
			version_number: 1,
		});
		expect(response.data).toMatchObject({ state: 'ACTIVE', version_number: 2 });
		expect((await h.scg.get('/messaging/sender_id_classes')).data.total).toBe(2);
		expect((await h.scg.get('/messaging/sender_id_types/SHORTCODE')).status).toBe(200);
	});

	it('lists channels and their sender ids, adds and removes one', async () => {
		const channels = await h.scg.get('/messaging/channels');
		expect(ids(channels.data.list)).toEqual([scgSeed.channelId]);
		const path = `/messaging/channels/${scgSeed.channelId}/sender_ids`;
		expect(ids((await h.scg.get(path)).data.list)).toEqual([
			scgSeed.activeSenderId,
			scgSeed.shortCodeSenderId,
		]);
		const added = await h.scg.post(path, { sender_ids: [scgSeed.smsOnlySenderId, 'Nope'] });
		expect(added.data).toEqual({ errors: { Nope: 'Unknown document: Nope' } });
		expect((await h.scg.delete(`${path}/${scgSeed.activeSenderId}`)).status).toBe(204);
		expect(h.emulator.state.channelSenderIds[scgSeed.channelId]).toEqual([
			scgSeed.shortCodeSenderId,
			scgSeed.smsOnlySenderId,
		]);
	});

	it('serves keywords, message templates and consent statuses through the same CRUD', async () => {
		expect((await h.scg.get(`/messaging/keywords/${scgSeed.keywordId}`)).data.name).toBe('STOP');
		const template = await h.scg.post('/messaging/message_templates', {
			designation: 'TEMPLATE',
			name: 'otp',
			pattern: 'Code {code}',
		});
		expect(template.status).toBe(200);
		const status = await h.scg.post('/consent/contact_address_statuses', {
			address_type: 'LONGCODE',
			address: '+14155550101',
			sender_id: scgSeed.activeSenderId,
		});
		const optOut = await h.scg.post(`/consent/contact_address_statuses/${status.data.id}`, {
			consent_status: 'OPTOUT',
			version_number: 1,
		});
		expect(optOut.data).toMatchObject({ consent_status: 'OPTOUT', version_number: 2 });
	});
});
