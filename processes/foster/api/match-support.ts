/**
 * Match support as the field measures it (docs/processes/foster.md, "Match support"), the
 * read side: a case worker's caseload ordered by the matches' health, lowest first, and the
 * funders' outcome report (counts only). Both read the matches' typed facts (`match_facts`);
 * names come from the parties' cases, parsed with their declared schemas.
 */
import { z } from 'zod';
import type { Db } from '../../../db';
import { hasRole } from '../../../platform/api/auth';
import { readDetails } from '../../../platform/api/details';
import { forbidden, HttpProblem } from '../../../platform/api/errors';
import type { RouteContext } from '../../../platform/api/process-routes';
import { calendarDate } from '../../../platform/workflow/input';
import { screeningDetails, youthReferralDetails } from '../details';
import { HEALTH_BANDS } from '../match/support-types';
import { MONTH_MS } from '../reports/outcome-figures';
import { outcomesCsv, outcomesReport } from '../reports/outcomes';

/** The stages of an open match (a proposal still waiting on consents is not yet on the caseload). */
export const OPEN_MATCH_STAGES = ['awaiting_first_meeting', 'active', 'closing'] as const;

const caseloadItem = z.object({
  matchCaseId: z.string(),
  mentorName: z.string(),
  youthFirstName: z.string(),
  stage: z.enum(OPEN_MATCH_STAGES),
  /** From the first meeting to now; null before it. */
  monthsActive: z.number().nullable(),
  health: z
    .object({ score: z.number(), band: z.enum(HEALTH_BANDS), reasons: z.array(z.string()) })
    .nullable()
    .describe('Null until the match has a health'),
  nextContactDue: z.string().nullable(),
});

const earlyClosures = z.record(z.number()).describe('Early closures by closure reason (`unspecified` when none)');
export const outcomeItemSchema = z
  .object({
    key: z.string(),
    youthServed: z.number(),
    mentorsRecruited: z.number(),
    mentorsTrained: z.number(),
    mentorsRetained: z.number(),
    activeMatches: z.number(),
    meanMatchMonths: z.number().nullable(),
    medianMatchMonths: z.number().nullable(),
    reached6Months: z.number(),
    reached12Months: z.number(),
    earlyClosures,
    surveyScores: z.object({ p25: z.number().nullable(), median: z.number().nullable(), p75: z.number().nullable() }),
  })
  .openapi('OutcomeItem');

export function registerMatchSupportRoutes({ api, db, policies }: RouteContext): void {
  api.route({
    method: 'get',
    path: '/foster/caseload',
    tag: 'foster',
    auth: ['case_worker', 'case_supervisor'],
    errors: [403],
    summary: "A case worker's open matches by health, lowest first (a case worker: their own; a supervisor: anyone's)",
    query: z.object({ caseWorkerId: z.string().min(1).optional() }).strict(),
    response: z.object({ items: z.array(caseloadItem) }),
    handler: async ({ user, query }) => {
      const supervisor = hasRole(user, 'case_supervisor');
      const workerId = query.caseWorkerId ?? (supervisor ? undefined : user.sub);
      if (!supervisor && workerId !== user.sub) throw forbidden('A case worker reads their own caseload only');
      return { body: { items: await caseload(db, workerId) } };
    },
  });

  api.route({
    method: 'get',
    path: '/foster/reports/outcomes',
    tag: 'reports',
    // Program-wide figures by program or county: small counts of one county could point at a
    // youth, so those who answer for the whole program read it; a case worker has the caseload.
    auth: ['case_supervisor', 'admin'],
    errors: [400],
    summary:
      "The funders' outcome report: youth served, mentors recruited, trained and retained, match length (CSV too)",
    query: z
      .object({ from: calendarDate, to: calendarDate, groupBy: z.enum(['program', 'county']).default('program') })
      .strict(),
    response: z.object({ from: z.string(), to: z.string(), groupBy: z.string(), items: z.array(outcomeItemSchema) }),
    handler: async ({ req, res, query }) => {
      if (query.from > query.to) throw new HttpProblem(400, 'Bad Request', 'from is after to', 'bad_period');
      const minimum = (await policies.current()).foster.minimumTrainingHours;
      const items = await outcomesReport(db, query, minimum);
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        res.attachment(`outcomes-${query.from}-${query.to}-by-${query.groupBy}.csv`);
        return { raw: { type: 'text/csv; charset=utf-8', text: outcomesCsv(items) } };
      }
      return { body: { ...query, items } };
    },
  });
}

async function caseload(db: Db, caseWorkerId: string | undefined) {
  let q = db
    .selectFrom('match_facts')
    .selectAll()
    .where('stage', 'in', [...OPEN_MATCH_STAGES])
    .orderBy('health_score', (ob) => ob.asc().nullsLast())
    .orderBy('proposed_at')
    .orderBy('case_id');
  if (caseWorkerId) q = q.where('case_worker_id', '=', caseWorkerId);
  const rows = await q.execute();
  const ids = [...new Set(rows.flatMap((r) => [r.mentor_case_id, r.youth_case_id]))];
  const parties = ids.length
    ? await db.selectFrom('cases').select(['id', 'type', 'details']).where('id', 'in', ids).execute()
    : [];
  const byId = new Map(parties.map((c) => [c.id, c]));
  const now = Date.now();
  return rows.map((r) => {
    const mentor = byId.get(r.mentor_case_id);
    const youth = byId.get(r.youth_case_id);
    const fullName = youth ? readDetails(youthReferralDetails, youth).youth.name.trim() : '';
    return {
      matchCaseId: r.case_id,
      mentorName: mentor ? readDetails(screeningDetails, mentor).applicant.name : '',
      // The youth's first name only: the caseload is read at a glance, often beside others.
      youthFirstName: fullName.split(/\s+/)[0] ?? '',
      stage: r.stage as (typeof OPEN_MATCH_STAGES)[number],
      monthsActive: r.first_meeting_at
        ? Math.floor(((now - new Date(r.first_meeting_at).getTime()) / MONTH_MS) * 10) / 10
        : null,
      health:
        r.health_score === null || r.health_band === null
          ? null
          : {
              score: r.health_score,
              band: r.health_band as (typeof HEALTH_BANDS)[number],
              reasons: r.health_reasons,
            },
      nextContactDue: r.next_contact_due ? new Date(r.next_contact_due).toISOString() : null,
    };
  });
}
