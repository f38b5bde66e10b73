/** The foster-youth mentor match pipeline (docs/api-guide.md). */
import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../../db';
import { CONFIRM_LINK, hashToken, WITHDRAW_LINK } from '../../../platform/activities/references';
import { laDate } from '../../../platform/workflow/calendar';
import type { Policy } from '../../../platform/workflow/policy';
import {
  closeMatchUpdate,
  closeYouthReferralUpdate,
  logTrainingUpdate,
  matchEndedSignal,
  referenceAnswerUpdate,
  reserveForMatchUpdate,
  withdrawApplicationUpdate,
} from '../messages';
import { ageOn } from '../rules';
import {
  closeMatchInput,
  matchProposalInput,
  mentorApplicationInput,
  referenceAnswerInput,
  trainingInput,
  withdrawInput,
  youthReferralInput,
} from '../inputs';
import { assignedCaseWorkerOrSupervisor } from '../../../platform/workflow/who-may-act';
import type { MatchInput, MentorScreeningInput, YouthReferralInput } from '../types';
import { mentorScreeningWorkflow, mentorScreeningWorkflowId } from '../mentor-screening';
import { youthReferralWorkflow, youthReferralWorkflowId } from '../youth-referral';
import { matchWorkflow, matchWorkflowId } from '../match';
import { actorOf, hasRole } from '../../../platform/api/auth';
import {
  conflict,
  forbidden,
  HttpProblem,
  notFound,
  problemFromRefusal,
  problemFromTemporal,
  unprocessable,
} from '../../../platform/api/errors';
import type { ApiBuilder } from '../../../platform/api/http';
import { updateCase } from '../../../platform/api/updates';
import { refuseInvalidParties } from '../../../platform/api/parties';
import { caseDetailRoute } from '../../../platform/api/routes/cases';
import { htmlPage } from '../../../platform/api/pages';
import { caseSchema } from '../../../platform/api/schemas';
import { startCase } from '../../../platform/api/start-case';
import { caseWithDetails, loadVisibleCase, type CaseRow } from '../../../platform/api/views';
import type { User } from '../../../platform/api/auth';

const sameAddress = (a?: string, b?: string) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** A volunteer's one-time links share the table: they are never a reference's answer link. */
const VOLUNTEER_LINKS = [WITHDRAW_LINK, CONFIRM_LINK];

const RELATIVE =
  /\b(relative|parent|mother|father|mom|dad|sibling|brother|sister|spouse|wife|husband|partner|child|son|daughter|cousin|aunt|uncle|grand\w*|niece|nephew|in-law)\b/i;

// Checks, references and training are the screening's readers'; other case workers read an approved mentor's pool profile.
const mentorSchema = caseSchema
  .extend({
    checks: z.array(z.unknown()).optional(),
    references: z.array(z.unknown()).optional(),
    trainingHours: z.number().optional(),
    activeMatchId: z.string().optional(),
  })
  .openapi('MentorScreening');
const youthSchema = caseSchema.extend({ youth: z.unknown() }).openapi('YouthReferral');
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
const referenceAnswer = referenceAnswerInput;

