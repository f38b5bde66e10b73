/** The ECE process's API (loaded by the API through its descriptor's `routes`). */
import type { RouteContext } from '../../../platform/api/process-routes';
import { registerEceRoutes } from './routes';

export function registerRoutes({ api, db, temporal, policies, taskQueue }: RouteContext): void {
  registerEceRoutes(api, db, temporal, policies, taskQueue);
}
