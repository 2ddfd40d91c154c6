import { toInteger } from '../../core/body';
import { ok, queryValue } from '../wire';
import type { ScgContext, ScgRoutes } from './context';

const defaultValiditySeconds = 86400;

/**
 * App-token refresh (docs/wire-formats/syniverseScg.md#token-renewal): the 2017 path answers
 * `{"accessToken"}`, the current one also `validityTime`; both answer both here. Public: the caller's token
 * is the expired one.
 */
function refresh({ request, tokens }: ScgContext) {
	const accessToken = tokens.refresh(
		queryValue(request, 'consumerkey'),
		queryValue(request, 'consumersecret'),
		queryValue(request, 'oldtoken'),
	);
	const validity = toInteger(queryValue(request, 'validity'));
	return ok({
		accessToken,
		validityTime: validity !== undefined && validity > 0 ? validity : defaultValiditySeconds,
	});
}

export function registerTokenRoutes(routes: ScgRoutes): void {
	routes.add('GET', '/saop-rest-data/v1/apptoken-refresh', refresh, 'public');
	routes.add('GET', '/v1/apptoken-refresh', refresh, 'public');
}
