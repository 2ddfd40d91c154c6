/**
 * Hoiio's own control endpoints, under `/__sandbox/hoiio/` (no auth, never recorded): inject inbound traffic,
 * steer balance, rate limits and timing, and serve the files the emulator links to (fax_url, record_url).
 */
import { isRecord } from '../core/body';
import type { EmulatorResponse, RecordedRequest } from '../core/types';
import type { HoiioEmulator } from './emulator';
import type { NotifyDelay } from './notifier';

export const hoiioControlPrefix = '/__sandbox/hoiio';

function json(status: number, body: unknown): EmulatorResponse {
	return { status, body };
}

/** Query string and a JSON or form body, merged. */
function controlParams(request: RecordedRequest): Record<string, unknown> {
	const params: Record<string, unknown> = { ...request.query };
	if (isRecord(request.body)) Object.assign(params, request.body);
	return params;
}

function str(value: unknown, name: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
	throw new Error(`${name} is required`);
}

function num(value: unknown, name: string): number {
	const parsed = typeof value === 'number' ? value : Number(str(value, name));
	if (!Number.isFinite(parsed)) throw new Error(`${name} must be a number`);
	return parsed;
}

function optionalNum(value: unknown, name: string): number | undefined {
	return value === undefined || value === '' ? undefined : num(value, name);
}

/** A silent MP3 frame header is enough for a link that must resolve. */
const recordingBytes = Buffer.from('494433030000000000005449543200000006000000736f756e64', 'hex');

export async function handleHoiioControl(
	emulator: HoiioEmulator,
	request: RecordedRequest,
): Promise<EmulatorResponse> {
	const path = request.pathname.slice(hoiioControlPrefix.length).replace(/\/+$/, '');
	const params = controlParams(request);
	try {
		switch (`${request.method} ${path}`) {
			case 'POST /incoming-sms': {
				const records = emulator.simulateIncomingSms({
					from: str(params.from, 'from'),
					to: str(params.to, 'to'),
					msg: str(params.msg, 'msg'),
				});
				return json(201, { txn_refs: records.map((record) => record.txn_ref) });
			}
			case 'POST /incoming-call': {
				const session = emulator.simulateIncomingCall({
					from: str(params.from, 'from'),
					to: str(params.to, 'to'),
				});
				return json(201, {
					session: session.session,
					txn_ref: session.txn_ref,
					call_state: session.call_state,
				});
			}
			case 'POST /incoming-fax': {
				const fax = emulator.simulateIncomingFax({
					from: str(params.from, 'from'),
					to: str(params.to, 'to'),
					file: params.file === undefined ? undefined : str(params.file, 'file'),
					pages: optionalNum(params.pages, 'pages'),
				});
				return json(201, { txn_ref: fax.txn_ref, fax_pages: String(fax.fax_pages) });
			}
			case 'POST /gather-digits': {
				const digits = Array.isArray(params.digits)
					? params.digits.map((item) => str(item, 'digits'))
					: [str(params.digits, 'digits')];
				emulator.queueGatherDigits(str(params.session, 'session'), ...digits);
				return json(200, { queued: digits });
			}
			case 'POST /balance': {
				const points = num(params.points ?? params.balance, 'balance');
				emulator.setBalance(points, optionalNum(params.bonus, 'bonus') ?? 0);
				return json(200, emulator.state.balance);
			}
			case 'POST /rate-limit': {
				emulator.forceRateLimit(optionalNum(params.times, 'times') ?? 1);
				return json(200, { remaining: emulator.state.rateLimitRemaining });
			}
			case 'POST /unreachable': {
				emulator.markUnreachable(str(params.number, 'number'));
				return json(200, { unreachable: emulator.state.unreachable });
			}
			case 'POST /notify-delay': {
				const raw = params.ms ?? params.notifyDelayMs;
				const delay: NotifyDelay = raw === 'manual' ? 'manual' : num(raw, 'ms');
				emulator.setNotifyDelay(delay);
				return json(200, { notifyDelayMs: emulator.notifyDelayMs });
			}
			case 'POST /flush':
				await emulator.flushNotifications();
				return json(200, { deliveries: emulator.deliveries.length });
			case 'GET /deliveries':
				return json(200, emulator.deliveries);
		}
		if (request.method === 'GET') {
			const fax = /^\/faxes\/([^/]+)\.pdf$/.exec(path);
			if (fax) {
				const pdf = emulator.faxPdf(decodeURIComponent(fax[1]));
				if (!pdf) return json(404, { error: 'No such fax' });
				return { status: 200, rawBody: pdf, headers: { 'content-type': 'application/pdf' } };
			}
			if (/^\/recordings\/[^/]+\.mp3$/.test(path))
				return { status: 200, rawBody: recordingBytes, headers: { 'content-type': 'audio/mpeg' } };
		}
		return json(404, {
			error: `Unknown Hoiio sandbox control endpoint: ${request.method} ${path}`,
		});
	} catch (error) {
		return json(400, { error: (error as Error).message });
	}
}
