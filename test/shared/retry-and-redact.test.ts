import { redactText, redactValue } from '../../nodes/shared/redact';
import { backoffDelay, parseRetryAfter, requestNeverSent } from '../../nodes/shared/retry';

describe('parseRetryAfter', () => {
	test('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(['1.5'])).toBe(1500);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
	});

	test('ignores what it cannot read', () => {
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter('')).toBeUndefined();
	});
});

test('backoff doubles per attempt within a jitter band and is capped', () => {
	expect(backoffDelay(0, () => 0.5)).toBe(1000);
	expect(backoffDelay(2, () => 0)).toBe(3200);
	expect(backoffDelay(20, () => 1)).toBe(36000);
});

test('only errors raised before a request left the machine count as never sent', () => {
	expect(requestNeverSent('ECONNREFUSED')).toBe(true);
	expect(requestNeverSent('ECONNRESET')).toBe(false);
	expect(requestNeverSent(undefined)).toBe(false);
});

describe('redaction', () => {
	test('removes known secrets, key parameters and authorization headers', () => {
		const text =
			'GET /x?apikey=abc123&x=1 access_token=tok-9 Authorization: Bearer eyJhbGciOi.xyz secret-value';
		expect(redactText(text, ['secret-value'])).toBe(
			'GET /x?apikey=[redacted]&x=1 access_token=[redacted] Authorization: Bearer [redacted] [redacted]',
		);
	});

	test('walks nested values', () => {
		expect(
			redactValue({ a: ['my-key-1234'], b: { c: 'x my-key-1234 y' }, n: 1 }, ['my-key-1234']),
		).toEqual({
			a: ['[redacted]'],
			b: { c: 'x [redacted] y' },
			n: 1,
		});
	});
});
