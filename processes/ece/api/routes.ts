/**
 * Early-childhood mentor placements (docs/api-guide.md): certifying Mentor Teachers and Director
 * Mentors through a college's selection committee, their professional development, the
 * placements of students and new administrators with them, the mentees' hours, and the
 * stipend export per term. College roles act within their `collegeId` claim; a placement
 * is read by its college's coordinators, its mentor and its mentee.
 */
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../../db';
import type { PolicySource } from '../../../lib/policy-versions';
import { calendarDate } from '../../../platform/workflow/input';
import { developmentInput, eceMentorInput, placementHoursInput, placementInput } from '../inputs';
import { logDevelopmentUpdate, logPlacementHoursUpdate, reservePlacementUpdate } from '../messages';
import { eceCertificationWorkflow, eceCertificationWorkflowId, MENTOR_FOR } from '../certification';
import { ecePlacementWorkflow, ecePlacementWorkflowId } from '../placement';
import { actorOf } from '../../../platform/api/auth';
import { conflict, unprocessable } from '../../../platform/api/errors';
import type { ApiBuilder } from '../../../platform/api/http';
import { caseSchema } from '../../../platform/api/schemas';
import { startCase } from '../../../platform/api/start-case';
import { updateCase } from '../../../platform/api/updates';
import { refuseInvalidParties } from '../../../platform/api/parties';
import { loadVisibleCase } from '../../../platform/api/views';
import { caseDetailRoute } from '../../../platform/api/routes/cases';
import { readDetails } from '../../../platform/api/details';
import { eceCertificationDetails } from '../details';
import { STIPEND_CSV_HEADER, stipendLines } from './stipends';

const mentorSchema = caseSchema
  .extend({
    role: z.string(),
    votes: z.array(z.unknown()),
    certifiedUntil: z.string().optional(),
    developmentHoursInPeriod: z.number(),
  })
  .openapi('EceCertification');
const placementSchema = caseSchema
  .extend({
    mentorCaseId: z.string(),
    term: z.object({ start: z.string(), end: z.string() }),
    hours: z.array(z.unknown()),
    hoursConfirmed: z.number(),
  })
  .openapi('EcePlacement');
