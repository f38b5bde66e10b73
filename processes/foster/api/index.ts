/**
 * The foster process's API (loaded by the API through its descriptor's `routes`), by party:
 * mentors, references, youth and matches (with their survey rounds), then match suggestions, the pipeline report, the
 * caseload and the outcome report; with the public pages behind a reference's and a
 * relationship survey's e-mailed link.
 */
import type { ProcessRoutes, RouteContext } from '../../../platform/api/process-routes';
import { registerMentorRoutes } from './mentors';
import { registerReferenceRoutes } from './references';
import { registerYouthRoutes } from './youth';
import { registerMatchRoutes } from './matches';
import { registerMatchSurveyRoutes } from './match-surveys';
import { registerFosterReportRoutes } from './reports';
import { registerSuggestionRoutes } from './suggestions';
import { registerMatchSupportRoutes } from './match-support';
import { registerSurveyRoutes } from './surveys';

export function registerRoutes(rc: RouteContext): ProcessRoutes {
  registerMentorRoutes(rc);
  const mountReferencePage = registerReferenceRoutes(rc);
  registerYouthRoutes(rc);
  registerMatchRoutes(rc);
  registerMatchSurveyRoutes(rc);
  registerSuggestionRoutes(rc.api, rc.db);
  registerFosterReportRoutes(rc.api, rc.db);
  registerMatchSupportRoutes(rc);
  const mountSurveyPage = registerSurveyRoutes(rc);
  // The small HTML forms behind a reference's and a survey's e-mailed link (no account, no JavaScript).
  return {
    pages: [
      { path: '/references', mount: mountReferencePage },
      { path: '/surveys', mount: mountSurveyPage },
    ],
  };
}
