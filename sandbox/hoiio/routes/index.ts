import type { HoiioRoutes } from './context';
import { registerFaxRoutes } from './fax';
import { registerIvrRoutes } from './ivr';
import { registerNumberRoutes } from './number';
import { registerSmsRoutes } from './sms';
import { registerUserRoutes } from './user';
import { registerVoiceRoutes } from './voice';

/** Every endpoint of docs/wire-formats/hoiio.md#endpoints, relative to `/open`. */
export function registerHoiioRoutes(routes: HoiioRoutes): void {
	registerSmsRoutes(routes);
	registerVoiceRoutes(routes);
	registerFaxRoutes(routes);
	registerIvrRoutes(routes);
	registerNumberRoutes(routes);
	registerUserRoutes(routes);
}
