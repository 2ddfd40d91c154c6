import { vumiGoSeed } from '../../../sandbox';
import { useVumiGoSandbox } from './harness';

const campaign = vumiGoSeed.campaignKey;
const sms = 'TRANSPORT_TAG:sandbox_sms:27110001234::default';
const ussd = 'TRANSPORT_TAG:sandbox_ussd:*120*1234#::default';
const twitter = 'TRANSPORT_TAG:sandbox_twitter:@sandbox_go::default';
const helpdesk = 'CONVERSATION:http_api:conv-sms-1::default';
const survey = 'CONVERSATION:http_api:conv-ussd-1::default';
const routerIn = 'ROUTER:keyword:router-keyword-1:INBOUND::default';

describe('Vumi Go emulator: JSON-RPC account API', () => {
	const h = useVumiGoSandbox();

	it('lists the one campaign, keyed by the account, in a JSON-RPC envelope echoing the id', async () => {
		const response = await h.api.post('/api/', {
			jsonrpc: '2.0',
			method: 'campaigns',
			params: [],
			id: 7,
		});
		expect(response.status).toBe(200);
		expect(response.data).toEqual({
			result: [{ key: 'sandbox-account', name: 'Your Campaign' }],
			error: null,
			id: 7,
		});
	});

	it('lists conversations with their endpoints', async () => {
		const { result } = await h.rpc('conversations', [campaign]);
		expect(result).toHaveLength(3);
		expect((result as unknown[])[0]).toEqual({
			uuid: 'conv-sms-1',
			type: 'http_api',
			name: 'SMS Helpdesk',
			status: 'running',
			description: 'Two-way SMS over the HTTP API',
			endpoints: [{ uuid: helpdesk, name: 'default' }],
		});
		expect((result as { type: string }[]).map((conversation) => conversation.type)).toEqual([
			'http_api',
			'http_api',
			'bulk_message',
		]);
	});

	it('lists channels as tags with a titled pool description', async () => {
		const { result } = await h.rpc('channels', [campaign]);
		expect((result as unknown[])[0]).toEqual({
			uuid: 'sandbox_sms:27110001234',
			tag: ['sandbox_sms', '27110001234'],
			name: '27110001234',
			description: 'Sandbox Sms: 27110001234',
			endpoints: [{ uuid: sms, name: 'default' }],
		});
		expect(result).toHaveLength(3);
	});

	it('lists routers with channel and conversation endpoints', async () => {
		const { result } = await h.rpc('routers', [campaign]);
		expect(result).toEqual([
			expect.objectContaining({
				uuid: 'router-keyword-1',
				type: 'keyword',
				channel_endpoints: [{ uuid: routerIn, name: 'default' }],
				conversation_endpoints: [
					{ uuid: 'ROUTER:keyword:router-keyword-1:OUTBOUND::default', name: 'default' },
					{ uuid: 'ROUTER:keyword:router-keyword-1:OUTBOUND::news', name: 'news' },
				],
			}),
		]);
	});

	it('returns routing entries and the whole routing table, consistent with each other', async () => {
		const entries = (await h.rpc('routing_entries', [campaign])).result as {
			source: { uuid: string };
			target: { uuid: string };
		}[];
		expect(entries).toHaveLength(8);
		expect(entries).toContainEqual({ source: { uuid: sms }, target: { uuid: routerIn } });
		expect(entries).toContainEqual({ source: { uuid: survey }, target: { uuid: ussd } });
		const table = (await h.rpc('routing_table', [campaign])).result as Record<string, unknown>;
		expect(Object.keys(table).sort()).toEqual([
			'channels',
			'conversations',
			'routers',
			'routing_entries',
		]);
		expect(table.routing_entries).toEqual(entries);
	});

	it('applies a valid routing table and answers null', async () => {
		const routing_entries = [
			{ source: { uuid: twitter }, target: { uuid: helpdesk } },
			{ source: { uuid: helpdesk }, target: { uuid: twitter } },
		];
		const table = (await h.rpc('routing_table', [campaign])).result as Record<string, unknown>;
		const response = await h.rpc('update_routing_table', [campaign, { ...table, routing_entries }]);
		expect(response).toEqual({ result: null, error: null, id: 1 });
		expect((await h.rpc('routing_entries', [campaign])).result).toEqual(routing_entries);
		expect(h.emulator.state.routingTables[campaign]).toEqual(routing_entries);
	});

	it('faults 400 on an unknown source endpoint, in HTTP 200, leaving the table alone', async () => {
		const response = await h.api.post('/api/', {
			jsonrpc: '2.0',
			method: 'update_routing_table',
			params: [
				campaign,
				{
					channels: [],
					routers: [],
					conversations: [],
					routing_entries: [{ source: { uuid: 'NOPE::default' }, target: { uuid: helpdesk } }],
				},
			],
			id: 3,
		});
		expect(response.status).toBe(200);
		expect(response.data).toEqual({
			result: null,
			error: {
				fault: 'Fault',
				faultCode: 400,
				faultString: "Unknown source endpoint {'uuid': 'NOPE::default'}",
			},
			id: 3,
		});
		expect(h.emulator.state.routingTables[campaign]).toHaveLength(8);
	});

	it('faults 400 on a link between two endpoints on the same side', async () => {
		const { error } = await h.rpc('update_routing_table', [
			campaign,
			{ routing_entries: [{ source: { uuid: sms }, target: { uuid: ussd } }] },
		]);
		expect(error).toMatchObject({
			faultCode: 400,
			faultString: `Source outbound-receiving endpoint {'uuid': '${sms}'} should link to an inbound-receiving endpoint but links to {'uuid': '${ussd}'}`,
		});
	});

	it('faults 400 on a malformed table', async () => {
		const { error } = await h.rpc('update_routing_table', [campaign, { routing_entries: [{}] }]);
		expect(error).toMatchObject({ faultCode: 400 });
	});

	it('faults 8001 on an unknown method and 8002 on wrong parameters', async () => {
		expect((await h.rpc('explode', [])).error).toEqual({
			fault: 'Fault',
			faultCode: 8001,
			faultString: 'no such function explode',
		});
		expect((await h.rpc('conversations', [])).error).toMatchObject({ faultCode: 8002 });
	});

	it('faults 8000 on anything but POST', async () => {
		const response = await h.api.get('/api/');
		expect(response.status).toBe(200);
		expect(response.data.error).toEqual({
			fault: 'Fault',
			faultCode: 8000,
			faultString: 'Only POST method supported',
		});
	});

	it('faults on a campaign key other than the caller account', async () => {
		const { result, error } = await h.rpc('channels', ['someone-else']);
		expect(result).toBeNull();
		expect(error).toMatchObject({
			faultCode: 400,
			faultString: "Unknown campaign key 'someone-else'",
		});
	});
});
