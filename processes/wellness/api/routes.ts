/**
 * Wellness check-ins (docs/api-guide.md): callers screened on the mentor screening's shorter track
 * (`caller_screening`), and youth referred for 3 to 5 check-in calls (`wellness_checkin`).
 * The youth's record is read by the referrer, the assigned caller, the coordinator who
 * assigned them and case supervisors; other coordinators see a referral without contact
 * details until a caller is assigned, then nothing (api/read-views.ts; 404 for anyone
 * else, admins included).
 */
import { z } from 'zod';
import { identifier } from '../../../platform/workflow/input';
import { applicantFields, referencesInput } from '../../foster/inputs';
import { refuseUnderAge, startScreening, trainingRoute } from '../../foster/api/case-worker';
import { wellnessReferralInput } from '../inputs';
import type { WellnessInput } from '../types';
import { wellnessCheckinWorkflow, wellnessWorkflowId } from '../workflow';
import { actorOf } from '../../../platform/api/auth';
import { conflict } from '../../../platform/api/errors';
import type { RouteContext } from '../../../platform/api/process-routes';
import { caseSchema } from '../../../platform/api/schemas';
import { startCase } from '../../../platform/api/start-case';
import { refuseInvalidParties } from '../../../platform/api/parties';
import { caseDetailRoute } from '../../../platform/api/routes/cases';

const callerApplication = z
  .object({
    // The caller's user id: callers sign in (role `caller`) to log their calls.
    applicant: z.object({ id: identifier, ...applicantFields }).strict(),
    references: referencesInput(1, 3, 'at least 1 reference'),
  })
  .strict();

// Checks, references and training are the screening's readers'; a coordinator reads an approved caller's pool profile.
const callerSchema = caseSchema
  .extend({
    checks: z.array(z.unknown()).optional(),
    references: z.array(z.unknown()).optional(),
    trainingHours: z.number().optional(),
  })
  .openapi('CallerScreening');
const wellnessSchema = caseSchema
  .extend({
    youth: z.unknown().optional(),
    contact: z.unknown().optional(),
    calls: z.array(z.unknown()),
    plannedCalls: z.number(),
  })
  .openapi('WellnessCheckin');

export function registerWellnessRoutes(rc: RouteContext): void {
  const { api, db, temporal, policies, taskQueue } = rc;
  api.route({
    method: 'post',
    path: '/wellness/callers',
    tag: 'wellness',
    auth: ['case_worker'],
    status: 201,
    idempotent: true,
    errors: [422],
    summary: "A wellness caller's application (entered by a case worker); starts the shorter screening",
    body: callerApplication,
    response: callerSchema,
    handler: async ({ user, body, newId }) => {
      const policy = await policies.current();
      refuseUnderAge(policy, body.applicant.dateOfBirth, 'Callers');
      await refuseInvalidParties(db, {
        type: 'caller_screening',
        fields: { caseWorkerId: user.sub, applicant: body.applicant },
        creator: { id: user.sub },
        creatorParty: 'case_worker',
        subjects: [body.applicant.id],
      });
      return { body: await startScreening(rc, policy, user, newId(), body, 'caller') };
    },
  });

  caseDetailRoute(api, db, {
    path: '/wellness/callers',
    type: 'caller_screening',
    tag: 'wellness',
    response: callerSchema,
    summary: "A caller's screening: checks, reference, training",
  });

  trainingRoute(rc, {
    path: '/wellness/callers',
    tag: 'wellness',
    type: 'caller_screening',
    summary: "Logs a caller's training hours (check-in calls and mandated reporting)",
  });

  api.route({
    method: 'post',
    path: '/wellness/youth',
    tag: 'wellness',
    auth: ['social_worker', 'case_worker', 'school_counselor'],
    status: 201,
    idempotent: true,
    summary: "Refers an isolated youth for wellness check-in calls (with the guardian's consent, or the youth's at 18)",
    body: wellnessReferralInput,
    response: wellnessSchema,
    handler: async ({ user, body, newId }) => {
      const caseId = newId();
      const input: WellnessInput = {
        caseId,
        ...body,
        referrer: {
          id: user.sub,
          ...(user.name ? { name: user.name } : {}),
          ...(user.email ? { email: user.email } : {}),
        },
        policy: await policies.current(),
        referredBy: actorOf(user),
      };
      return {
        body: await startCase(temporal, db, {
          workflow: wellnessCheckinWorkflow,
          workflowId: wellnessWorkflowId(caseId),
          taskQueue,
          args: [input],
          caseId,
          caseType: 'wellness_checkin',
          duplicate: () => conflict('duplicate', 'This referral exists already'),
        }),
      };
    },
  });

  caseDetailRoute(api, db, {
    path: '/wellness/youth',
    type: 'wellness_checkin',
    tag: 'wellness',
    response: wellnessSchema,
    summary: 'Wellness check-ins with the youth, the caller and the call log (as each reader may see them)',
  });
}