export function registerEceRoutes(
  api: ApiBuilder,
  db: Db,
  temporal: Client,
  policies: PolicySource,
  taskQueue: string,
): void {
  api.route({
    method: 'post',
    path: '/ece/mentors',
    tag: 'ece',
    auth: ['college_coordinator'],
    status: 201,
    idempotent: true,
    summary:
      "A teacher's or director's application to be certified as a mentor; the college's selection committee votes",
    body: eceMentorInput,
    response: mentorSchema,
    handler: async ({ user, body, newId }) => {
      if (body.person.id === user.sub)
        throw unprocessable('invalid_party', 'You may not enter your own application to be certified');
      const caseId = newId();
      return {
        body: await startCase(temporal, db, {
          workflow: eceCertificationWorkflow,
          workflowId: eceCertificationWorkflowId(caseId),
          taskQueue,
          caseId,
          caseType: 'ece_certification',
          args: [
            { caseId, collegeId: user.collegeId!, ...body, policy: await policies.current(), appliedBy: actorOf(user) },
          ],
          duplicate: () => conflict('duplicate', 'This application exists already'),
        }),
      };
    },
  });

  caseDetailRoute(api, db, {
    path: '/ece/mentors',
    type: 'ece_certification',
    tag: 'ece',
    response: mentorSchema,
    summary: 'A mentor certification: votes (counts), period, development hours, open placements',
  });

  api.route({
    method: 'post',
    path: '/ece/mentors/:caseId/development',
    tag: 'ece',
    auth: 'any',
    status: 201,
    idempotent: true,
    errors: [404, 409],
    summary: 'The certified mentor logs professional development (12 hours in the period renew the certification)',
    body: developmentInput,
    handler: async ({ user, params, body, updateId }) => {
      const c = await loadVisibleCase(db, user, params.caseId, 'ece_certification');
      return {
        body: await updateCase(temporal, c, logDevelopmentUpdate, { arg: body, as: user, updateId: updateId() }),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/ece/placements/export',
    tag: 'ece',
    auth: ['college_coordinator'],
    summary: "The college's completed placements with a term ending in the range, for stipends (CSV)",
    query: z.object({ from: calendarDate, to: calendarDate }),
    handler: async ({ user, query }) => {
      const lines = user.collegeId ? await stipendLines(db, user.collegeId, query.from, query.to) : [];
      return { raw: { type: 'text/csv; charset=utf-8', text: `${[STIPEND_CSV_HEADER, ...lines].join('\n')}\n` } };
    },
  });

  api.route({
    method: 'post',
    path: '/ece/placements',
    tag: 'ece',
    auth: ['college_coordinator'],
    status: 201,
    idempotent: true,
    errors: [404, 422],
    summary:
      'Places a student or new administrator with a certified mentor of the right kind (at most 2 placements per mentor)',
    body: placementInput,
    response: placementSchema,
    handler: async ({ user, body, newId }) => {
      const mentorCase = await loadVisibleCase(db, user, body.mentorCaseId, 'ece_certification');
      const m = readDetails(eceCertificationDetails, mentorCase);
      // Early answers from the read model; the mentor's record decides under concurrency.
      if (mentorCase.stage !== 'certified')
        throw unprocessable('mentor_not_certified', `The mentor's certification is ${mentorCase.stage}`);
      if (MENTOR_FOR[body.mentee.kind] !== m.role)
        throw unprocessable(
          'mentor_kind_mismatch',
          `A ${body.mentee.kind} is placed with a ${MENTOR_FOR[body.mentee.kind].replace('_', ' ')}`,
        );
      // No self-dealing: the coordinator places neither themselves nor with themselves; a mentee is not their own mentor.
      await refuseInvalidParties(db, {
        type: 'ece_placement',
        fields: { mentor: m.person, mentee: body.mentee },
        creator: { id: user.sub },
      });
      const caseId = newId();
      await updateCase(temporal, mentorCase, reservePlacementUpdate, {
        arg: { placementId: caseId, kind: body.mentee.kind },
      });
      return {
        body: await startCase(temporal, db, {
          workflow: ecePlacementWorkflow,
          workflowId: ecePlacementWorkflowId(caseId),
          taskQueue,
          caseId,
          caseType: 'ece_placement',
          args: [
            {
              caseId,
              collegeId: m.collegeId,
              mentorCaseId: mentorCase.id,
              mentorWorkflowId: mentorCase.workflow_id,
              mentor: { ...m.person, role: m.role },
              mentee: body.mentee,
              term: body.term,
              ...(body.course ? { course: body.course } : {}),
              policy: await policies.current(),
              placedBy: actorOf(user),
            },
          ],
          duplicate: () => conflict('duplicate', 'This placement exists already'),
        }),
      };
    },
  });

  caseDetailRoute(api, db, {
    path: '/ece/placements',
    type: 'ece_placement',
    tag: 'ece',
    response: placementSchema,
    summary: 'A placement: mentor, mentee, term, hours (confirmed or not), evaluations, stipend',
  });

  api.route({
    method: 'post',
    path: '/ece/placements/:caseId/hours',
    tag: 'ece',
    auth: 'any',
    status: 201,
    idempotent: true,
    errors: [404, 409],
    summary: 'The mentee logs hours of the placement; the mentor confirms each entry',
    body: placementHoursInput,
    handler: async ({ user, params, body, updateId }) => {
      const c = await loadVisibleCase(db, user, params.caseId, 'ece_placement');
      return {
        body: await updateCase(temporal, c, logPlacementHoursUpdate, { arg: body, as: user, updateId: updateId() }),
      };
    },
  });
}
