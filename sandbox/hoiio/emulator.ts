import { HttpEmulator } from '../core/http-emulator';
import type { EmulatorResponse, RecordedRequest } from '../core/types';
import { handleHoiioControl, hoiioControlPrefix } from './control';
import {
	incomingCall,
	incomingFax,
	incomingSms,
	type IncomingCallInput,
	type IncomingFaxInput,
	type IncomingSmsInput,
} from './inbound';
import { Notifier, type NotifyDelay } from './notifier';
import { registerHoiioRoutes } from './routes';
import type { HoiioEvents, HoiioHandler } from './routes/context';
import { hoiioSeed, seedHoiioState, type HoiioDelivery, type HoiioState } from './state';
import {
	fail,
	HoiioStatusError,
	phone,
	requestParams,
	round,
	statusResponse,
	text,
	type Params,
} from './wire';

export interface HoiioEmulatorOptions {
	/** Default `sandbox-hoiio-app`. */
	appId?: string;
	/** Default `sandbox-hoiio-token`. */
	accessToken?: string;
	/** Clock for new records; default the real time. */
	now?: () => Date;
	/**
	 * Delay before simulated outcomes (SMS delivered, call ended, IVR block played) and their notifications;
	 * 'manual' runs them only on `flushNotifications()`. Default 5 ms.
	 */
	notifyDelayMs?: NotifyDelay;
}

export const defaultHoiioAppId = hoiioSeed.appId;
export const defaultHoiioAccessToken = hoiioSeed.accessToken;
export const defaultHoiioNotifyDelayMs = 5;

/**
 * Hoiio Open API (docs/wire-formats/hoiio.md), at `<url>` = `http://host:port/open`; endpoints
 * `<url>/<category>/<action>`.
 */
export class HoiioEmulator extends HttpEmulator<HoiioState> {
	protected readonly basePath = '/open';
	readonly appId: string;
	readonly accessToken: string;
	private readonly clock: () => Date;
	private readonly notifier: Notifier;
	private readonly events: HoiioEvents;

	constructor(options: HoiioEmulatorOptions = {}) {
		super();
		this.appId = options.appId ?? defaultHoiioAppId;
		this.accessToken = options.accessToken ?? defaultHoiioAccessToken;
		this.clock = options.now ?? (() => new Date());
		this.notifier = new Notifier(
			options.notifyDelayMs ?? defaultHoiioNotifyDelayMs,
			() => this.state.deliveries,
		);
		this.events = {
			later: (task) => this.notifier.schedule(task),
			notify: (url, event, params) => {
				if (!url) return;
				const fields: Record<string, string> = {};
				for (const [name, value] of Object.entries(params))
					if (value !== undefined && value !== '') fields[name] = value;
				this.notifier.post(url, event, fields);
			},
			now: () => this.clock(),
			origin: () => new URL(this.url).origin,
		};
		registerHoiioRoutes({
			add: (path, handler) => {
				// The API takes GET and POST alike (docs/wire-formats/hoiio.md#transport-and-auth).
				for (const method of ['GET', 'POST'])
					this.routes.add(method, `/${path}`, (request) => this.handle(request, handler));
			},
		});
	}

	override describe(): Record<string, string> {
		return { 'App ID': this.appId, 'Access token': this.accessToken };
	}

	/** Also drops outcomes not yet simulated, so nothing from an earlier test lands in the next one. */
	override reset(): void {
		this.notifier.cancel();
		super.reset();
	}

	override async close(): Promise<void> {
		this.notifier.cancel();
		await super.close();
	}

	// ---- Test controls (also reachable over HTTP under /__sandbox/hoiio/) ----

	/** Runs every pending outcome now and waits until every notification got its answer (or failed). */
	flushNotifications(): Promise<void> {
		return this.notifier.flush();
	}

	get notifyDelayMs(): NotifyDelay {
		return this.notifier.delay;
	}

	/** Applies to outcomes scheduled from now on. */
	setNotifyDelay(delay: NotifyDelay): void {
		if (delay !== 'manual' && (!Number.isFinite(delay) || delay < 0))
			throw new Error('notifyDelayMs must be a number >= 0 or "manual"');
		this.notifier.delay = delay;
	}

	get deliveries(): HoiioDelivery[] {
		return this.state.deliveries;
	}

