import { vumiGoSeed } from '../../sandbox';
import { loadOptions } from '../harness/n8n';
import { VUMI_API, useVumiGo } from './useVumiGo';

const vumi = useVumiGo();
const campaignKey = vumiGoSeed.campaignKey;

describe('Vumi Go → account API (JSON-RPC)', () => {
	test('Campaign → Get Many calls the campaigns method with no params', async () => {
		const { items, error } = await vumi.run({
			resource: 'campaign',
			operation: 'getAll',
			returnAll: true,
		});

		expect(error).toBeUndefined();
		const request = vumi.lastRequest();
		expect(request.method).toBe('POST');
		expect(request.pathname).toBe(`${VUMI_API}/api/`);
		expect(request.headers.authorization).toBe('Bearer sandbox-vumi-token');
		expect(request.body).toEqual({ jsonrpc: '2.0', id: 0, method: 'campaigns', params: [] });
		expect(items.map((item) => item.json)).toEqual(vumi.state().campaigns);
	});

	test.each([
		['conversation', 'conversations'],
		['channel', 'channels'],
		['router', 'routers'],
		['routingEntry', 'routing_entries'],
	])('%s → Get Many calls %s with the campaign key', async (resource, method) => {
		const { items, error } = await vumi.run({
			resource,
			operation: 'getAll',
			campaignKey,
			returnAll: true,
		});

		expect(error).toBeUndefined();
		expect(vumi.rpcCalls()).toEqual([{ jsonrpc: '2.0', id: 0, method, params: [campaignKey] }]);
		expect(items.length).toBeGreaterThan(0);
		if (resource === 'conversation')
			expect(items.map((item) => item.json.uuid)).toEqual(
				expect.arrayContaining(Object.values(vumiGoSeed.conversationKeys)),
			);
		if (resource === 'routingEntry')
			expect(items).toHaveLength(vumi.state().routingTables[campaignKey].length);
	});

	test('Get Many with a Limit returns only that many records', async () => {
		const { items } = await vumi.run({
			resource: 'conversation',
			operation: 'getAll',
			campaignKey,
			returnAll: false,
			limit: 2,
		});

		expect(items).toHaveLength(2);
	});

	test('Routing Entry → Get Many can keep only the entries of one conversation', async () => {
		const key = vumiGoSeed.conversationKeys.ussd;
		const { items } = await vumi.run({
			resource: 'routingEntry',
			operation: 'getAll',
			campaignKey,
			returnAll: true,
			filters: { conversationKey: key },
		});

		expect(items).toHaveLength(2);
		for (const item of items) {
			const { source, target } = item.json as {
				source: { uuid: string };
				target: { uuid: string };
			};
			expect(`${source.uuid} ${target.uuid}`).toContain(`:${key}:`);
		}
	});

	test('Routing Table → Get returns the whole table', async () => {
		const { items } = await vumi.run({ resource: 'routingTable', operation: 'get', campaignKey });

		expect(vumi.rpcCalls()[0]).toMatchObject({ method: 'routing_table', params: [campaignKey] });
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0].json).sort()).toEqual(
			['channels', 'conversations', 'routers', 'routing_entries'].sort(),
		);
	});

	test('Routing Table → Update sends the table it was given, as read back by Get', async () => {
		const { items: read } = await vumi.run({
			resource: 'routingTable',
			operation: 'get',
			campaignKey,
		});
		const table = read[0].json as { routing_entries: unknown[] };
		const fewer = { ...table, routing_entries: table.routing_entries.slice(0, 2) };

		const { items, error } = await vumi.run({
			resource: 'routingTable',
			operation: 'update',
			campaignKey,
			routingTable: JSON.stringify(fewer),
		});

		expect(error).toBeUndefined();
		expect(vumi.rpcCalls().at(-1)).toEqual({
			jsonrpc: '2.0',
			id: 0,
			method: 'update_routing_table',
			params: [campaignKey, fewer],
		});
		expect(items[0].json).toMatchObject({ success: true, campaignKey });
		expect(vumi.state().routingTables[campaignKey]).toHaveLength(2);
	});

	test('Routing Table → Update refuses a table without its parts, before sending anything', async () => {
		const { error } = await vumi.run({
			resource: 'routingTable',
			operation: 'update',
			campaignKey,
			routingTable: '{"routing_entries": [{"source": {"uuid": "a"}}]}',
		});

		expect(error?.message).toBe(
			'Item 0: "Routing Table (JSON)" must have a list under "channels", "routers", "conversations" (use [] for none)',
		);
		expect(vumi.requests()).toHaveLength(0);
	});

	test('Routing Table → Update refuses an entry without a target', async () => {
		const { error } = await vumi.run({
			resource: 'routingTable',
			operation: 'update',
			campaignKey,
			routingTable: {
				channels: [],
				routers: [],
				conversations: [],
				routing_entries: [{ source: { uuid: 'a' }, target: {} }],
			},
		});

		expect(error?.message).toBe(
			'Item 0: "Routing Table (JSON)" has a routing entry at position 0 without source.uuid and target.uuid',
		);
		expect(vumi.requests()).toHaveLength(0);
	});

	test("a JSON-RPC fault inside an HTTP 200 is a NodeApiError with the fault's text", async () => {
		const { items: read } = await vumi.run({
			resource: 'routingTable',
			operation: 'get',
			campaignKey,
		});
		const table = read[0].json as Record<string, unknown>;
		const broken = {
			...table,
			routing_entries: [{ source: { uuid: 'NO:SUCH:ENDPOINT::default' }, target: { uuid: 'X' } }],
		};

		const { error } = await vumi.run({
			resource: 'routingTable',
			operation: 'update',
			campaignKey,
			routingTable: broken,
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^Vumi Go: .*NO:SUCH:ENDPOINT/);
		const last = vumi.lastRequest();
		expect(last.body).toMatchObject({ method: 'update_routing_table' });
		expect(error?.description).toContain('inside an HTTP 200 response');
	});

	test('the campaign and conversation dropdowns are filled from the account API', async () => {
		const campaigns = await loadOptions({
			node: 'vumiGo',
			method: 'getCampaigns',
			parameters: { resource: 'conversation', operation: 'getAll' },
			credentials: vumi.credentials(),
		});
		expect(campaigns).toEqual([
			{ name: 'Your Campaign', value: campaignKey, description: campaignKey },
		]);

		const conversations = await loadOptions({
			node: 'vumiGo',
			method: 'getConversations',
			parameters: { resource: 'routingEntry', operation: 'getAll', campaignKey },
			credentials: vumi.credentials(),
		});
		expect(conversations.map((option) => option.value).sort()).toEqual(
			Object.values(vumiGoSeed.conversationKeys).sort(),
		);
		expect(conversations.map((option) => option.name)).toContain('SMS Helpdesk');
	});
});
