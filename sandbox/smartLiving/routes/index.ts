import { registerAssetRoutes } from './assets';
import type { SmartLivingRoutes } from './context';
import { registerGroundRoutes } from './grounds';
import { registerNotificationRoutes } from './notifications';

/**
 * Every REST call of docs/wire-formats/smartLiving.md#rest-endpoints, legacy and Maker, at the API root.
 * `/login` is the emulator's.
 */
export function registerSmartLivingRoutes(routes: SmartLivingRoutes): void {
	registerGroundRoutes(routes);
	registerAssetRoutes(routes);
	registerNotificationRoutes(routes);
}
