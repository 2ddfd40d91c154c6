import { faultFromJson, faultToJson, type FaultQueue } from './faults';
import type { EmulatorResponse, RecordedRequest } from './types';

export const controlPrefix = '/__sandbox/';

/** What the control endpoints need from an emulator. */
export interface Controllable {
	readonly requests: RecordedRequest[];
	readonly faults: FaultQueue;
	readonly state: unknown;
	reset(): void;
}

function json(status: number, body: unknown): EmulatorResponse {
	return { status, body };
}

/** `POST settings` for `POST <prefix>settings/`: the method and the path below the prefix, trailing slashes dropped. */
export function controlAction(request: RecordedRequest, prefix: string): string {
	return `${request.method} ${request.pathname.slice(prefix.length).replace(/\/+$/, '')}`;
}

/** Raw bodies travel as text (and base64, for binary uploads) because a Buffer does not survive JSON. */
function requestToJson(request: RecordedRequest): unknown {
	return {
		...request,
		rawBody: request.rawBody.toString('utf8'),
		rawBodyBase64: request.rawBody.toString('base64'),
	};
}

/** Endpoints that let an out-of-process test (n8n end to end) drive the sandbox; no auth, never recorded. */
export function handleControlRequest(
	emulator: Controllable,
	request: RecordedRequest,
): EmulatorResponse {
	const action = controlAction(request, controlPrefix);
	switch (action) {
		case 'GET requests':
			return json(200, emulator.requests.map(requestToJson));
		case 'DELETE requests': {
			const cleared = emulator.requests.length;
			emulator.requests.length = 0;
			return json(200, { cleared });
		}
		case 'GET faults':
			return json(200, emulator.faults.pending.map(faultToJson));
		case 'POST faults':
			try {
				emulator.faults.inject(faultFromJson(request.body));
				return json(201, { queued: emulator.faults.pending.length });
			} catch (error) {
				return json(400, { error: (error as Error).message });
			}
		case 'DELETE faults':
			emulator.faults.clear();
			return json(200, { queued: 0 });
		case 'POST reset':
			emulator.reset();
			return json(200, { reset: true });
		case 'GET state':
			return json(200, emulator.state);
		default:
			return json(404, { error: `Unknown sandbox control endpoint: ${action}` });
	}
}
