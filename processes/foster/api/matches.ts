/**
 * Foster matches (docs/api-guide.md): a case worker proposes a match of an approved mentor and
 * a ready youth (both reserved first, so of two racing proposals one wins); the mentor,
 * caregiver and social worker consent; the assigned case worker or a case supervisor closes it.
 */
import { z } from 'zod';
import { actorOf } from '../../../platform/api/auth';
import { readDetails } from '../../../platform/api/details';
import { conflict, problemFromTemporal, unprocessable } from '../../../platform/api/errors';
import { refuseInvalidParties } from '../../../platform/api/parties';
import type { RouteContext } from '../../../platform/api/process-routes';
import { caseDetailRoute } from '../../../platform/api/routes/cases';
import { caseSchema } from '../../../platform/api/schemas';
import { startCase } from '../../../platform/api/start-case';
import { updateCase } from '../../../platform/api/updates';
import { caseWithDetails, loadVisibleCase } from '../../../platform/api/views';
import { youthReferralDetails } from '../details';
import { closeMatchInput, matchProposalInput } from '../inputs';
import { matchWorkflow, matchWorkflowId } from '../match';
import { closeMatchUpdate, matchEndedSignal, reserveForMatchUpdate } from '../messages';
import type { MatchInput } from '../types';
import { caseOfItsWorker } from './case-worker';

const matchSchema = caseSchema
  .extend({
    mentorCaseId: z.string(),
    youthCaseId: z.string(),
    firstMeetingAt: z.string().optional(),
    checkIns: z.array(z.unknown()),
    nextCheckInDue: z.string().optional(),
    anniversaryAt: z.string().optional(),
  })
  .openapi('Match');

export function registerMatchRoutes({ api, db, temporal, policies, taskQueue }: RouteContext): void {
  api.route({
    method: 'post',
    path: '/foster/matches',
    tag: 'foster',
    auth: ['case_worker'],
    status: 201,
    idempotent: true,
    errors: [404, 422],
    summary: 'Proposes a match; the mentor, caregiver and social worker consent',
    body: matchProposalInput,
    response: matchSchema,
    handler: async ({ user, body, newId }) => {
      const mentor = await loadVisibleCase(db, user, body.mentorCaseId, 'mentor_screening');
      const youth = await loadVisibleCase(db, user, body.youthCaseId, 'youth_referral');
      // Early answers from the read model; the parties' own validators decide under concurrency.
      if (mentor.stage !== 'approved')
        throw unprocessable('mentor_not_available', `The mentor's screening is ${mentor.stage}`);
      if (youth.stage !== 'ready') throw unprocessable('youth_not_available', `The youth referral is ${youth.stage}`);
      const yd = readDetails(youthReferralDetails, youth);
      await refuseInvalidParties(db, {
        type: 'match',
        fields: { caseWorkerId: user.sub, socialWorker: yd.socialWorker },
        creator: { id: user.sub },
        creatorParty: 'case_worker',
      });
      const caseId = newId();
      // Reserve both; Temporal serialises each party's Updates, so of two racing proposals one wins.
      await updateCase(temporal, mentor, reserveForMatchUpdate, { arg: { matchId: caseId } });
      try {
        await updateCase(temporal, youth, reserveForMatchUpdate, { arg: { matchId: caseId } });
      } catch (err) {
        // Only the youth's refusal lets the mentor go. A slow answer (202) or a lost
        // connection is not a refusal: the reservation holds, a retry with the same key
        // carries on, and a proposal that never starts its match is let go by the party's
        // own hold check (the chaos run caught a release here that a retry then undid).
        if (problemFromTemporal(err))
          await temporal.workflow
            .getHandle(mentor.workflow_id)
            .signal(matchEndedSignal, { matchId: caseId, outcome: 'cancelled' });
        throw err;
      }
      const input: MatchInput = {
        caseId,
        mentorCaseId: mentor.id,
        youthCaseId: youth.id,
        mentorWorkflowId: mentor.workflow_id,
        youthWorkflowId: youth.workflow_id,
        caseWorkerId: user.sub,
        socialWorker: yd.socialWorker,
        caregiverName: yd.caregiver.name,
        rationale: body.rationale,
        policy: await policies.current(),
        proposedBy: actorOf(user),
      };
      return {
        body: await startCase(temporal, db, {
          workflow: matchWorkflow,
          workflowId: matchWorkflowId(caseId),
          taskQueue,
          args: [input],
          caseId,
          caseType: 'match',
          duplicate: () => conflict('duplicate', 'This match exists already'),
        }),
      };
    },
  });

  caseDetailRoute(api, db, {
    path: '/foster/matches',
    type: 'match',
    tag: 'foster',
    response: matchSchema,
    summary: 'A match with its check-ins, next check-in and anniversary',
  });

  api.route({
    method: 'post',
    path: '/foster/matches/:caseId/close',
    tag: 'foster',
    auth: ['case_worker', 'case_supervisor'],
    errors: [404, 409],
    summary: 'Closes a match (planned or not); closure conversations follow',
    body: closeMatchInput,
    handler: async ({ user, params, body }) => {
      const c = await caseOfItsWorker(db, user, params.caseId, 'match');
      await updateCase(temporal, c, closeMatchUpdate, { arg: body, as: user });
      return { body: await caseWithDetails(db, await loadVisibleCase(db, user, c.id, 'match'), user) };
    },
  });
}
