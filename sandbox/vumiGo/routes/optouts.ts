import type { EmulatorResponse } from '../../core/types';
import type { VumiOptOut } from '../state';
import { hexId, ok, optoutError, optoutStatus, vumiTimestamp } from '../wire';
import type { VumiGoContext, VumiGoRoutes } from './context';

const okStatus = optoutStatus(200, 'OK');

function sameAddress(record: VumiOptOut, type: string, address: string): boolean {
	return record.address_type === type && record.address === address;
}

function find({ state, account, path }: VumiGoContext): VumiOptOut | undefined {
	return state.optouts.find(
		(record) =>
			record.user_account === account && sameAddress(record, path.addressType, path.address),
	);
}

/** The seed SDK's fields (`created_at`, `message`, `user_account`) plus the service's own (`id`, ...). */
function render(record: VumiOptOut) {
	return { ...record };
}

function getOptOut(context: VumiGoContext): EmulatorResponse {
	const record = find(context);
	if (!record) throw optoutError(404, 'Opt out not found.');
	return ok({ opt_out: render(record), status: okStatus });
}

function setOptOut(context: VumiGoContext): EmulatorResponse {
	if (find(context)) throw optoutError(409, 'Opt out already exists.');
	const record: VumiOptOut = {
		id: hexId(),
		address_type: context.path.addressType,
		address: context.path.address,
		user_account: context.account,
		message: null,
		created_at: vumiTimestamp(context.now),
	};
	context.state.optouts.push(record);
	return ok({ opt_out: render(record), status: okStatus });
}

function deleteOptOut(context: VumiGoContext): EmulatorResponse {
	const record = find(context);
	if (!record) throw optoutError(404, "There's nothing to delete.");
	context.state.optouts = context.state.optouts.filter((candidate) => candidate !== record);
	return ok({ opt_out: render(record), status: okStatus });
}

function countOptOuts({ state, account }: VumiGoContext): EmulatorResponse {
	return ok({
		opt_out_count: state.optouts.filter((record) => record.user_account === account).length,
		status: okStatus,
	});
}

/** go-optout-api: `{base}/optouts/<type>/<address>` (address URL-quoted, `+` as `%2B`) and `/count`. */
export function registerOptOutRoutes(routes: VumiGoRoutes): void {
	routes.add('GET', '/optouts/count', countOptOuts, 'bearer');
	routes.add('GET', '/optouts/:addressType/:address', getOptOut, 'bearer');
	routes.add('PUT', '/optouts/:addressType/:address', setOptOut, 'bearer');
	// Lenient: POST creates too.
	routes.add('POST', '/optouts/:addressType/:address', setOptOut, 'bearer');
	routes.add('DELETE', '/optouts/:addressType/:address', deleteOptOut, 'bearer');
}
