/**
 * Foster mentors' screenings (docs/api-guide.md): a case worker enters an application, which
 * starts the screening; its case worker logs training and records a withdrawal. Checks,
 * references and training are the screening's readers'; other case workers read an approved
 * mentor's pool profile (read-views.ts).
 */
import { z } from 'zod';
import { HttpProblem, unprocessable } from '../../../platform/api/errors';
import type { RouteContext } from '../../../platform/api/process-routes';
import { caseDetailRoute } from '../../../platform/api/routes/cases';
import { caseSchema } from '../../../platform/api/schemas';
import { updateCase } from '../../../platform/api/updates';
import { issuesAt } from '../../../platform/workflow/input';
import { mentorApplicationInput, withdrawInput } from '../inputs';
import { withdrawApplicationUpdate } from '../messages';
import { caseOfItsWorker, refuseUnderAge, startScreening, trainingRoute } from './case-worker';

const sameAddress = (a?: string, b?: string) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

const RELATIVE =
  /\b(relative|parent|mother|father|mom|dad|sibling|brother|sister|spouse|wife|husband|partner|child|son|daughter|cousin|aunt|uncle|grand\w*|niece|nephew|in-law)\b/i;

const mentorSchema = caseSchema
  .extend({
    checks: z.array(z.unknown()).optional(),
    references: z.array(z.unknown()).optional(),
    trainingHours: z.number().optional(),
    activeMatchId: z.string().optional(),
  })
  .openapi('MentorScreening');

export function registerMentorRoutes(rc: RouteContext): void {
  const { api, db, temporal, policies } = rc;
  api.route({
    method: 'post',
    path: '/foster/mentors',
    tag: 'foster',
    auth: ['case_worker'],
    summary: 'A mentor application (entered by a case worker); starts screening',
    status: 201,
    idempotent: true,
    errors: [422],
    // The references' minimum is the current policy's, checked below with the same 400.
    body: mentorApplicationInput(0),
    response: mentorSchema,
    handler: async ({ user, body, newId }) => {
      const policy = await policies.current();
      const enough = mentorApplicationInput(policy.foster.minimumReferences).safeParse(body);
      if (!enough.success)
        throw new HttpProblem(
          400,
          'Bad Request',
          'The body is not valid',
          'validation_failed',
          issuesAt(enough.error, 'body'),
        );
      refuseUnderAge(policy, body.applicant.dateOfBirth, 'Mentors');
      const relatives = body.references.filter((r) => RELATIVE.test(r.relationship));
      if (relatives.length)
        throw unprocessable('reference_is_relative', 'References may not be relatives', {
          references: relatives.map((r) => r.name),
        });
      if (sameAddress(body.applicant.email, user.email))
        throw unprocessable('invalid_party', 'You may not enter your own application');
      return { body: await startScreening(rc, policy, user, newId(), body, 'mentor') };
    },
  });

  caseDetailRoute(api, db, {
    path: '/foster/mentors',
    type: 'mentor_screening',
    tag: 'foster',
    response: mentorSchema,
    summary:
      "A mentor screening case: checks, references, training, active match (the screening's readers); the pool profile (other case workers)",
  });

  trainingRoute(rc, {
    path: '/foster/mentors',
    tag: 'foster',
    type: 'mentor_screening',
    summary: 'Logs pre-match training hours',
  });

  api.route({
    method: 'post',
    path: '/foster/mentors/:caseId/withdraw',
    tag: 'foster',
    auth: ['case_worker', 'case_supervisor'],
    errors: [404, 409],
    summary: 'The applicant withdraws (or an approved mentor leaves the pool)',
    body: withdrawInput,
    handler: async ({ user, params, body }) => {
      const c = await caseOfItsWorker(db, user, params.caseId, 'mentor_screening');
      return {
        body: await updateCase(temporal, c, withdrawApplicationUpdate, { arg: { reason: body.reason }, as: user }),
      };
    },
  });
}
