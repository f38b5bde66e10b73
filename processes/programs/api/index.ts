/** The program registry's API (loaded by the API through its descriptor's `routes`). */
import type { RouteContext } from '../../../platform/api/process-routes';
import { registerProgramRoutes } from './routes';

export function registerRoutes({ api, db, temporal, policies, taskQueue }: RouteContext): void {
  registerProgramRoutes(api, db, temporal, policies, taskQueue);
}
