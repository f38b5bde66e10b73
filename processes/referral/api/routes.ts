/**
 * The online mentor referral (docs/api-guide.md): the public volunteer form, the one-time links to
 * confirm the address and to withdraw, the referral case for coordinators and referred
 * programs, and the per-campaign and per-county report. The volunteer has no account: the
 * form and the links are public and rate limited (per client, and per address in
 * limits.ts), and the form's answer names the case only (no details to an anonymous
 * caller). No program hears of a referral before its address is confirmed (confirm-link.ts). A
 * program's referral settings and the directory filters are in settings.ts.
 */
import type { Express } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../../db';
import { hashToken } from '../../../platform/activities/one-time-links';
import { WITHDRAW_LINK } from '../links';
import type { PolicySource } from '../../../lib/policy-versions';
import { referralFormInput } from '../inputs';
import { offerByHandUpdate, withdrawReferralUpdate } from '../messages';
import { referralCandidates } from '../activities/programs';
import { identifier } from '../../../platform/workflow/input';
import { caseWithDetails, loadVisibleCase } from '../../../platform/api/views';
import { mentorReferralWorkflow, mentorReferralWorkflowId } from '../workflow';
import type { MentorReferralInput } from '../types';
import { calendarDate, caseSchema } from '../../../platform/api/schemas';
import { csvCell } from '../../../platform/api/csv';
import { conflict, HttpProblem, notFound, problemFromTemporal, unprocessable } from '../../../platform/api/errors';
import type { ApiBuilder } from '../../../platform/api/http';
import { updateCase } from '../../../platform/api/updates';
import { fromAcceptLanguage } from '../../../platform/i18n/language';
import { referralReport } from './reports';
import { startCase } from '../../../platform/api/start-case';
import { caseDetailRoute } from '../../../platform/api/routes/cases';
import { admitSubmission, forgetSubmission } from './limits';
import { confirmAddress, mountConfirmPage } from './confirm-link';

const referralSchema = caseSchema
  .extend({
    volunteer: z.unknown().optional(),
    offers: z.array(
      z
        .object({
          programId: z.string(),
          programName: z.string(),
          round: z.number(),
          status: z.string(),
          dueAt: z.string(),
        })
        .passthrough(),
    ),
    outcome: z.string().optional(),
  })
  .openapi('MentorReferral');

const reportRow = z.object({
  key: z.string(),
  volunteers: z.number(),
  referred: z.number(),
  contacted: z.number(),
  enrolled: z.number(),
  medianDaysToContact: z.number().nullable(),
});

const VOLUNTEER = { id: 'volunteer', name: 'the volunteer' };

