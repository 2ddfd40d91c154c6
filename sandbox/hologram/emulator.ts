import { HttpEmulator } from '../core/http-emulator';
import { HttpError, type RecordedRequest } from '../core/types';
import { registerHologramRoutes } from './routes';
import type { HologramHandler } from './routes/context';
import { seedHologramState, type HologramState } from './state';
import { requestParams } from './wire';

export interface HologramEmulatorOptions {
	/** Default `sandbox-hologram-key`. */
	apiKey?: string;
	/** Clock for new records; default the real time. */
	now?: () => Date;
}

export const defaultHologramApiKey = 'sandbox-hologram-key';

/** Hologram REST API v1 (docs/wire-formats/hologram.md), at `<url>` = `http://host:port/api/1`. */
export class HologramEmulator extends HttpEmulator<HologramState> {
	protected readonly basePath = '/api/1';
	readonly apiKey: string;
	private readonly now: () => Date;

	constructor(options: HologramEmulatorOptions = {}) {
		super();
		this.apiKey = options.apiKey ?? defaultHologramApiKey;
		this.now = options.now ?? (() => new Date());
		registerHologramRoutes({
			add: (method, pattern, handler, access) => {
				this.routes.add(method, pattern, (request, path) =>
					this.handle(request, path, handler, access),
				);
			},
		});
	}

	override describe(): Record<string, string> {
		return { 'API key': this.apiKey };
	}

	protected seedState(): HologramState {
		return seedHologramState();
	}

	protected errorBody(_status: number, message: string): unknown {
		return { success: false, error: message };
	}

	protected override faultMessage(status: number): string {
		if (status === 429) return 'API rate limit exceeded';
		return super.faultMessage(status);
	}

	private handle(
		request: RecordedRequest,
		path: Record<string, string>,
		handler: HologramHandler,
		access?: 'public',
	) {
		if (access !== 'public' && !this.presentedKeys(request).includes(this.apiKey))
			throw new HttpError(401, 'Not logged in');
		if (request.rawBody.length > 0 && request.body === undefined)
			throw new HttpError(400, 'Could not parse the request body as JSON or form data');
		return handler({
			request,
			params: requestParams(request),
			path,
			state: this.state,
			now: this.now(),
		});
	}

	/** Basic auth (user `apikey`), `?apikey=`, or an `apikey` field in a JSON or form body, even on GET. */
	private presentedKeys(request: RecordedRequest): string[] {
		const keys: string[] = [];
		const authorization = request.headers.authorization ?? '';
		if (/^basic /i.test(authorization)) {
			const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
			const separator = decoded.indexOf(':');
			if (separator !== -1 && decoded.slice(0, separator) === 'apikey')
				keys.push(decoded.slice(separator + 1));
		}
		const fromQuery = request.query.apikey;
		keys.push(
			...(Array.isArray(fromQuery) ? fromQuery : fromQuery === undefined ? [] : [fromQuery]),
		);
		const body = request.body;
		if (
			typeof body === 'object' &&
			body !== null &&
			typeof (body as Record<string, unknown>).apikey === 'string'
		) {
			keys.push((body as Record<string, string>).apikey);
		}
		return keys;
	}
}
