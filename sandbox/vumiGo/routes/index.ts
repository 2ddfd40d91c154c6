import { registerAccountRoutes } from './account';
import { registerContactRoutes } from './contacts';
import type { VumiGoRoutes } from './context';
import { registerConversationRoutes } from './conversation';
import { registerMetricRoutes } from './metrics';
import { registerOptOutRoutes } from './optouts';

/** Every endpoint of docs/wire-formats/vumiGo.md, relative to `/api/v1/go`. */
export function registerVumiGoRoutes(routes: VumiGoRoutes): void {
	registerAccountRoutes(routes);
	registerContactRoutes(routes);
	registerMetricRoutes(routes);
	registerOptOutRoutes(routes);
	registerConversationRoutes(routes);
}
