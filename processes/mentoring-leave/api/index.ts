/** The mentoring-leave process's API (loaded by the API through its descriptor's `routes`). */
import type { RouteContext } from '../../../platform/api/process-routes';
import { registerPayrollRoutes } from './payroll';
import { registerMentoringLeaveRoutes } from './routes';

export function registerRoutes({ api, db, temporal, policies, taskQueue }: RouteContext): void {
  registerMentoringLeaveRoutes(api, db, temporal, policies, taskQueue);
  registerPayrollRoutes(api, db, policies);
}
