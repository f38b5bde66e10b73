/**
 * Match suggestions: for a youth who is ready, the approved mentors without a
 * match, ranked by language, county, shared interests, former-foster-youth status when the
 * youth's social worker asked for it, then the longest wait in the pool (lib/ranking.ts,
 * the module the referral ranks programs with), each with the reasons. For the people who
 * propose matches — the youth's assigned case worker and case supervisors; others get 404
 * as for the youth's record itself. Each mentor passes through the reader's declared view
 * (read-views.ts): their pool profile, never contact details, checks or references.
 */
import { z } from 'zod';
import type { Db } from '../../../db';
import { rankMentors, type MentorCandidate } from '../ranking';
import type { Applicant } from '../types';
import { screeningDetails, youthReferralDetails } from '../details';
import { unprocessable } from '../../../platform/api/errors';
import type { ApiBuilder } from '../../../platform/api/http';
import { readDetails } from '../../../platform/api/details';
import { REPORT_PAGE } from '../../../platform/api/report-queries';
import { loadVisibleCase, readViewOf, type CaseRow } from '../../../platform/api/views';
import { projectCase } from '../../../platform/api/read-views';

const suggestion = z
  .object({
    mentorCaseId: z.string(),
    name: z.string(),
    rank: z.number(),
    reasons: z.array(z.string()),
    languages: z.array(z.string()),
    interests: z.array(z.string()),
    county: z.string().optional(),
    formerFosterYouth: z.boolean(),
    waitingSince: z.string(),
  })
  .openapi('MatchSuggestion');

/** The most a suggestion list ranks: the longest-approved mentors not in a match. */
const POOL_LIMIT = 2000;

/**
 * The pool: approved mentors not in a match, longest approved first, at most POOL_LIMIT. Whether
 * a mentor is in a match is in their details (read as the process's type, not by JSON path):
 * the approved screenings' ids are read in order first (small), then their rows a page at a
 * time until the pool is full, so the mentors in a match are read and let go a page at a time.
 */
async function freePool(db: Db): Promise<CaseRow[]> {
  const approved = db
    .selectFrom('cases')
    .where('type', '=', 'mentor_screening')
    .where('status', '=', 'open')
    .where('stage', '=', 'approved');
  const order = (await approved.select('id').orderBy('created_at').orderBy('id').execute()).map((r) => r.id);
  const pool: CaseRow[] = [];
  for (let at = 0; at < order.length && pool.length < POOL_LIMIT; at += REPORT_PAGE) {
    const ids = order.slice(at, at + REPORT_PAGE);
    // Read again with the same conditions: a screening that changed in between is left out.
    const byId = new Map((await approved.selectAll().where('id', 'in', ids).execute()).map((r) => [r.id, r]));
    for (const id of ids) {
      const r = byId.get(id);
      if (r && !readDetails(screeningDetails, r).activeMatchId) pool.push(r);
    }
  }
  return pool.slice(0, POOL_LIMIT);
}

export function registerSuggestionRoutes(api: ApiBuilder, db: Db): void {
  api.route({
    method: 'get',
    path: '/foster/youth/:caseId/suggestions',
    tag: 'foster',
    auth: ['case_worker', 'case_supervisor'],
    errors: [404, 422],
    summary: 'Approved mentors for a ready youth, ranked by fit, with the reasons',
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
    response: z.object({ items: z.array(suggestion) }),
    handler: async ({ user, params, query }) => {
      const youthCase = await loadVisibleCase(db, user, params.caseId, 'youth_referral');
      const d = readDetails(youthReferralDetails, youthCase);
      if (youthCase.stage !== 'ready' || d.activeMatchId)
        throw unprocessable(
          'youth_not_available',
          `Suggestions are for a youth ready to match; this referral is ${d.activeMatchId ? 'matched' : youthCase.stage}`,
        );
      const rows = await freePool(db);
      // Each mentor as this reader's view of them (read-views.ts): the pool profile at most.
      const mentors = rows.flatMap((r) => {
        const view = readViewOf(user, r);
        if (!view) return [];
        const whole = readDetails(screeningDetails, r);
        const md = projectCase(view, whole) as { applicant: Applicant };
        return [
          {
            caseId: r.id,
            name: md.applicant.name,
            languages: md.applicant.languages,
            interests: md.applicant.interests,
            ...(md.applicant.county ? { county: md.applicant.county } : {}),
            formerFosterYouth: md.applicant.formerFosterYouth,
            approvedAt: whole.decision?.at ?? new Date(r.updated_at).toISOString(),
          } satisfies MentorCandidate & { name: string },
        ];
      });
      const youth = {
        languages: d.youth.languages,
        interests: d.youth.interests,
        county: d.youth.county,
        preferFormerFosterYouth: d.mentorPreferences?.formerFosterYouth,
      };
      const ranked = rankMentors(youth, mentors, Date.now()).slice(0, query.limit);
      return {
        body: {
          items: ranked.map(({ item, rank, reasons }) => {
            const m = item as (typeof mentors)[number];
            return {
              mentorCaseId: m.caseId,
              name: m.name,
              rank,
              reasons,
              languages: m.languages,
              interests: m.interests,
              ...(m.county ? { county: m.county } : {}),
              formerFosterYouth: m.formerFosterYouth,
              waitingSince: m.approvedAt,
            };
          }),
        },
      };
    },
  });
}