	/** Sets the credit (bonus 0 unless given); 0 makes chargeable calls answer `error_insufficient_credit`. */
	setBalance(points: number, bonus = 0): void {
		if (!Number.isFinite(points) || !Number.isFinite(bonus))
			throw new Error('balance must be a number');
		this.state.balance = { points: round(points), bonus: round(bonus) };
	}

	/** The next `times` authenticated calls answer `error_rate_limit_exceeded`. */
	forceRateLimit(times = 1): void {
		if (!Number.isInteger(times) || times < 0) throw new Error('times must be an integer >= 0');
		this.state.rateLimitRemaining = times;
	}

	/** SMS to it fail, calls to it are unanswered, faxes to it fail (one is seeded: +6599990000). */
	markUnreachable(number: string): void {
		const normalized = phone(number);
		if (!this.state.unreachable.includes(normalized)) this.state.unreachable.push(normalized);
	}

	/** Digits the next gathers of this IVR session report (default '1'). */
	queueGatherDigits(session: string, ...digits: string[]): void {
		const found = this.state.ivrSessions.find((entry) => entry.session === session);
		if (!found) throw new Error(`Unknown IVR session ${session}`);
		found.gatherDigits.push(...digits);
	}

	simulateIncomingSms(input: IncomingSmsInput) {
		return incomingSms(this.state, this.events, input);
	}

	simulateIncomingCall(input: IncomingCallInput) {
		return incomingCall(this.state, this.events, input);
	}

	simulateIncomingFax(input: IncomingFaxInput) {
		return incomingFax(this.state, this.events, input);
	}

	/** The PDF bytes of a sent or received fax. */
	faxPdf(txnRef: string): Buffer | undefined {
		return this.state.faxFiles.get(txnRef);
	}

	// ---- Plumbing ----

	protected seedState(): HoiioState {
		return seedHoiioState();
	}

	/** For handler failures and injected status faults; Hoiio's own errors never leave HTTP 200. */
	protected errorBody(status: number): unknown {
		if (status === 429) return { status: 'error_rate_limit_exceeded' };
		if (status === 401 || status === 403) return { status: 'error_invalid_access_token' };
		if (status === 400) return { status: 'error_malformed_params' };
		if (status === 404) return { status: 'error_not_found' };
		if (status === 405) return { status: 'error_invalid_http_method' };
		if (status === 503) return { status: 'error_service_not_available' };
		return { status: 'error_internal_server_error' };
	}

	/** Only GET and POST exist; another method is a documented status inside a 200, like every Hoiio error. */
	protected override async dispatch(request: RecordedRequest): Promise<EmulatorResponse> {
		const response = await super.dispatch(request);
		return response.status === 405 ? statusResponse('error_invalid_http_method') : response;
	}

	protected override handleProviderControl(
		request: RecordedRequest,
	): EmulatorResponse | undefined | Promise<EmulatorResponse | undefined> {
		const inside =
			request.pathname === hoiioControlPrefix ||
			request.pathname.startsWith(`${hoiioControlPrefix}/`);
		return inside ? handleHoiioControl(this, request) : undefined;
	}

	private handle(request: RecordedRequest, handler: HoiioHandler): EmulatorResponse {
		const params = requestParams(request);
		try {
			this.authenticate(params);
			if (this.state.rateLimitRemaining > 0) {
				this.state.rateLimitRemaining -= 1;
				throw fail('error_rate_limit_exceeded');
			}
			return handler({
				request,
				params,
				state: this.state,
				now: this.clock(),
				events: this.events,
			});
		} catch (error) {
			if (error instanceof HoiioStatusError) return statusResponse(error.status);
			throw error;
		}
	}

	/**
	 * `app_id` and `access_token` are plain request parameters (docs/wire-formats/hoiio.md#transport-and-auth);
	 * no header is read.
	 */
	private authenticate(params: Params): void {
		const appId = text(params, 'app_id');
		const accessToken = text(params, 'access_token');
		if (appId === undefined) throw fail('error_app_id_param_missing');
		if (accessToken === undefined) throw fail('error_access_token_param_missing');
		if (appId !== this.appId) throw fail('error_invalid_app_id');
		if (accessToken !== this.accessToken) throw fail('error_invalid_access_token');
	}
}
