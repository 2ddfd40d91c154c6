import type { EventBus } from './events';
import type { ScgMessage, ScgMessageRequest, ScgRecord, ScgState } from './state';
import { badRequest, ScgError } from './wire';

export interface ProgressSettings {
	/** When false, sends only move on `flush()`; default true. */
	autoProgress: boolean;
	/** Time between steps (queued → sent → delivery report); default 100 ms. */
	progressDelayMs: number;
}

interface Job {
	requestId: string;
	step: 'transmit' | 'deliver';
	dueAt: number;
	/** Waiting for `scheduled_delivery_time`: `flush()` leaves it alone unless asked. */
	scheduled: boolean;
	timer?: NodeJS.Timeout;
}

export interface MessagingHost {
	state(): ScgState;
	now(): number;
	events: EventBus;
}

const finalRequestStates = ['COMPLETED', 'CANCELED'];
/** setTimeout cannot wait longer than this; later scheduled sends wait for `flush({scheduled: true})`. */
const longestTimer = 2 ** 31 - 1;

/**
 * Message requests move PENDING (or SCHEDULED / PAUSED) → TRANSMITTING → COMPLETED once every message is
 * handed over; messages move PENDING → SENT, then DELIVERED (or FAILED for `state.failingAddresses`) one step
 * later. Every change emits an Event Manager event.
 */
export class Messaging {
	private jobs: Job[] = [];

	constructor(
		private readonly host: MessagingHost,
		readonly settings: ProgressSettings,
	) {}

	/** Starts a freshly created request on its way. */
	submit(request: ScgMessageRequest): void {
		if (request.state === 'SCHEDULED') {
			this.schedule(request.id, 'transmit', Number(request.scheduled_delivery_time), true);
		} else if (request.state === 'PENDING') {
			this.schedule(request.id, 'transmit', this.host.now() + this.settings.progressDelayMs, false);
		}
	}

	/** `POST /messaging/message_requests/{id}` with a `state`: CANCELED, PAUSED, or TRANSMITTING (resume). */
	changeState(request: ScgMessageRequest, wanted: string): void {
		if (wanted === request.state) return;
		if (finalRequestStates.includes(request.state))
			throw new ScgError(
				409,
				`Message request ${request.id} is ${request.state} and cannot become ${wanted}`,
				'INVALID_STATE_TRANSITION',
			);
		switch (wanted) {
			case 'CANCELED':
				return this.cancel(request);
			case 'PAUSED':
				if (request.state === 'TRANSMITTING') throw notNow(request, wanted);
				this.dropJobs(request.id, 'transmit');
				return this.setRequestState(request, 'PAUSED');
			case 'TRANSMITTING':
				this.dropJobs(request.id, 'transmit');
				this.setRequestState(request, 'TRANSMITTING');
				return this.schedule(
					request.id,
					'transmit',
					this.host.now() + this.settings.progressDelayMs,
					false,
				);
			default:
				throw badRequest(`state must be CANCELED, PAUSED or TRANSMITTING, not ${wanted}`);
		}
	}

	/**
	 * Runs every step that is due now, and the steps those schedule, until none is left; `scheduled: true`
	 * also releases sends waiting for a future `scheduled_delivery_time`.
	 */
	runDueJobs(options: { scheduled?: boolean } = {}): number {
		let ran = 0;
		for (;;) {
			const now = this.host.now();
			const next = this.jobs
				.filter((job) => !job.scheduled || options.scheduled || job.dueAt <= now)
				.sort((a, b) => a.dueAt - b.dueAt)[0];
			if (!next) return ran;
			this.run(next);
			ran++;
		}
	}

	get pendingJobs(): number {
		return this.jobs.length;
	}

	setAutoProgress(on: boolean): void {
		this.settings.autoProgress = on;
		for (const job of this.jobs) {
			clearTimeout(job.timer);
			job.timer = undefined;
			if (on) this.arm(job);
		}
	}

	clear(): void {
		for (const job of this.jobs) clearTimeout(job.timer);
		this.jobs = [];
	}

	private schedule(requestId: string, step: Job['step'], dueAt: number, scheduled: boolean): void {
		const job: Job = { requestId, step, dueAt, scheduled };
		this.jobs.push(job);
		if (this.settings.autoProgress) this.arm(job);
	}

	private arm(job: Job): void {
		const wait = Math.max(0, job.dueAt - this.host.now());
		if (wait > longestTimer) return;
		job.timer = setTimeout(() => this.run(job), wait);
		job.timer.unref();
	}

	private run(job: Job): void {
		if (!this.jobs.includes(job)) return;
		clearTimeout(job.timer);
		this.jobs = this.jobs.filter((candidate) => candidate !== job);
		const request = this.host
			.state()
			.messageRequests.find((candidate) => candidate.id === job.requestId);
		if (!request) return;
		if (job.step === 'transmit') this.transmit(request);
		else this.deliver(request);
	}

	private dropJobs(requestId: string, step: Job['step']): void {
		for (const job of this.jobs)
			if (job.requestId === requestId && job.step === step) clearTimeout(job.timer);
		this.jobs = this.jobs.filter((job) => job.requestId !== requestId || job.step !== step);
	}

