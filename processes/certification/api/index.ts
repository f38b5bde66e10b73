/** The certification process's API (loaded by the API through its descriptor's `routes`). */
import type { RouteContext } from '../../../platform/api/process-routes';
import { registerCertificationReportRoutes } from './reports';
import { registerCertificationRoutes } from './routes';

export function registerRoutes({ api, db, temporal, policy, taskQueue }: RouteContext): void {
  registerCertificationRoutes(api, db, temporal, policy, taskQueue);
  registerCertificationReportRoutes(api, db);
}