export function registerReferralRoutes(
  api: ApiBuilder,
  db: Db,
  temporal: Client,
  policies: PolicySource,
  taskQueue: string,
): (app: Express) => void {
  api.route({
    method: 'post',
    path: '/referrals',
    tag: 'referrals',
    auth: 'public',
    status: 201,
    idempotent: true,
    errors: [422],
    summary:
      "A volunteer's public referral form (no account): stage `unconfirmed` until the e-mailed one-time link " +
      'confirms the address; 429 `address_rate_limited` past the per-address limits',
    body: referralFormInput,
    response: z.object({ id: z.string(), status: z.string(), stage: z.string() }),
    handler: async ({ req, body, newId }) => {
      if (body.consentToContact !== true)
        throw unprocessable(
          'no_consent',
          'We can only refer you to programs if you agree to be contacted (consentToContact: true)',
        );
      const caseId = newId();
      const policy = await policies.current();
      const input: MentorReferralInput = {
        caseId,
        volunteer: body.volunteer,
        ...(body.campaign ? { campaign: body.campaign } : {}),
        // The volunteer's e-mails: in the language the form says, else the browser's.
        language: body.language ?? fromAcceptLanguage(req.headers['accept-language']),
        policy,
        submittedBy: VOLUNTEER,
      };
      await admitSubmission(db, policy.referral, body.volunteer.email, caseId);
      const c = await startCase(temporal, db, {
        workflow: mentorReferralWorkflow,
        workflowId: mentorReferralWorkflowId(caseId),
        taskQueue,
        args: [input],
        caseId,
        caseType: 'mentor_referral',
        duplicate: () => conflict('duplicate', 'This referral exists already'),
      }).catch(async (err: unknown) => {
        if (!(err instanceof HttpProblem && err.status === 409))
          await forgetSubmission(db, caseId).catch(() => undefined);
        throw err;
      });
      // The public caller learns the case's id and state, nothing of programs or people.
      return { body: { id: c.id, status: c.status, stage: c.stage } };
    },
  });

  api.route({
    method: 'post',
    path: '/referrals/confirm/:token',
    tag: 'referrals',
    auth: 'public',
    errors: [404],
    summary:
      'The volunteer confirms the e-mail address through the one-time link of the first e-mail; ' +
      'the offers to programs start',
    response: z.object({ status: z.string() }),
    handler: async ({ params }) => ({ body: await confirmAddress(db, temporal, params.token) }),
  });

  api.route({
    method: 'post',
    path: '/referrals/withdraw/:token',
    tag: 'referrals',
    auth: 'public',
    errors: [404],
    summary: 'The volunteer withdraws through the one-time link in their confirmation e-mail',
    handler: async ({ params }) => {
      const link = await db
        .selectFrom('reference_links')
        .selectAll()
        .where('token_hash', '=', hashToken(params.token))
        .where('reference_id', '=', WITHDRAW_LINK)
        .executeTakeFirst();
      if (!link || link.used_at || new Date(link.expires_at).getTime() <= Date.now()) throw notFound('The link');
      try {
        await updateCase(temporal, link, withdrawReferralUpdate, { arg: { actor: VOLUNTEER } });
      } catch (err) {
        // A referral that already ended (enrolled, withdrawn) has no use for the link.
        if (problemFromTemporal(err)?.code === 'case_closed') throw notFound('The link');
        throw err;
      }
      await db
        .updateTable('reference_links')
        .set({ used_at: new Date() })
        .where('token_hash', '=', link.token_hash)
        .execute();
      return { body: { status: 'withdrawn' } };
    },
  });

  api.route({
    method: 'get',
    path: '/referrals/reports',
    tag: 'referrals',
    auth: ['partnership_coordinator', 'admin'],
    summary:
      'Volunteers, referred, contacted, enrolled and median days to first contact, per campaign or county (JSON, or CSV with Accept: text/csv)',
    query: z.object({
      from: calendarDate.optional(),
      to: calendarDate.optional(),
      groupBy: z.enum(['campaign', 'county']).default('campaign'),
    }),
    response: z.object({ items: z.array(reportRow) }),
    handler: async ({ query, req }) => {
      const items = await referralReport(db, query);
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        const lines = [
          `${query.groupBy},volunteers,referred,contacted,enrolled,median_days_to_contact`,
          ...items.map((i) =>
            [i.key, i.volunteers, i.referred, i.contacted, i.enrolled, i.medianDaysToContact].map(csvCell).join(','),
          ),
        ];
        return { raw: { type: 'text/csv; charset=utf-8', text: `${lines.join('\n')}\n` } };
      }
      return { body: { items } };
    },
  });

  api.route({
    method: 'post',
    path: '/referrals/:caseId/offers',
    tag: 'referrals',
    auth: ['partnership_coordinator'],
    errors: [404, 409, 422],
    summary:
      'A partnership coordinator offers the referral to programs picked by hand (Affiliate or above, accepting referrals)',
    body: z.object({ programIds: z.array(identifier).min(1).max(3) }).strict(),
    handler: async ({ user, params, body }) => {
      const c = await loadVisibleCase(db, user, params.caseId, 'mentor_referral');
      // Only members that take referrals; any county (the coordinator knows the volunteer).
      const eligible = new Map((await referralCandidates(db)).map((p) => [p.programId, p]));
      const refused = body.programIds.filter((id) => !eligible.has(id));
      if (refused.length)
        throw unprocessable(
          'program_not_eligible',
          `Not a program that takes referrals (Affiliate or above, accepting): ${refused.join(', ')}`,
        );
      const programs = body.programIds.map((id) => ({
        programId: id,
        name: eligible.get(id)!.name,
        contactEmail: eligible.get(id)!.contactEmail,
      }));
      await updateCase(temporal, c, offerByHandUpdate, { arg: { programs }, as: user });
      return { body: await caseWithDetails(db, await loadVisibleCase(db, user, c.id, 'mentor_referral'), user) };
    },
  });

  caseDetailRoute(api, db, {
    path: '/referrals',
    type: 'mentor_referral',
    tag: 'referrals',
    response: referralSchema,
    summary: 'A referral: offers by round, outcome; the volunteer to coordinators and the referred programs only',
  });

  return mountConfirmPage(db, temporal);
}
