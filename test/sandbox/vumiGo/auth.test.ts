import axios from 'axios';

import { vumiGoSeed } from '../../../sandbox';
import { useVumiGoSandbox } from './harness';

describe('Vumi Go emulator authentication', () => {
	const h = useVumiGoSandbox();
	const send = { to_addr: '+27710000001', content: 'hi' };

	it('serves the account APIs at <url> = /api/v1/go with the Bearer token', async () => {
		expect(h.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/go$/);
		expect(h.emulator.httpApiUrl).toBe(`${h.emulator.url}/http_api_nostream`);
		const response = await h.api.get('/optouts/count');
		expect(response.status).toBe(200);
		expect(h.emulator.requests[0].headers.authorization).toBe('Bearer sandbox-vumi-token');
	});

	it('answers 401 without a token and 403 with an unknown one, on every Bearer API', async () => {
		for (const path of ['/contacts/', '/groups/', '/optouts/count', '/metrics/?m=a.sum']) {
			const missing = await h.anonymous.get(path);
			expect(missing.status).toBe(401);
			expect(missing.data).toEqual({ status_code: 401, reason: expect.any(String) });
			const wrong = await h.anonymous.get(path, { headers: { authorization: 'Bearer nope' } });
			expect(wrong.status).toBe(403);
		}
		const rpc = await h.anonymous.post('/api/', { method: 'campaigns', params: [], id: 1 });
		expect(rpc.status).toBe(401);
	});

	it('takes Basic account key : conversation token on the conversation HTTP API', async () => {
		const response = await h.httpApi.put(`/${vumiGoSeed.conversationKeys.sms}/messages.json`, send);
		expect(response.status).toBe(200);
		expect(h.emulator.requests[0].headers.authorization).toBe(
			`Basic ${Buffer.from('sandbox-account:sandbox-conv-token').toString('base64')}`,
		);
	});

	it.each([
		['a wrong token', 'sandbox-account', 'wrong', vumiGoSeed.conversationKeys.sms],
		['a wrong account key', 'someone-else', 'sandbox-conv-token', vumiGoSeed.conversationKeys.sms],
		[
			"another conversation's token",
			'sandbox-account',
			'sandbox-conv-token',
			vumiGoSeed.conversationKeys.ussd,
		],
		['a conversation without HTTP API', 'sandbox-account', 'sandbox-conv-token', 'conv-bulk-1'],
		['an unknown conversation', 'sandbox-account', 'sandbox-conv-token', 'conv-nope'],
	])('refuses %s with twisted 401, not JSON', async (_label, username, password, key) => {
		const response = await axios.put(`${h.emulator.httpApiUrl}/${key}/messages.json`, send, {
			auth: { username, password },
			validateStatus: () => true,
			responseType: 'text',
		});
		expect(response.status).toBe(401);
		expect(response.data).toBe('Unauthorized');
		expect(response.headers['content-type']).toBe('text/html');
		expect(response.headers['www-authenticate']).toMatch(/^basic realm=/);
		expect(h.emulator.state.outboundMessages).toHaveLength(0);
	});

	it('accepts the USSD conversation with its own token', async () => {
		const response = await axios.put(
			`${h.emulator.httpApiUrl}/${vumiGoSeed.conversationKeys.ussd}/messages.json`,
			{ ...send, session_event: 'new' },
			{ auth: { username: 'sandbox-account', password: 'sandbox-ussd-token' } },
		);
		expect(response.data).toMatchObject({ transport_type: 'ussd', session_event: 'new' });
	});

	it('does not need the Bearer token for the conversation API, nor accept it', async () => {
		const response = await h.api.put(`/http_api_nostream/conv-sms-1/messages.json`, send);
		expect(response.status).toBe(401);
	});

	it('never shows a credential in the state dump', async () => {
		await h.emulator.configureConversation('conv-sms-1', {
			push_message_url: 'http://hook-user:hook-secret@127.0.0.1:9/hook',
		});
		const state = JSON.stringify((await h.control.get('/__sandbox/state')).data);
		for (const secret of ['sandbox-vumi-token', 'sandbox-conv-token', 'hook-secret'])
			expect(state).not.toContain(secret);
	});
});
