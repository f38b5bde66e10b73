/**
 * Wellness check-ins (docs/api-guide.md): callers screened on the mentor screening's shorter track
 * (`caller_screening`), and youth referred for 3 to 5 check-in calls (`wellness_checkin`).
 * The youth's record is read by the referrer, the assigned caller, the coordinator who
 * assigned them and case supervisors; other coordinators see a referral without contact
 * details until a caller is assigned, then nothing (api/read-views.ts; 404 for anyone
 * else, admins included).
 */
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../../db';
import { laDate } from '../../../platform/workflow/calendar';
import type { Policy } from '../../../platform/workflow/policy';
import { calendarDate, email, identifier, line, words } from '../../../platform/workflow/input';
import { logTrainingUpdate } from '../../foster/messages';
import { trainingInput } from '../../foster/inputs';
import { ageOn } from '../../foster/rules';
import { callerScreeningWorkflow, callerScreeningWorkflowId } from '../../foster/caller-screening';
import type { MentorScreeningInput } from '../../foster/types';
import { assignedCaseWorkerOrSupervisor } from '../../../platform/workflow/who-may-act';
import { wellnessReferralInput } from '../inputs';
import type { WellnessInput } from '../types';
import { wellnessCheckinWorkflow, wellnessWorkflowId } from '../workflow';
import { actorOf } from '../../../platform/api/auth';
import { conflict, problemFromRefusal, unprocessable } from '../../../platform/api/errors';
import type { ApiBuilder } from '../../../platform/api/http';
import { caseSchema } from '../../../platform/api/schemas';
import { startCase } from '../../../platform/api/start-case';
import { updateCase } from '../../../platform/api/updates';
import { refuseInvalidParties } from '../../../platform/api/parties';
import { loadVisibleCase } from '../../../platform/api/views';
import { caseDetailRoute } from '../../../platform/api/routes/cases';

const callerApplication = z
  .object({
    applicant: z
      .object({
        // The caller's user id: callers sign in (role `caller`) to log their calls.
        id: identifier,
        name: line(200),
        email,
        phone: line(40).pipe(z.string().min(5)),
        dateOfBirth: calendarDate,
        languages: words,
        interests: words,
        formerFosterYouth: z.boolean(),
        county: line(100).optional(),
      })
      .strict(),
    references: z
      .array(z.object({ name: line(200), email, relationship: line(100) }).strict())
      .min(1, 'at least 1 reference')
      .max(3),
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

export function registerWellnessRoutes(
  api: ApiBuilder,
  db: Db,
  temporal: Client,
  policy: Policy,
  taskQueue: string,
): void {
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
      if (ageOn(body.applicant.dateOfBirth, laDate(Date.now())) < policy.foster.applicantMinimumAge) {
        throw unprocessable('applicant_under_age', `Callers must be at least ${policy.foster.applicantMinimumAge}`);
      }
      await refuseInvalidParties(db, {
        type: 'caller_screening',
        fields: { caseWorkerId: user.sub, applicant: body.applicant },
        creator: { id: user.sub },
        creatorParty: 'case_worker',
        subjects: [body.applicant.id],
      });
      const caseId = newId();
      const input: MentorScreeningInput = {
        caseId,
        track: 'caller',
        applicant: body.applicant,
        references: body.references,
        caseWorkerId: user.sub,
        policy,
        appliedBy: actorOf(user),
      };
      return {
        body: await startCase(temporal, db, {
          workflow: callerScreeningWorkflow,
          workflowId: callerScreeningWorkflowId(caseId),
          taskQueue,
          args: [input],
          caseId,
          caseType: 'caller_screening',
          duplicate: () => conflict('duplicate', 'This application exists already'),
        }),
      };
    },
  });

  caseDetailRoute(api, db, {
    path: '/wellness/callers',
    type: 'caller_screening',
    tag: 'wellness',
    response: callerSchema,
    summary: "A caller's screening: checks, reference, training",
  });

  api.route({
    method: 'post',
    path: '/wellness/callers/:caseId/training',
    tag: 'wellness',
    auth: ['case_worker', 'case_supervisor'],
    status: 201,
    idempotent: true,
    errors: [404, 409],
    summary: "Logs a caller's training hours (check-in calls and mandated reporting)",
    body: trainingInput,
    handler: async ({ user, params, body, updateId }) => {
      const c = await loadVisibleCase(db, user, params.caseId, 'caller_screening');
      const r = assignedCaseWorkerOrSupervisor(
        actorOf(user),
        String((c.details as { caseWorkerId?: string }).caseWorkerId ?? c.owner_id),
      );
      if (r) throw problemFromRefusal(r);
      return {
        body: await updateCase(temporal, c, logTrainingUpdate, { arg: body, as: user, updateId: updateId() }),
      };
    },
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
        policy,
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
