import { RequestScheduler, mapConcurrent, schedulerFor } from '../../nodes/shared/throttle';

/** A clock that only moves when the scheduler waits, so spacing is measured exactly. */
function fakeClock() {
	let now = 0;
	const sent: number[] = [];
	return {
		now: () => now,
		wait: async (ms: number) => {
			now += ms;
		},
		send: () => sent.push(now),
		sent,
	};
}

describe('RequestScheduler', () => {
	test('spaces requests evenly at the rate limit', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler(4, clock.now, clock.wait);
		for (let i = 0; i < 5; i++) {
			const answered = await scheduler.acquire();
			clock.send();
			answered();
		}
		// The fifth waits one second (and a small margin) from the answer to the first.
		expect(clock.sent).toEqual([0, 250, 500, 750, 1010]);
	});

	test('never sends more than the limit within any second, and stays within 5% of it', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler(20, clock.now, clock.wait);
		for (let i = 0; i < 201; i++) {
			const answered = await scheduler.acquire();
			clock.send();
			answered();
		}
		for (let i = 0; i + 20 < clock.sent.length; i++) {
			expect(clock.sent[i + 20] - clock.sent[i]).toBeGreaterThanOrEqual(1010);
		}
		const rate = (200 * 1000) / clock.sent[200];
		expect(rate).toBeGreaterThan(19);
		expect(rate).toBeLessThanOrEqual(20);
	});

	test('a slow answer holds back the request a limit later: one second from the answer, not from the departure', async () => {
		let now = 0;
		const scheduler = new RequestScheduler(
			2,
			() => now,
			async (ms) => {
				now += ms;
			},
		);
		const first = await scheduler.acquire();
		const second = await scheduler.acquire();
		expect(now).toBe(500);
		second();
		let thirdWent: number | undefined;
		const third = scheduler.acquire().then((answered) => {
			thirdWent = now;
			return answered;
		});
		// The first request is still waiting for its answer (n8n or the network is slow): the third may
		// not go, even though its departure was more than a second ago.
		now = 1800;
		await Promise.resolve();
		expect(thirdWent).toBeUndefined();
		first();
		(await third)();
		expect(thirdWent).toBe(2810);
	});

	test('without a limit never waits', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler(undefined, clock.now, clock.wait);
		for (let i = 0; i < 3; i++) {
			await scheduler.acquire();
			clock.send();
		}
		expect(clock.sent).toEqual([0, 0, 0]);
	});

	test('a pause after a rate-limited answer holds back every later request', async () => {
		const clock = fakeClock();
		const scheduler = new RequestScheduler(10, clock.now, clock.wait);
		await scheduler.acquire();
		clock.send();
		scheduler.pauseFor(2000);
		await scheduler.acquire();
		clock.send();
		await scheduler.acquire();
		clock.send();
		expect(clock.sent).toEqual([0, 2000, 2100]);
	});

	test('the stricter of two limits wins for a shared scheduler', () => {
		const shared = schedulerFor('execution-1:hologramApi:1', 10);
		schedulerFor('execution-1:hologramApi:1', 2);
		schedulerFor('execution-1:hologramApi:1', 50);
		expect(shared.rate).toBe(2);
		expect(schedulerFor('execution-2:hologramApi:1', undefined)).not.toBe(shared);
	});
});

describe('mapConcurrent', () => {
	test('runs at most N tasks at once and keeps input order', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapConcurrent(10, 3, async (index) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((resolve) => setTimeout(resolve, (10 - index) * 2));
			running--;
			return index * 10;
		});
		expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
		expect(peak).toBe(3);
	});

	test('stops starting tasks after a failure and rethrows the lowest failed index', async () => {
		const started: number[] = [];
		await expect(
			mapConcurrent(20, 2, async (index) => {
				started.push(index);
				await new Promise((resolve) => setTimeout(resolve, 5));
				if (index === 3 || index === 2) throw new Error(`item ${index}`);
				return index;
			}),
		).rejects.toThrow('item 2');
		expect(started.length).toBeLessThan(20);
	});
});
