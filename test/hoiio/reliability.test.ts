import { hoiioSeed } from '../../sandbox';
import { describeHoiioStatus } from '../../nodes/Hoiio/api';
import { useHoiio } from './useHoiio';

const hoiio = useHoiio();

const send = { resource: 'sms', operation: 'send', to: '+6591234567', message: 'Hi' };

describe('Hoiio → errors inside HTTP 200', () => {
	test('insufficient credit becomes a NodeApiError with a plain sentence and the status code', async () => {
		hoiio.emulator().setBalance(0);
		const { error } = await hoiio.run(send);

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'Hoiio: the account does not have enough credit: top it up in Hoiio',
		);
		expect(error?.description).toBe(
			'Hoiio reported the failure inside an HTTP 200 response (error_insufficient_credit).',
		);
	});

	test('a wrong access token is reported without the token anywhere in the error', async () => {
		const { error } = await hoiio.run(send, { accessToken: 'wrong-secret-token-123' });

		expect(error?.message).toBe('Hoiio: the access token is not valid: check the Hoiio credential');
		expect(
			JSON.stringify({ ...error, message: error?.message, description: error?.description }),
		).not.toContain('wrong-secret-token-123');
	});

	test('with Continue On Fail, a failed item becomes an error item and the next item still runs', async () => {
		const { items, error } = await hoiio.run(
			{ resource: 'sms', operation: 'getStatus', txnRef: '={{ $json.ref }}' },
			{ items: [{ ref: 'AA-S-1' }, { ref: hoiioSeed.firstSmsRef }], continueOnFail: true },
		);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ error: 'Hoiio: no transaction has this reference' });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.txn_ref).toBe(hoiioSeed.firstSmsRef);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('Hoiio → rate limiting', () => {
	test('error_rate_limit_exceeded is retried like a 429, even for a send (nothing was sent)', async () => {
		hoiio.emulator().forceRateLimit(2);
		const { items, error } = await hoiio.run(send);

		expect(error).toBeUndefined();
		expect(hoiio.requests()).toHaveLength(3);
		expect(items[0].json.txn_ref).toEqual(expect.any(String));
		expect(hoiio.state().sms.filter((sms) => sms.msg === 'Hi')).toHaveLength(1);
	});

	test('when retries run out the rate limit is reported', async () => {
		hoiio.emulator().forceRateLimit(5);
		const { error } = await hoiio.run({ ...send, requestOptions: { maxRetries: 1 } });

		expect(hoiio.requests()).toHaveLength(2);
		expect(error?.message).toBe(
			'Hoiio: too many requests: Hoiio is rate limiting this application',
		);
	});
});

describe('Hoiio status → message', () => {
	test.each([
		['error_insufficient_credit', 'the account does not have enough credit: top it up in Hoiio'],
		['error_rate_limit_exceeded', 'too many requests: Hoiio is rate limiting this application'],
		['error_dest_invalid', 'the destination number is not valid'],
		['error_session_ended', 'the IVR call of this session has already ended'],
		['error_msg_param_missing', 'the required parameter "msg" is missing'],
		['error_state_invalid', 'the parameter "state" is not valid'],
		['error_something_new', 'the request failed (something new)'],
	])('%s reads "%s"', (status, message) => {
		expect(describeHoiioStatus(status)).toBe(message);
	});
});
