/**
 * The foster process's API (loaded by the API through its descriptor's `routes`), with the
 * public page behind a reference's e-mailed link.
 */
import type { ProcessRoutes, RouteContext } from '../../../platform/api/process-routes';
import { registerFosterRoutes } from './routes';
import { registerFosterReportRoutes } from './reports';
import { registerSuggestionRoutes } from './suggestions';

export function registerRoutes({ api, db, temporal, policy, taskQueue }: RouteContext): ProcessRoutes {
  const mountReferencePage = registerFosterRoutes(api, db, temporal, policy, taskQueue);
  registerSuggestionRoutes(api, db);
  registerFosterReportRoutes(api, db);
  // The small HTML form behind a reference's e-mailed link (no account, no JavaScript).
  return { pages: [{ path: '/references', mount: mountReferencePage }] };
}
