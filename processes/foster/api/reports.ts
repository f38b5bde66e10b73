/**
 * The foster pipeline report (this product's own shape): the mentor screening funnel with
 * time to approval against the 30-day target, the youth funnel and time from referral to
 * match, matches by stage. Counts and durations only, so a youth's details cannot leak.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../../db';
import type { ApiBuilder } from '../../../platform/api/http';
import { daysBetween, funnelStep, median, reached, sinceOf, sinceQuery } from '../../../platform/api/report-queries';

export function registerFosterReportRoutes(api: ApiBuilder, db: Db): void {
  api.route({
    method: 'get',
    path: '/foster/reports/pipeline',
    tag: 'reports',
    auth: ['case_worker', 'case_supervisor', 'admin'],
    summary: 'The mentor screening funnel, time to approval against the 30-day target, and time from referral to match',
    query: sinceQuery,
    response: z.object({
      since: z.string(),
      mentorFunnel: z.array(funnelStep),
      youthFunnel: z.array(funnelStep),
      medianDaysToApproval: z.number().nullable(),
      approvedWithinTarget: z.object({ within: z.number(), of: z.number(), targetDays: z.number() }),
      medianDaysReferralToMatch: z.number().nullable(),
      matchesByStage: z.array(z.object({ stage: z.string(), cases: z.number() })),
    }),
    handler: async ({ query }) => {
      const since = sinceOf(query.since);
      const mentorSteps = [
        ['applied', 'Applied'],
        ['screening_complete', 'Checks and references done'],
        ['mentor_approved', 'Approved'],
        ['match_started', 'Matched'],
      ] as const;
      const youthSteps = [
        ['referred', 'Referred'],
        ['ready_to_match', 'Ready to match'],
        ['match_started', 'Matched'],
      ] as const;
      const m = await reached(
        db,
        'mentor_screening',
        mentorSteps.map(([e]) => e),
        since,
      );
      const y = await reached(
        db,
        'youth_referral',
        youthSteps.map(([e]) => e),
        since,
      );
      const toApproval = await daysBetween(db, 'mentor_screening', 'applied', 'mentor_approved', since);
      const toMatch = await daysBetween(db, 'youth_referral', 'referred', 'match_started', since);
      const stages = await db
        .selectFrom('cases')
        .select(['stage', sql<number>`count(*)::int`.as('n')])
        .where('type', '=', 'match')
        .where('created_at', '>=', since)
        .groupBy('stage')
        .orderBy('stage')
        .execute();
      return {
        body: {
          since: since.toISOString().slice(0, 10),
          mentorFunnel: mentorSteps.map(([step, label]) => ({ step, label, cases: m.get(step) ?? 0 })),
          youthFunnel: youthSteps.map(([step, label]) => ({ step, label, cases: y.get(step) ?? 0 })),
          medianDaysToApproval: median(toApproval),
          approvedWithinTarget: {
            within: toApproval.filter((d) => d <= 30).length,
            of: toApproval.length,
            targetDays: 30,
          },
          medianDaysReferralToMatch: median(toMatch),
          matchesByStage: stages.map((s) => ({ stage: s.stage, cases: s.n })),
        },
      };
    },
  });
}
