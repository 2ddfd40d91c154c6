import { vumiGoSeed } from '../../sandbox';
import { CONVERSATION_API, useVumiGo } from './useVumiGo';

const vumi = useVumiGo();
const CONVERSATION_TOKEN = 'canary-conv-token-7e21';

function basic(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('Vumi Go → Message', () => {
	test('Send Text PUTs to_addr and content to messages.json with Basic account key : token', async () => {
		const { items, error } = await vumi.run({
			resource: 'message',
			operation: 'sendText',
			toAddress: '+27821234567',
			content: 'Your clinic visit is tomorrow at 9',
		});

		expect(error).toBeUndefined();
		const request = vumi.lastRequest();
		expect(`${request.method} ${request.pathname}`).toBe(`PUT ${CONVERSATION_API}/messages.json`);
		expect(request.headers.authorization).toBe(basic(vumiGoSeed.accountKey, 'sandbox-conv-token'));
		expect(request.body).toEqual({
			to_addr: '+27821234567',
			content: 'Your clinic visit is tomorrow at 9',
		});
		const sent = vumi.state().outboundMessages.at(-1);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			message_id: sent?.message_id,
			to_addr: '+27821234567',
			message_type: 'user_message',
		});
	});

	test('Send Text writes a phone number in E.164, and refuses one without a country code before sending', async () => {
		const sent = await vumi.run({
			resource: 'message',
			operation: 'sendText',
			toAddress: '+27 82-123 4567',
			content: 'Hi',
		});
		expect(sent.error).toBeUndefined();
		expect(vumi.lastRequest().body).toEqual({ to_addr: '+27821234567', content: 'Hi' });

		const before = vumi.requests().length;
		const refused = await vumi.run({
			resource: 'message',
			operation: 'sendText',
			toAddress: '0821234567',
			content: 'Hi',
		});
		expect(refused.error?.message).toBe(
			'Item 0: "To" "0821234567" has no country code: write it with its country code, like +6591234567. For a channel address that is not a phone number, set Address Type to "Other Address".',
		);
		expect(vumi.requests()).toHaveLength(before);
	});

	test('Send Text with Address Type "Other Address" sends the channel address as typed', async () => {
		const { error } = await vumi.run({
			resource: 'message',
			operation: 'sendText',
			toAddress: '@clinic_reminders',
			content: 'Hi',
			additionalFields: { toAddressType: 'other' },
		});

		expect(error).toBeUndefined();
		expect(vumi.lastRequest().body).toEqual({ to_addr: '@clinic_reminders', content: 'Hi' });
	});

	test('Send Text with a session event sends it', async () => {
		await vumi.run({
			resource: 'message',
			operation: 'sendText',
			toAddress: '+27821234567',
			content: 'Bye',
			additionalFields: { sessionEvent: 'close' },
		});

		expect(vumi.lastRequest().body).toEqual({
			to_addr: '+27821234567',
			content: 'Bye',
			session_event: 'close',
		});
	});

	test('Send Voice adds the speech URL and wait-for key as voice helper metadata', async () => {
		const { items, error } = await vumi.run({
			resource: 'message',
			operation: 'sendVoice',
			toAddress: '+27821234567',
			content: 'Press 1 then hash',
			additionalFields: {
				speechUrl: 'https://example.com/menu.ogg',
				waitFor: '#',
				sessionEvent: 'new',
			},
		});

		expect(error).toBeUndefined();
		expect(vumi.lastRequest().body).toEqual({
			to_addr: '+27821234567',
			content: 'Press 1 then hash',
			session_event: 'new',
			helper_metadata: { voice: { speech_url: 'https://example.com/menu.ogg', wait_for: '#' } },
		});
		expect(items[0].json.message_id).toBe(vumi.state().outboundMessages.at(-1)?.message_id);
	});

	test('Send Voice checks the wait-for key is a single key', async () => {
		const { error } = await vumi.run({
			resource: 'message',
			operation: 'sendVoice',
			toAddress: '+27821234567',
			content: 'Hi',
			additionalFields: { waitFor: '##' },
		});

		expect(error?.message).toBe('Item 0: "Wait For Key" must be a single key such as # or *');
		expect(vumi.requests()).toHaveLength(0);
	});

	test('an opted-out recipient is a specific error naming the recipient', async () => {
		const [optedOut] = vumiGoSeed.optedOutMsisdns;
		const { error } = await vumi.run({
			resource: 'message',
			operation: 'sendText',
			toAddress: optedOut,
			content: 'Hello',
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			`The recipient ${optedOut} has opted out: Vumi Go did not send the message`,
		);
		expect(error?.description).toMatch(/opted out/);
		expect(vumi.state().outboundMessages).toHaveLength(0);
	});

	test('with Skip and Report, opted-out recipients are reported and the others are sent', async () => {
		const [optedOut] = vumiGoSeed.optedOutMsisdns;
		const recipients = ['+27821234567', optedOut, '+27829876543'];
		const { items, error } = await vumi.run(
			{
				resource: 'message',
				operation: 'sendText',
				toAddress: '={{ $json.to }}',
				content: 'Hello',
				additionalFields: { optedOut: 'skip' },
			},
			{ items: recipients.map((to) => ({ to })) },
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[1].json).toMatchObject({ skipped: true, reason: 'optedOut', to_addr: optedOut });
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[0].json.message_id).toBeDefined();
		expect(items[2].json.message_id).toBeDefined();
		expect(vumi.state().outboundMessages.map((message) => message.to_addr)).toEqual([
			recipients[0],
			recipients[2],
		]);
	});

	test('with Continue On Fail the opt-out refusal becomes an error item for that recipient only', async () => {
		const [optedOut] = vumiGoSeed.optedOutMsisdns;
		const { items } = await vumi.run(
			{ resource: 'message', operation: 'sendText', toAddress: '={{ $json.to }}', content: 'Hi' },
			{ items: [{ to: optedOut }, { to: '+27821234567' }], continueOnFail: true },
		);

		expect(items[0].json.error).toBe(
			`The recipient ${optedOut} has opted out: Vumi Go did not send the message`,
		);
		expect(items[1].json.message_id).toBeDefined();
	});

	test('other refusals keep Vumi Go’s own reason', async () => {
		const { error } = await vumi.run({
			resource: 'message',
			operation: 'sendText',
			toAddress: '+27821234567',
			content: 'x'.repeat(vumi.emulator().maxContentLength + 1),
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toMatch(/^Vumi Go: Payload content too long/);
	});

	test('a wrong conversation token is a 401 and the token appears nowhere in the error', async () => {
		const { error } = await vumi.run(
			{ resource: 'message', operation: 'sendText', toAddress: '+27821234567', content: 'Hi' },
			{ conversationToken: CONVERSATION_TOKEN },
		);

		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('401');
		expect(
			JSON.stringify({ ...error, message: error?.message, description: error?.description }),
		).not.toContain(CONVERSATION_TOKEN);
	});

	test('a send that fails with a 500 is not repeated', async () => {
		vumi.emulator().faults.inject({ type: 'status', status: 500, times: 1 });

		const { error } = await vumi.run({
			resource: 'message',
			operation: 'sendText',
			toAddress: '+27821234567',
			content: 'Hi',
		});

		expect(error?.httpCode).toBe('500');
		expect(vumi.requests()).toHaveLength(1);
	});
});
