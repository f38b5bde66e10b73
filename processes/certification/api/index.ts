/** The certification process's API (loaded by the API through its descriptor's `routes`). */
import type { RouteContext } from '../../../platform/api/process-routes';
import { registerCertificationReportRoutes } from './reports';
import { registerQuestionBankRoutes } from './question-banks';
import { registerCertificationRoutes } from './routes';

export function registerRoutes(rc: RouteContext): void {
  // Before the case routes: /certifications/questions is not a case id.
  registerQuestionBankRoutes(rc.api, rc.db);
  registerCertificationRoutes(rc);
  registerCertificationReportRoutes(rc.api, rc.db);
}