/** Registers the API routes; returns a function that mounts the reference page on the app. */
export function registerFosterRoutes(
  api: ApiBuilder,
  db: Db,
  temporal: Client,
  policy: Policy,
  taskQueue: string,
): (app: Express) => void {
  const rules = policy.foster;

  /** Screenings and matches change only through their assigned case worker or a case supervisor. */
  async function caseOfItsWorker(user: User, caseId: string, type: 'mentor_screening' | 'match'): Promise<CaseRow> {
    const c = await loadVisibleCase(db, user, caseId, type);
    const r = assignedCaseWorkerOrSupervisor(
      actorOf(user),
      String((c.details as { caseWorkerId?: string }).caseWorkerId ?? c.owner_id),
    );
    if (r) throw problemFromRefusal(r);
    return c;
  }

  api.route({
    method: 'post',
    path: '/foster/mentors',
    tag: 'foster',
    auth: ['case_worker'],
    summary: 'A mentor application (entered by a case worker); starts screening',
    status: 201,
    idempotent: true,
    errors: [422],
    body: mentorApplicationInput(rules.minimumReferences),
    response: mentorSchema,
    handler: async ({ user, body, newId }) => {
      if (ageOn(body.applicant.dateOfBirth, laDate(Date.now())) < rules.applicantMinimumAge) {
        throw unprocessable('applicant_under_age', `Mentors must be at least ${rules.applicantMinimumAge}`);
      }
      const relatives = body.references.filter((r) => RELATIVE.test(r.relationship));
      if (relatives.length)
        throw unprocessable('reference_is_relative', 'References may not be relatives', {
          references: relatives.map((r) => r.name),
        });
      if (sameAddress(body.applicant.email, user.email))
        throw unprocessable('invalid_party', 'You may not enter your own application');
      const caseId = newId();
      const input: MentorScreeningInput = {
        caseId,
        applicant: body.applicant,
        references: body.references,
        caseWorkerId: user.sub,
        policy,
        appliedBy: actorOf(user),
      };
      return {
        body: await startCase(temporal, db, {
          workflow: mentorScreeningWorkflow,
          workflowId: mentorScreeningWorkflowId(caseId),
          taskQueue,
          args: [input],
          caseId,
          caseType: 'mentor_screening',
          duplicate: () => conflict('duplicate', 'This application exists already'),
        }),
      };
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

  api.route({
    method: 'post',
    path: '/foster/mentors/:caseId/training',
    tag: 'foster',
    auth: ['case_worker', 'case_supervisor'],
    status: 201,
    idempotent: true,
    errors: [404, 409],
    summary: 'Logs pre-match training hours',
    body: trainingInput,
    handler: async ({ user, params, body, updateId }) => {
      const c = await caseOfItsWorker(user, params.caseId, 'mentor_screening');
      return {
        body: await updateCase(temporal, c, logTrainingUpdate, { arg: body, as: user, updateId: updateId() }),
      };
    },
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
      const c = await caseOfItsWorker(user, params.caseId, 'mentor_screening');
      return {
        body: await updateCase(temporal, c, withdrawApplicationUpdate, { arg: { reason: body.reason }, as: user }),
      };
    },
  });

  /** A reference's answer; unknown, used and expired links are all simply not found. */
  async function answerReference(token: string, answer: z.infer<typeof referenceAnswer>) {
    const link = await db
      .selectFrom('reference_links')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .where('reference_id', 'not in', VOLUNTEER_LINKS)
      .executeTakeFirst();
    if (!link || link.used_at || new Date(link.expires_at).getTime() <= Date.now()) throw notFound('The link');
    try {
      await updateCase(temporal, link, referenceAnswerUpdate, { arg: { referenceId: link.reference_id, ...answer } });
    } catch (err) {
      const p = problemFromTemporal(err);
      if (p?.code === 'reference_link_used' || p?.code === 'case_closed') throw notFound('The link');
      throw err;
    }
    return { status: 'answered', recommendation: answer.recommendation };
  }

  api.route({
    method: 'post',
    path: '/foster/references/:token',
    tag: 'foster',
    auth: 'public',
    errors: [404],
    summary: "A reference's answer through the e-mailed one-time link (no account)",
    body: referenceAnswer,
    handler: async ({ params, body }) => ({ body: await answerReference(params.token, body) }),
  });

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
      const age = ageOn(body.youth.dateOfBirth, laDate(Date.now()));
      if (age < rules.youthMinimumAge || age > rules.youthMaximumAge) {
        throw unprocessable(
          'youth_age_out_of_range',
          `Youth are referred between ${rules.youthMinimumAge} and ${rules.youthMaximumAge}`,
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
      const c = await loadVisibleCase(db, user, params.caseId, 'youth_referral');
      const r = assignedCaseWorkerOrSupervisor(
        actorOf(user),
        String((c.details as { caseWorkerId?: string }).caseWorkerId ?? c.owner_id),
      );
      if (r) throw problemFromRefusal(r);
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
      const yd = youth.details as { socialWorker: { id: string; email: string }; caregiver: { name: string } };
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
        policy,
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
      const c = await caseOfItsWorker(user, params.caseId, 'match');
      await updateCase(temporal, c, closeMatchUpdate, { arg: body, as: user });
      return { body: await caseWithDetails(db, await loadVisibleCase(db, user, c.id, 'match'), user) };
    },
  });

  return (app: Express) => {
    // No JavaScript and no sign-in: a reference answers from any phone (pages.ts).
    const page = htmlPage;
    app.get('/references/:token', async (req, res) => {
      const link = await db
        .selectFrom('reference_links')
        .select(['used_at', 'expires_at'])
        .where('token_hash', '=', hashToken(req.params.token))
        .where('reference_id', 'not in', VOLUNTEER_LINKS)
        .executeTakeFirst();
      if (!link || link.used_at || new Date(link.expires_at).getTime() <= Date.now()) {
        res
          .status(404)
          .type('html')
          .send(page('Link not valid', '<p>This link was already used or has expired. Thank you.</p>'));
        return;
      }
      res.type('html').send(
        page(
          'Mentor reference',
          `<form method="post">
<fieldset><legend>Would you recommend this applicant to work with young people (as a mentor, or making check-in calls)?</legend>
<label><input type="radio" name="recommendation" value="yes" required> Yes</label>
<label><input type="radio" name="recommendation" value="with_reservations"> Yes, with reservations</label>
<label><input type="radio" name="recommendation" value="no"> No</label></fieldset>
<label for="comments">Comments (optional)</label><textarea id="comments" name="comments" rows="6" maxlength="5000"></textarea>
<p>Your answer goes to the case worker screening the applicant, and to no one else. The link works once.</p>
<button type="submit">Send</button></form>`,
        ),
      );
    });
    app.post('/references/:token', express.urlencoded({ extended: false, limit: '20kb' }), async (req, res) => {
      const parsed = referenceAnswer.safeParse({
        recommendation: req.body?.recommendation,
        ...(req.body?.comments ? { comments: String(req.body.comments) } : {}),
      });
      if (!parsed.success) {
        res
          .status(400)
          .type('html')
          .send(page('Please choose an answer', '<p>Go back and choose one of the three answers.</p>'));
        return;
      }
      try {
        await answerReference(req.params.token, parsed.data);
        res.type('html').send(page('Thank you', '<p>Your answer was recorded.</p>'));
      } catch (err) {
        if (err instanceof HttpProblem && err.status === 404)
          res
            .status(404)
            .type('html')
            .send(page('Link not valid', '<p>This link was already used or has expired.</p>'));
        else throw err;
      }
    });
  };
}
