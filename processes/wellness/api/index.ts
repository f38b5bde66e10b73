/** The wellness check-in process's API (loaded by the API through its descriptor's `routes`). */
import type { RouteContext } from '../../../platform/api/process-routes';
import { registerWellnessRoutes } from './routes';

export function registerRoutes({ api, db, temporal, policy, taskQueue }: RouteContext): void {
  registerWellnessRoutes(api, db, temporal, policy, taskQueue);
}
