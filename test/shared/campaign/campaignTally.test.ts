import { CampaignTally, costOf, previewMessage } from '../../../nodes/shared/campaign';

const sgdPerSms = { amount: 0.02, currency: 'SGD' };

describe('costOf', () => {
	test('multiplies the rate per segment by the segments', () => {
		expect(costOf(sgdPerSms, 3)).toEqual({ amount: 0.06, currency: 'SGD' });
		expect(costOf({ amount: 0.0035, currency: 'USD' }, 3)).toEqual({
			amount: 0.0105,
			currency: 'USD',
		});
	});

	test('has no cost without a rate', () => {
		expect(costOf(undefined, 2)).toBeUndefined();
		expect(costOf({ amount: Number.NaN, currency: 'SGD' }, 2)).toBeUndefined();
	});
});

describe('CampaignTally', () => {
	test('a dry run counts what would happen, the segments and the estimated cost', () => {
		const tally = new CampaignTally(true);
		const { segments } = previewMessage('x'.repeat(200));
		for (let index = 0; index < 3; index++)
			tally.add({ status: 'would send', segments, cost: costOf(sgdPerSms, segments) });
		tally.add({ status: 'skipped' });
		tally.add({ status: 'deferred' });
		tally.add({ status: 'deferred' });

		expect(tally.count('would send')).toBe(3);
		expect(tally.recipients).toBe(6);
		expect(tally.segments).toBe(6);
		expect(tally.costTotals).toEqual([{ currency: 'SGD', amount: 0.12 }]);
		expect(tally.executionHint()).toEqual({
			message:
				'Dry run: 3 would send, 1 skipped, 2 deferred; 6 SMS segments; estimated cost SGD 0.12',
			type: 'info',
			location: 'outputPane',
		});
	});

	test('keeps a total per currency and says how many recipients had no rate', () => {
		const tally = new CampaignTally(true);
		tally.add({ status: 'would send', segments: 2, cost: costOf(sgdPerSms, 2) });
		tally.add({
			status: 'would send',
			segments: 1,
			cost: costOf({ amount: 0.0075, currency: 'USD' }, 1),
		});
		tally.add({ status: 'would send', segments: 1 });

		expect(tally.summary()).toBe(
			'Dry run: 3 would send; 4 SMS segments; estimated cost SGD 0.04 + USD 0.0075 for 2 of 3 recipients (no rate for the others)',
		);
	});

	test('sums many small rates without floating-point dust', () => {
		const tally = new CampaignTally(true);
		for (let index = 0; index < 2000; index++)
			tally.add({
				status: 'would send',
				segments: 1,
				cost: costOf({ amount: 0.01, currency: 'SGD' }, 1),
			});
		expect(tally.costTotals).toEqual([{ currency: 'SGD', amount: 20 }]);
		expect(tally.summary()).toBe(
			'Dry run: 2,000 would send; 2,000 SMS segments; estimated cost SGD 20.00',
		);
	});

	test('a real run with a failure is a warning, and counts only the segments sent', () => {
		const tally = new CampaignTally();
		tally.add({ status: 'sent', segments: 2 });
		tally.add({ status: 'failed', segments: 2 });
		tally.add({ status: 'deferred', segments: 2 });

		expect(tally.executionHint()).toEqual({
			message: 'Recipients: 1 sent, 1 deferred, 1 failed; 2 SMS segments',
			type: 'warning',
			location: 'outputPane',
		});
	});

	test('a currency that is not an ISO code is shown as the provider wrote it', () => {
		const tally = new CampaignTally();
		tally.add({ status: 'sent', segments: 1, cost: { amount: 5, currency: 'credits' } });
		expect(tally.summary()).toBe('Recipients: 1 sent; 1 SMS segment; cost credits 5');
	});

	test('an empty run says so', () => {
		expect(new CampaignTally().summary()).toBe('Recipients: no recipients');
	});
});
