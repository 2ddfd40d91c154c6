import { registerAccountRoutes } from './account';
import type { HologramRoutes } from './context';
import { registerDeviceRoutes } from './devices';
import { registerLinkRoutes } from './links';
import { registerMessagingRoutes } from './messaging';

/** Every endpoint of docs/wire-formats/hologram.md#endpoints, relative to `/api/1`. */
export function registerHologramRoutes(routes: HologramRoutes): void {
	registerDeviceRoutes(routes);
	registerLinkRoutes(routes);
	registerMessagingRoutes(routes);
	registerAccountRoutes(routes);
}
