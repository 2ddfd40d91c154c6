import { defaultScgCredentials, scgSeed } from '../../sandbox';
import { listSearch, loadOptions } from '../harness/n8n';
import { SCG_API, useScg } from './useScg';

const scg = useScg();
const WRONG_TOKEN = 'canary-wrong-token-7f3e21';

function addContacts(count: number): void {
	const state = scg.state();
	const template = state.contacts[0];
	for (let index = 0; index < count; index++) {
		state.contacts.push({ ...template, id: `Page${String(index).padStart(18, '0')}` });
	}
}

describe('Syniverse SCG: pagination', () => {
	test('Return All pages with limit/offset until total is reached; the first page has no offset', async () => {
		addContacts(220);
		const total = scg.state().contacts.length;

		const { items } = await scg.run({ resource: 'contact', operation: 'getAll', returnAll: true });

		expect(items).toHaveLength(total);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(total);
		expect(scg.requests().map((request) => request.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', offset: '100' },
			{ limit: '100', offset: '200' },
		]);
	});

	test('a Limit stops fetching once it is reached', async () => {
		addContacts(220);

		const { items } = await scg.run({ resource: 'contact', operation: 'getAll', limit: 130 });

		expect(items).toHaveLength(130);
		expect(scg.requests().map((request) => request.query)).toEqual([
			{ limit: '100' },
			{ limit: '30', offset: '100' },
		]);
	});
});

describe('Syniverse SCG: token renewal', () => {
	test('an expired token is renewed with the consumer key and secret and the request repeated once', async () => {
		scg.emulator().expireToken();
		const { items, error, preAuthenticationCalls } = await scg.run({
			resource: 'senderId',
			operation: 'get',
			senderId: scgSeed.activeSenderId,
		});

		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(scgSeed.activeSenderId);
		expect(scg.emulator().tokenRefreshCount).toBe(1);
		expect(preAuthenticationCalls.map((call) => call.credentialsExpired)).toEqual([false, true]);
		const refresh = scg.requests().find((request) => request.pathname.includes('apptoken-refresh'));
		expect(refresh?.query).toMatchObject({
			consumerkey: defaultScgCredentials.consumerKey,
			consumersecret: defaultScgCredentials.consumerSecret,
			oldtoken: defaultScgCredentials.accessToken,
		});
		const last = scg.lastRequest();
		expect(last.headers.authorization).not.toBe(`Bearer ${defaultScgCredentials.accessToken}`);
	});

	test('the renewed token is used for the rest of the execution', async () => {
		scg.emulator().expireToken();
		const { error } = await scg.run(
			{ resource: 'senderId', operation: 'get', senderId: '={{ $json.id }}' },
			{ items: [{ id: scgSeed.activeSenderId }, { id: scgSeed.shortCodeSenderId }] },
		);

		expect(error).toBeUndefined();
		expect(scg.emulator().tokenRefreshCount).toBe(1);
		// Items run side by side, so both may meet the expired token; they share the one renewal,
		// and once renewed nothing goes out with the old token again.
		const tokens = scg
			.requests()
			.filter((request) => request.pathname.startsWith(SCG_API))
			.map((request) => request.headers.authorization);
		const expired = `Bearer ${defaultScgCredentials.accessToken}`;
		const firstRenewed = tokens.findIndex((token) => token !== expired);
		expect(firstRenewed).toBeGreaterThan(0);
		expect(tokens.slice(firstRenewed)).toEqual([tokens[firstRenewed], tokens[firstRenewed]]);
	});

	test('a renewed token SCG no longer knows falls back to the entered access token instead of failing for good', async () => {
		const { items, error } = await scg.run(
			{ resource: 'senderId', operation: 'get', senderId: scgSeed.activeSenderId },
			{ sessionToken: 'sandbox-scg-refreshed-forgotten' },
		);

		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(scgSeed.activeSenderId);
		const tokens = scg
			.requests()
			.filter((request) => request.pathname.startsWith(SCG_API))
			.map((request) => request.headers.authorization);
		expect(tokens).toEqual([
			'Bearer sandbox-scg-refreshed-forgotten',
			`Bearer ${defaultScgCredentials.accessToken}`,
		]);
		const refresh = scg.requests().find((request) => request.pathname.includes('apptoken-refresh'));
		expect(refresh?.query).toMatchObject({ oldtoken: 'sandbox-scg-refreshed-forgotten' });
	});

	test('without a consumer key the 401 reaches the user as a NodeApiError without the token', async () => {
		scg.emulator().expireToken();
		const { error } = await scg.run(
			{ resource: 'senderId', operation: 'get', senderId: scgSeed.activeSenderId },
			{ withoutKeys: true },
		);

		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('401');
		expect(error?.message).toMatch(/^Syniverse SCG: /);
		expect(JSON.stringify(error)).not.toContain(defaultScgCredentials.accessToken);
	});

	test("a wrong token is a 401 with SCG's message and never shows the token", async () => {
		const { error } = await scg.run(
			{ resource: 'contact', operation: 'get', contactId: scgSeed.contactIds[0] },
			{ accessToken: WRONG_TOKEN, withoutKeys: true },
		);

		expect(error?.httpCode).toBe('401');
		expect(error?.message).toBe('Syniverse SCG: Invalid access token');
		expect(JSON.stringify(error)).not.toContain(WRONG_TOKEN);
		expect(`${error?.message} ${error?.description}`).not.toContain(WRONG_TOKEN);
	});
});

describe('Syniverse SCG: errors', () => {
	test("an unknown ID is a 404 NodeApiError with SCG's message", async () => {
		const { error } = await scg.run({
			resource: 'contact',
			operation: 'get',
			contactId: 'NoSuchContact',
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toMatch(/^Syniverse SCG: .*NoSuchContact/);
	});

	test('continueOnFail outputs the error for the failed item and carries on', async () => {
		const { items, error } = await scg.run(
			{ resource: 'contact', operation: 'get', contactId: '={{ $json.id }}' },
			{ items: [{ id: 'NoSuchContact' }, { id: scgSeed.contactIds[0] }], continueOnFail: true },
		);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			error: expect.stringMatching(/NoSuchContact/),
			httpCode: '404',
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.id).toBe(scgSeed.contactIds[0]);
	});

	test('a 503 on a read is retried and then succeeds', async () => {
		scg.emulator().faults.inject({ type: 'status', status: 503, times: 1 });

		const { items, error } = await scg.run({
			resource: 'contact',
			operation: 'get',
			contactId: scgSeed.contactIds[0],
		});

		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(scgSeed.contactIds[0]);
		expect(scg.requests()).toHaveLength(2);
	});
});

describe('Syniverse SCG: dropdowns', () => {
	test('Sender lists the active sender IDs, then the channels as channel:<id>', async () => {
		const options = await loadOptions({
			node: 'syniverseScg',
			method: 'getSenders',
			credentials: scg.credentials(),
		});

		const values = options.map((option) => option.value);
		expect(values).toEqual(
			expect.arrayContaining([scgSeed.activeSenderId, `channel:${scgSeed.channelId}`]),
		);
		expect(values).not.toContain(scgSeed.inactiveSenderId);
		expect(scg.requests()[0].query).toMatchObject({ state: 'ACTIVE' });
	});

	test('Contact groups are listed by name (From List of Contact Group)', async () => {
		const { results } = await listSearch({
			node: 'syniverseScg',
			method: 'searchContactGroups',
			credentials: scg.credentials(),
		});

		expect(results.map((option) => option.value)).toEqual(
			expect.arrayContaining([scgSeed.groupId, scgSeed.emptyGroupId]),
		);
	});
});
