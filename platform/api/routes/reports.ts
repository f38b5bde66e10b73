/**
 * The reports the supervising people read to run the partnership (beyond api.md's usage
 * report; the shapes here are this product's own): open tasks overdue and escalated by
 * task type, the mentor screening funnel with time to approval and to match, and the
 * certification pipeline. Counts and durations only — no person appears in a report, so
 * a youth's details cannot leak through one.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../../db';
import type { Database } from '../../../db/schema';
import { hasRole, type User } from '../auth';
import { csvCell } from '../csv';
import type { ApiBuilder } from '../http';
import { calendarDate } from '../../workflow/input';

const FOSTER_CASE_TYPES = ['mentor_screening', 'youth_referral', 'match'];

/**
 * The open tasks a supervising role answers for in the task report, per case type: HR
 * officers their department's leave tasks, case supervisors the foster ones, review leads
 * certification, partnership coordinators the referrals, admins all (counts only). Each role keeps its own scope when a person
 * holds several (an HR officer who is also a case supervisor still sees one department's leave).
 */
function scopeOf(user: User) {
  return (eb: ExpressionBuilder<Database, 'tasks' | 'cases'>) => {
    if (hasRole(user, 'admin')) return eb.val(true);
    const types = [
      ...(hasRole(user, 'case_supervisor') ? FOSTER_CASE_TYPES : []),
      ...(hasRole(user, 'review_lead') ? ['certification'] : []),
      ...(hasRole(user, 'partnership_coordinator') ? ['mentor_referral'] : []),
    ];
    return eb.or([
      ...(types.length ? [eb('cases.type', 'in', types)] : []),
      ...(hasRole(user, 'hr_officer') && user.department
        ? [eb.and([eb('cases.type', '=', 'mentoring_leave'), eb('cases.department', '=', user.department)])]
        : []),
    ]);
  };
}

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return Math.round((s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) * 10) / 10;
};

/** Days from the first `from` event to the first `to` event of each case of a type that has both. */
async function daysBetween(db: Db, caseType: string, from: string, to: string, since: Date): Promise<number[]> {
  const rows = await sql<{ days: string }>`
    SELECT extract(epoch FROM min(t2.at) - min(t1.at)) / 86400 AS days
    FROM cases c
    JOIN timeline t1 ON t1.case_id = c.id AND t1.event = ${from}
    JOIN timeline t2 ON t2.case_id = c.id AND t2.event = ${to}
    WHERE c.type = ${caseType} AND c.created_at >= ${since}
    GROUP BY c.id`.execute(db);
  return rows.rows.map((r) => Math.max(0, Number(r.days)));
}

/** How many cases of a type (created since) reached each event. */
async function reached(db: Db, caseType: string, events: string[], since: Date): Promise<Map<string, number>> {
  const rows = await sql<{ event: string; n: number }>`
    SELECT t.event, count(DISTINCT t.case_id)::int AS n FROM timeline t JOIN cases c ON c.id = t.case_id
    WHERE c.type = ${caseType} AND c.created_at >= ${since} AND t.event = ANY(${events}::text[])
    GROUP BY t.event`.execute(db);
  return new Map(rows.rows.map((r) => [r.event, r.n]));
}

const funnelStep = z.object({ step: z.string(), label: z.string(), cases: z.number() });
const sinceQuery = z.object({ since: calendarDate.optional() });
const sinceOf = (since?: string) => (since ? new Date(`${since}T00:00:00Z`) : new Date(Date.now() - 365 * 86400_000));

export function registerReportRoutes(api: ApiBuilder, db: Db): void {
  api.route({
    method: 'get',
    path: '/reports/tasks',
    tag: 'reports',
    auth: ['hr_officer', 'case_supervisor', 'review_lead', 'partnership_coordinator', 'admin'],
    summary: 'Open tasks by type: how many, how many overdue, how many escalated (JSON, or CSV with Accept: text/csv)',
    response: z.object({
      items: z.array(
        z.object({
          type: z.string(),
          open: z.number(),
          overdue: z.number(),
          escalated: z.number(),
          oldestDueAt: z.string().nullable(),
        }),
      ),
    }),
    handler: async ({ user, req }) => {
      const qb = db
        .selectFrom('tasks')
        .innerJoin('cases', 'cases.id', 'tasks.case_id')
        .select([
          'tasks.type as type',
          sql<number>`count(*)::int`.as('open'),
          sql<number>`count(*) FILTER (WHERE tasks.due_at < now())::int`.as('overdue'),
          sql<number>`count(*) FILTER (WHERE tasks.escalated)::int`.as('escalated'),
          sql<Date | null>`min(tasks.due_at)`.as('oldest'),
        ])
        .where('tasks.status', '=', 'open')
        .where(scopeOf(user));
      const rows = await qb.groupBy('tasks.type').execute();
      const items = rows
        .map((r) => ({
          type: r.type,
          open: r.open,
          overdue: r.overdue,
          escalated: r.escalated,
          oldestDueAt: r.oldest ? new Date(r.oldest).toISOString() : null,
        }))
        .sort(
          (a, b) =>
            b.overdue - a.overdue || b.escalated - a.escalated || b.open - a.open || a.type.localeCompare(b.type),
        );
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        const lines = [
          'type,open,overdue,escalated,oldestDueAt',
          ...items.map((i) => [i.type, i.open, i.overdue, i.escalated, i.oldestDueAt].map(csvCell).join(',')),
        ];
        return { raw: { type: 'text/csv; charset=utf-8', text: `${lines.join('\n')}\n` } };
      }
      return { body: { items } };
    },
  });

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

  api.route({
    method: 'get',
    path: '/certifications/reports/pipeline',
    tag: 'reports',
    auth: ['quality_reviewer', 'review_lead', 'admin'],
    summary: 'The certification pipeline: open cases by stage, programs by level, certificates ending within 90 days',
    response: z.object({
      openByStage: z.array(z.object({ stage: z.string(), cases: z.number() })),
      programsByLevel: z.array(z.object({ level: z.string(), programs: z.number() })),
      endingSoon: z.array(
        z.object({ programId: z.string(), name: z.string(), level: z.string(), certifiedUntil: z.string() }),
      ),
    }),
    handler: async () => {
      const stages = await db
        .selectFrom('cases')
        .select(['stage', sql<number>`count(*)::int`.as('n')])
        .where('type', '=', 'certification')
        .where('status', '=', 'open')
        .groupBy('stage')
        .execute();
      const levels = await db
        .selectFrom('programs')
        .select(['level', sql<number>`count(*)::int`.as('n')])
        .groupBy('level')
        .execute();
      const soon = await db
        .selectFrom('programs')
        .select(['id', 'name', 'level', 'certified_until'])
        .where('certified_until', 'is not', null)
        .where(sql<boolean>`certified_until::date BETWEEN current_date AND current_date + 90`)
        .orderBy('certified_until')
        .limit(50)
        .execute();
      const order = ['application_review', 'self_assessment', 'review', 'work_plan'];
      const levelOrder = ['none', 'affiliate', 'associate_partner', 'partner'];
      return {
        body: {
          openByStage: stages
            .map((s) => ({ stage: s.stage, cases: s.n }))
            .sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage)),
          programsByLevel: levels
            .map((l) => ({ level: l.level, programs: l.n }))
            .sort((a, b) => levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level)),
          endingSoon: soon.map((p) => ({
            programId: p.id,
            name: p.name,
            level: p.level,
            certifiedUntil: String(p.certified_until).slice(0, 10),
          })),
        },
      };
    },
  });
}
