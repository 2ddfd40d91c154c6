import { registerAttachmentRoutes } from './attachments';
import type { ScgRoutes } from './context';
import { registerEssRoutes } from './ess';
import { registerMessagingRoutes } from './messaging';
import { registerResourceRoutes } from './resources';
import { registerTokenRoutes } from './tokens';

/**
 * Every endpoint of docs/wire-formats/syniverseScg.md, the token and Event Manager ones included, as full
 * paths from the host root.
 */
export function registerScgRoutes(routes: ScgRoutes): void {
	registerTokenRoutes(routes);
	registerResourceRoutes(routes);
	registerAttachmentRoutes(routes);
	registerMessagingRoutes(routes);
	registerEssRoutes(routes);
}