	private messagesOf(request: ScgMessageRequest): ScgMessage[] {
		return this.host
			.state()
			.messages.filter((message) => message.message_request_id === request.id);
	}

	private transmit(request: ScgMessageRequest): void {
		if (!['PENDING', 'SCHEDULED', 'TRANSMITTING'].includes(request.state)) return;
		this.setRequestState(request, 'TRANSMITTING');
		const state = this.host.state();
		for (const message of this.messagesOf(request)) {
			if (message.state !== 'PENDING') continue;
			const now = this.host.now();
			message.sent_date = now;
			for (const fragment of fragments(message)) fragment.fragment_state = 'SENT';
			state.transmissions.push({
				message_id: message.id,
				message_request_id: request.id,
				from_address: message.from_address,
				to_address: message.to_address,
				type: message.type,
				body: message.body,
				sent_date: now,
			});
			request.sent_count++;
			this.setMessageState(request, message, 'SENT');
		}
		this.setRequestState(request, 'COMPLETED');
		this.schedule(request.id, 'deliver', this.host.now() + this.settings.progressDelayMs, false);
	}

	private deliver(request: ScgMessageRequest): void {
		const failing = this.host.state().failingAddresses;
		for (const message of this.messagesOf(request)) {
			if (message.state !== 'SENT') continue;
			const fails = failing.includes(message.to_address);
			if (fails) {
				message.failure_code = 4001;
				message.failure_details = 'Destination address unreachable';
				request.failed_count++;
			} else {
				message.delivered_date = this.host.now();
				request.delivered_count++;
			}
			for (const fragment of fragments(message))
				fragment.fragment_state = fails ? 'FAILED' : 'DELIVERED';
			this.setMessageState(request, message, fails ? 'FAILED' : 'DELIVERED');
		}
		touch(request, this.host.now());
	}

	private cancel(request: ScgMessageRequest): void {
		this.dropJobs(request.id, 'transmit');
		for (const message of this.messagesOf(request)) {
			if (message.state !== 'PENDING') continue;
			request.canceled_count++;
			this.setMessageState(request, message, 'CANCELED');
		}
		this.setRequestState(request, 'CANCELED');
	}

	private setRequestState(request: ScgMessageRequest, next: string): void {
		const previous = request.state;
		if (previous === next) return;
		request.state = next;
		touch(request, this.host.now());
		this.host.events.emit('message_request_state_change', {
			previous_state: previous,
			new_state: next,
			message_request_id: request.id,
			external_message_request_id: request.external_id ?? '',
			sender_id_id: this.sender(request)?.id ?? '',
			application_id: 1704,
			'company-id': 1500,
			recipient_count: request.recipient_count,
			sent_count: request.sent_count,
			delivered_count: request.delivered_count,
			failed_count: request.failed_count,
			canceled_count: request.canceled_count,
		});
	}

	private setMessageState(request: ScgMessageRequest, message: ScgMessage, next: string): void {
		const previous = message.state;
		message.state = next;
		touch(message, this.host.now());
		const sender = this.sender(request);
		this.host.events.emit('message_state_change', {
			...messageEventFields(message, sender),
			previous_state: previous,
			new_state: next,
			external_message_request_id: request.external_id ?? '',
			reason_code: next === 'FAILED' ? String(message.failure_code) : '200',
			reason_description:
				next === 'FAILED'
					? String(message.failure_details)
					: next === 'CANCELED'
						? 'CANCELED'
						: 'SUCCESS',
		});
	}

	private sender(request: ScgMessageRequest): ScgRecord | undefined {
		const id = request.sender_id_id;
		return this.host.state().senderIds.find((candidate) => candidate.id === id);
	}
}

/**
 * The `fld-val-list` fields every message event carries
 * (docs/wire-formats/syniverseScg.md#event-manager-webhooks).
 */
export function messageEventFields(
	message: ScgMessage,
	sender: ScgRecord | undefined,
): Record<string, unknown> {
	return {
		message_request_id: message.message_request_id ?? '',
		message_id: message.id,
		to_address: message.to_address,
		from_address: message.from_address,
		has_attachment: message.attachments.length > 0,
		attachment_ids: message.attachments.join(','),
		number_type: 'MOBILE',
		carrier_id: '310260',
		carrier_name: 'Sandbox Mobile',
		application_id: 1704,
		'company-id': 1500,
		sender_id_alias: sender?.name ?? '',
		sender_id_id: sender?.id ?? '',
		fragments_count: fragments(message).length || 1,
		mt_price: message.direction === 'MT' ? 0.0075 : 0.0,
		mo_price: message.direction === 'MO' ? 0.0075 : 0.0,
		message_body: message.body ?? '',
		message_body_truncated: false,
	};
}

function fragments(message: ScgMessage): Record<string, unknown>[] {
	return Array.isArray(message.fragments_info)
		? (message.fragments_info as Record<string, unknown>[])
		: [];
}

function touch(record: ScgRecord, now: number): void {
	record.last_update_date = now;
}

function notNow(request: ScgMessageRequest, wanted: string): ScgError {
	return new ScgError(
		409,
		`Message request ${request.id} is ${request.state} and cannot become ${wanted}`,
		'INVALID_STATE_TRANSITION',
	);
}
