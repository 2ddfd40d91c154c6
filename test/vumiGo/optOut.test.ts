import { vumiGoSeed } from '../../sandbox';
import { VUMI_API, useVumiGo } from './useVumiGo';

const vumi = useVumiGo();
const [optedOut] = vumiGoSeed.optedOutMsisdns;
const encoded = encodeURIComponent(optedOut);

describe('Vumi Go → Opt-Out', () => {
	test('Get of an opted-out address returns its record, the + encoded in the path', async () => {
		const { items, error } = await vumi.run({
			resource: 'optOut',
			operation: 'get',
			addressType: 'msisdn',
			address: optedOut,
		});

		expect(error).toBeUndefined();
		const request = vumi.lastRequest();
		expect(`${request.method} ${request.path}`).toBe(`GET ${VUMI_API}/optouts/msisdn/${encoded}`);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			optedOut: true,
			address_type: 'msisdn',
			address: optedOut,
			created_at: vumi.state().optouts[0].created_at,
		});
	});

	test('Get of an address that has not opted out is a normal result, not an error', async () => {
		const { items, error } = await vumi.run({
			resource: 'optOut',
			operation: 'get',
			addressType: 'msisdn',
			address: '+27821234567',
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ optedOut: false, address_type: 'msisdn', address: '+27821234567' },
		]);
	});

	test('Create PUTs the opt-out and returns the new record', async () => {
		const { items, error } = await vumi.run({
			resource: 'optOut',
			operation: 'create',
			addressType: 'msisdn',
			address: '+27821234567',
		});

		expect(error).toBeUndefined();
		expect(`${vumi.lastRequest().method} ${vumi.lastRequest().path}`).toBe(
			`PUT ${VUMI_API}/optouts/msisdn/%2B27821234567`,
		);
		expect(items[0].json).toMatchObject({ optedOut: true, address: '+27821234567' });
		expect(vumi.state().optouts.some((record) => record.address === '+27821234567')).toBe(true);
	});

	test('Create for an address that already opted out is a clear error', async () => {
		const { error } = await vumi.run({
			resource: 'optOut',
			operation: 'create',
			addressType: 'msisdn',
			address: optedOut,
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('409');
		expect(error?.message).toBe(`msisdn ${optedOut} has already opted out`);
		expect(vumi.requests()).toHaveLength(1);
	});

	test('Delete removes the opt-out and returns it', async () => {
		const { items } = await vumi.run({
			resource: 'optOut',
			operation: 'delete',
			addressType: 'msisdn',
			address: optedOut,
		});

		expect(vumi.lastRequest().method).toBe('DELETE');
		expect(items[0].json).toMatchObject({ deleted: true, address: optedOut });
		expect(vumi.state().optouts.some((record) => record.address === optedOut)).toBe(false);
	});

	test('Delete of an address with no opt-out is a normal result, not an error', async () => {
		const { items, error } = await vumi.run({
			resource: 'optOut',
			operation: 'delete',
			addressType: 'msisdn',
			address: '+27821234567',
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ deleted: false, address_type: 'msisdn', address: '+27821234567' },
		]);
	});

	test('Count returns the number of opt-outs', async () => {
		const { items } = await vumi.run({ resource: 'optOut', operation: 'count' });

		expect(`${vumi.lastRequest().method} ${vumi.lastRequest().pathname}`).toBe(
			`GET ${VUMI_API}/optouts/count`,
		);
		expect(items.map((item) => item.json)).toEqual([{ count: vumi.state().optouts.length }]);
	});

	test('a campaign step: check each recipient with Get, then only the ones not opted out are sent to', async () => {
		const recipients = ['+27821234567', optedOut, '+27829876543'];
		const { items: checks } = await vumi.run(
			{ resource: 'optOut', operation: 'get', addressType: 'msisdn', address: '={{ $json.to }}' },
			{ items: recipients.map((to) => ({ to })) },
		);
		const allowed = checks.filter((item) => item.json.optedOut === false);

		const { items: sent } = await vumi.run(
			{
				resource: 'message',
				operation: 'sendText',
				toAddress: '={{ $json.address }}',
				content: 'Hi',
			},
			{ items: allowed.map((item) => item.json) },
		);

		expect(sent).toHaveLength(2);
		expect(vumi.state().outboundMessages.map((message) => message.to_addr)).toEqual([
			recipients[0],
			recipients[2],
		]);
	});

	test("a wrong access token is Vumi Go's refusal and the token appears nowhere in the error", async () => {
		const token = 'canary-vumi-token-93bd';
		const { error } = await vumi.run(
			{ resource: 'optOut', operation: 'count' },
			{ accessToken: token },
		);

		expect(error?.name).toBe('NodeApiError');
		expect(['401', '403']).toContain(error?.httpCode);
		expect(
			`${error?.message} ${error?.description} ${JSON.stringify(error?.context)}`,
		).not.toContain(token);
	});

	test('a 503 on a read is retried', async () => {
		vumi.emulator().faults.inject({ type: 'status', status: 503, retryAfter: 0, times: 1 });

		const { items, error } = await vumi.run({ resource: 'optOut', operation: 'count' });

		expect(error).toBeUndefined();
		expect(vumi.requests()).toHaveLength(2);
		expect(items[0].json.count).toBe(vumiGoSeed.optedOutMsisdns.length);
	});
});
