/**
 * Foster youth referrals (docs/api-guide.md): a case worker, or the youth's social worker,
 * refers a youth; the assigned case worker (or a case supervisor) closes a referral that ends
 * without a match. The youth's record is read by the assigned case worker, case supervisors
 * and the youth's social worker only.
 */
import { z } from 'zod';
import { businessCalendarOf } from '../../../platform/workflow/jurisdiction';
import { actorOf, hasRole } from '../../../platform/api/auth';
import { conflict, forbidden, HttpProblem, unprocessable } from '../../../platform/api/errors';
import { refuseInvalidParties } from '../../../platform/api/parties';
import type { RouteContext } from '../../../platform/api/process-routes';
import { caseDetailRoute } from '../../../platform/api/routes/cases';
import { caseSchema } from '../../../platform/api/schemas';
import { startCase } from '../../../platform/api/start-case';
import { updateCase } from '../../../platform/api/updates';
import { caseWithDetails, loadVisibleCase } from '../../../platform/api/views';
import { withdrawInput, youthReferralInput } from '../inputs';
import { closeYouthReferralUpdate } from '../messages';
import { ageOn } from '../rules';
import type { YouthReferralInput } from '../types';
import { youthReferralWorkflow, youthReferralWorkflowId } from '../youth-referral';
import { caseOfItsWorker } from './case-worker';

const youthSchema = caseSchema.extend({ youth: z.unknown() }).openapi('YouthReferral');

export function registerYouthRoutes({ api, db, temporal, policies, taskQueue }: RouteContext): void {
  api.route({
    method: 'post',
    path: '/foster/youth',
    tag: 'foster',
    auth: ['case_worker', 'social_worker'],
    summary: "A youth referral by a case worker or the youth's social worker",
    status: 201,
    idempotent: true,
    errors: [422],
    body: youthReferralInput,
    response: youthSchema,
    handler: async ({ user, body, newId }) => {
      // Every foster case has an assigned case worker: the creator, or the one a social worker names.
      // Someone holding both roles who names themselves the social worker refers as the social worker.
      const asSocialWorker = hasRole(user, 'social_worker') && body.socialWorker.id === user.sub;
      const asCaseWorker = !asSocialWorker && hasRole(user, 'case_worker');
      const caseWorkerId = asCaseWorker ? (body.caseWorkerId ?? user.sub) : body.caseWorkerId;
      if (!caseWorkerId)
        throw new HttpProblem(
          400,
          'Bad Request',
          'A social worker names the assigned case worker',
          'validation_failed',
          [{ path: 'body.caseWorkerId', message: 'Required' }],
        );
      if (!asCaseWorker && body.socialWorker.id !== user.sub)
        throw forbidden('A social worker refers the youth they are the social worker of');
      await refuseInvalidParties(db, {
        type: 'youth_referral',
        fields: { caseWorkerId, socialWorker: body.socialWorker },
        creator: { id: user.sub },
        creatorParty: asCaseWorker ? 'case_worker' : 'social_worker',
      });
      const policy = await policies.current();
      const age = ageOn(body.youth.dateOfBirth, businessCalendarOf(policy).date(Date.now()));
      if (age < policy.foster.youthMinimumAge || age > policy.foster.youthMaximumAge) {
        throw unprocessable(
          'youth_age_out_of_range',
          `Youth are referred between ${policy.foster.youthMinimumAge} and ${policy.foster.youthMaximumAge}`,
        );
      }
      const caseId = newId();
      const input: YouthReferralInput = {
        caseId,
        youth: body.youth,
        ...(body.mentorPreferences ? { mentorPreferences: body.mentorPreferences } : {}),
        socialWorker: body.socialWorker,
        caregiver: body.caregiver,
        caseWorkerId,
        policy,
        referredBy: actorOf(user),
      };
      return {
        body: await startCase(temporal, db, {
          workflow: youthReferralWorkflow,
          workflowId: youthReferralWorkflowId(caseId),
          taskQueue,
          args: [input],
          caseId,
          caseType: 'youth_referral',
          duplicate: () => conflict('duplicate', 'This referral exists already'),
        }),
      };
    },
  });

  api.route({
    method: 'post',
    path: '/foster/youth/:caseId/close',
    tag: 'foster',
    auth: ['case_worker', 'case_supervisor'],
    errors: [404, 409],
    summary: "Closes a youth's referral that ends without a match (left care, moved, declined); not while in a match",
    body: withdrawInput,
    handler: async ({ user, params, body }) => {
      const c = await caseOfItsWorker(db, user, params.caseId, 'youth_referral');
      await updateCase(temporal, c, closeYouthReferralUpdate, { arg: { reason: body.reason }, as: user });
      return { body: await caseWithDetails(db, await loadVisibleCase(db, user, c.id, 'youth_referral'), user) };
    },
  });

  caseDetailRoute(api, db, {
    path: '/foster/youth',
    type: 'youth_referral',
    tag: 'foster',
    response: youthSchema,
    summary:
      "A youth referral with the youth's record (assigned case worker, case supervisors, the youth's social worker only)",
  });
}
