import { postWebhook, type WebhookOutcome } from '../core/webhook';
import type { HoiioDelivery } from './state';

/** Milliseconds before a simulated outcome happens, or 'manual': only `flush()` runs it. */
export type NotifyDelay = number | 'manual';

interface ScheduledTask {
	run: () => void;
	timer?: NodeJS.Timeout;
}

const deliveryTimeoutMs = 5000;
/**
 * Notifications on the wire at once; the rest wait their turn. A provider's callback queue sends a
 * bulk send's thousand reports over a few connections, not a thousand at the same moment.
 */
const maxConcurrentDeliveries = 8;

/**
 * The provider's asynchronous side: outcomes (an SMS delivered, a call ended, an IVR block played) run as tasks
 * after a delay, in the order scheduled, and their notifications are real HTTP POSTs, fire-and-forget.
 */
export class Notifier {
	/** Failures inside a task; a task never throws into a timer. */
	readonly taskErrors: string[] = [];
	private queue: ScheduledTask[] = [];
	private readonly inflight = new Set<Promise<void>>();
	private nextId = 1;
	private sending = 0;
	private readonly waitingTurn: Array<() => void> = [];

	constructor(
		public delay: NotifyDelay,
		private readonly deliveries: () => HoiioDelivery[],
	) {}

	schedule(run: () => void): void {
		const task: ScheduledTask = { run };
		if (this.delay !== 'manual') {
			task.timer = setTimeout(() => this.runThrough(task), this.delay);
			// Never hold a test runner open; a started server keeps a real process alive anyway.
			task.timer.unref();
		}
		this.queue.push(task);
	}

	/** Runs every task now, then waits for every notification, until nothing is left. */
	async flush(): Promise<void> {
		for (;;) {
			this.runDue(this.queue.length);
			if (this.inflight.size === 0) {
				if (this.queue.length === 0) return;
				continue;
			}
			await Promise.all([...this.inflight]);
		}
	}

	/** Drops tasks not yet run (reset, close); notifications already on the wire finish on their own. */
	cancel(): void {
		for (const task of this.queue) clearTimeout(task.timer);
		this.queue = [];
	}

	get pendingTasks(): number {
		return this.queue.length;
	}

	/**
	 * POSTs `params` to `url` in both the query string and a form body
	 * (docs/wire-formats/hoiio.md#inbound-notifications: Hoiio's docs say query string, the PHP SDK reads the
	 * body). Pass-through parameters already in the URL are kept.
	 */
	post(url: string, event: string, params: Record<string, string>): HoiioDelivery {
		const delivery: HoiioDelivery = {
			id: this.nextId++,
			event,
			url,
			params,
			sentAt: new Date().toISOString(),
		};
		this.deliveries().push(delivery);
		const promise = this.inTurn(() => send(url, params)).then((outcome) => {
			if ('status' in outcome) delivery.status = outcome.status;
			else delivery.error = outcome.error;
		});
		this.inflight.add(promise);
		void promise.finally(() => this.inflight.delete(promise));
		return delivery;
	}

	/** Runs `work` once fewer than `maxConcurrentDeliveries` notifications are on the wire. */
	private async inTurn<T>(work: () => Promise<T>): Promise<T> {
		if (this.sending >= maxConcurrentDeliveries)
			await new Promise<void>((resolve) => this.waitingTurn.push(resolve));
		this.sending++;
		try {
			return await work();
		} finally {
			this.sending--;
			this.waitingTurn.shift()?.();
		}
	}

	/** A timer fired: run its task and any scheduled before it, so order holds whatever the delays. */
	private runThrough(task: ScheduledTask): void {
		const index = this.queue.indexOf(task);
		if (index !== -1) this.runDue(index + 1);
	}

	private runDue(count: number): void {
		const due = this.queue.splice(0, count);
		for (const task of due) {
			clearTimeout(task.timer);
			try {
				task.run();
			} catch (error) {
				this.taskErrors.push((error as Error).message);
			}
		}
	}
}

function send(url: string, params: Record<string, string>): Promise<WebhookOutcome> {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return Promise.resolve({ error: `Invalid URL: ${url}` });
	}
	for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
	return postWebhook(target, {
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			'user-agent': 'Hoiio-Sandbox/1.0',
		},
		body: new URLSearchParams(params).toString(),
		timeoutMs: deliveryTimeoutMs,
		timeoutMessage: 'Notification timed out',
	});
}
