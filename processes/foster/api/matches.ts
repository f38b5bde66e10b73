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
import { businessCalendarOf } from '../../../platform/workflow/jurisdiction';
import { addDuration } from '../../../platform/workflow/calendar';
import { matchDetails, youthReferralDetails } from '../details';
import { closeMatchInput, matchProposalInput, reopenMatchInput } from '../inputs';
import { matchWorkflow, matchWorkflowId } from '../match';
import { closeMatchUpdate, matchEndedSignal, reopenMatchUpdate, reserveForMatchUpdate } from '../messages';
import { HEALTH_BANDS, SURVEY_RESPONDENTS, SURVEY_STATUSES, type MatchRisks } from '../match/support-types';
import { supportRules } from '../policy';
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
    contacts: z.array(z.unknown()).optional(),
    nextContactDue: z.string().optional(),
    surveys: z
      .array(
        z.object({
          id: z.string(),
          respondent: z.enum(SURVEY_RESPONDENTS),
          dueAt: z.string(),
          status: z.enum(SURVEY_STATUSES),
          score: z.number().optional(),
        }),
      )
      .optional(),
    health: z.object({ score: z.number(), band: z.enum(HEALTH_BANDS), reasons: z.array(z.string()) }).optional(),
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
        ...(body.programId ? { programId: body.programId } : {}),
        youthCounty: yd.youth.county,
        risks: risksAtProposal(yd, youth.created_at),
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
    summary: 'Closes a match (planned or not, who started it); the closure meeting and rematch decision follow',
    body: closeMatchInput,
    handler: async ({ user, params, body }) => {
      const c = await caseOfItsWorker(db, user, params.caseId, 'match');
      await updateCase(temporal, c, closeMatchUpdate, { arg: body, as: user });
      return { body: await caseWithDetails(db, await loadVisibleCase(db, user, c.id, 'match'), user) };
    },
  });

  api.route({
    method: 'post',
    path: '/foster/matches/:caseId/reopen',
    tag: 'foster',
    auth: ['case_supervisor'],
    errors: [404, 409, 422],
    summary: 'Reopens a match closed by mistake, within the reopen window; both parties are held for it again',
    body: reopenMatchInput,
    response: matchSchema,
    handler: async ({ user, params, body }) => {
      const c = await loadVisibleCase(db, user, params.caseId, 'match');
      const d = readDetails(matchDetails, c);
      const closedAt = d.closure?.closedAt;
      if (c.stage !== 'closed' || !closedAt) throw conflict('match_not_closed', `The match is ${c.stage}`);
      const policy = await policies.current();
      const window = supportRules(policy.foster).reopenWindow;
      if (Date.now() > addDuration(Date.parse(closedAt), window, businessCalendarOf(policy)))
        throw unprocessable('reopen_window_passed', 'The match was closed too long ago to reopen');
      const mentor = await loadVisibleCase(db, user, d.mentorCaseId, 'mentor_screening');
      const youth = await loadVisibleCase(db, user, d.youthCaseId, 'youth_referral');
      // Hold both again first: either may be in another match by now (its refusal answers).
      await updateCase(temporal, mentor, reserveForMatchUpdate, { arg: { matchId: c.id } });
      try {
        await updateCase(temporal, youth, reserveForMatchUpdate, { arg: { matchId: c.id } });
      } catch (err) {
        if (problemFromTemporal(err))
          await temporal.workflow
            .getHandle(mentor.workflow_id)
            .signal(matchEndedSignal, { matchId: c.id, outcome: 'cancelled' });
        throw err;
      }
      await updateCase(temporal, c, reopenMatchUpdate, { arg: body, as: user });
      return { body: await caseWithDetails(db, await loadVisibleCase(db, user, c.id, 'match'), user) };
    },
  });
}

const YEAR_MS = 365.25 * 86_400_000;

/** What the proposal knows of the risks of an early closure: the youth's age, the months waited. */
function risksAtProposal(yd: z.infer<typeof youthReferralDetails>, referredAt: Date): MatchRisks {
  const now = Date.now();
  const born = Date.parse(yd.youth.dateOfBirth);
  const readySince = yd.intake?.at ? Date.parse(yd.intake.at) : referredAt.getTime();
  return {
    youthAgeAtMatch: Math.floor((now - born) / YEAR_MS),
    monthsWaiting: Math.max(0, Math.floor((now - readySince) / (YEAR_MS / 12))),
  };
}
