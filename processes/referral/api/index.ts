/**
 * The volunteer-referral process's API (loaded by the API through its descriptor's
 * `routes`): the public referral form, and the page behind a volunteer's confirmation link.
 */
import type { ProcessRoutes, RouteContext } from '../../../platform/api/process-routes';
import { registerReferralRoutes } from './routes';

export function registerRoutes({ api, db, temporal, policies, taskQueue }: RouteContext): ProcessRoutes {
  const mountConfirmPage = registerReferralRoutes(api, db, temporal, policies, taskQueue);
  return { pages: [{ path: '/referrals/confirm', mount: mountConfirmPage }], publicForms: ['/referrals'] };
}
