import { vumiGoSeed } from '../../sandbox';
import { VUMI_API, useVumiGo } from './useVumiGo';

const vumi = useVumiGo();

const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Vumi Go credential: one for the account and the conversation', () => {
	test('account APIs get the access token as Bearer, the conversation API the key and token as Basic', async () => {
		await vumi.run({ resource: 'optOut', operation: 'count' });
		await vumi.run({
			resource: 'message',
			operation: 'sendText',
			toAddress: '+27821234567',
			content: 'Hi',
		});

		const [account, conversation] = vumi.requests();
		expect(account.pathname).toBe(`${VUMI_API}/optouts/count`);
		expect(account.headers.authorization).toBe('Bearer sandbox-vumi-token');
		expect(conversation.pathname).toMatch(/\/http_api_nostream\/.+\/messages\.json$/);
		expect(conversation.headers.authorization).toBe(
			basic(vumiGoSeed.accountKey, 'sandbox-conv-token'),
		);
	});

	test('a credential without the conversation still serves contacts, groups and opt-outs', async () => {
		const { items, error } = await vumi.run(
			{ resource: 'group', operation: 'get', groupKey: vumiGoSeed.groupKeys.staff },
			{ credentials: { accountKey: '', conversationKey: '', conversationToken: '' } },
		);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ key: vumiGoSeed.groupKeys.staff });
	});

	test.each([
		['Account Key', { accountKey: '' }],
		['Conversation Key', { conversationKey: '' }],
		['Conversation Token', { conversationToken: '' }],
	])('a send without the %s fails before anything is sent, naming it', async (field, missing) => {
		const { error } = await vumi.run(
			{ resource: 'message', operation: 'sendText', toAddress: '+27821234567', content: 'Hi' },
			{ credentials: missing },
		);

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			`Item 0: Sending a message needs the conversation's ${field}, which the Vumi Go credential does not have`,
		);
		expect(error?.description).toContain('Open the Vumi Go API credential');
		expect(vumi.requests()).toEqual([]);
		expect(vumi.state().outboundMessages).toEqual([]);
	});

	test('firing metrics through the conversation needs the conversation fields too', async () => {
		const { error } = await vumi.run(
			{
				resource: 'metric',
				operation: 'fire',
				metricApi: 'conversation',
				metrics: { metric: [{ name: 'visits.sum', value: 1 }] },
			},
			{ credentials: { conversationToken: '' } },
		);

		expect(error?.message).toBe(
			"Item 0: Firing metrics through the conversation needs the conversation's Conversation Token, which the Vumi Go credential does not have",
		);
		expect(vumi.requests()).toEqual([]);
	});
});
