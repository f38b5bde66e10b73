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
import { rankMentors, type MentorCandidate } from '../../../lib/ranking';
import type { Applicant, Youth } from '../types';
import { unprocessable } from '../../../platform/api/errors';
import type { ApiBuilder } from '../../../platform/api/http';
import { loadVisibleCase, readViewOf } from '../../../platform/api/views';
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
      const d = youthCase.details as {
        youth: Youth;
        activeMatchId?: string;
        mentorPreferences?: { formerFosterYouth: boolean };
      };
      if (youthCase.stage !== 'ready' || d.activeMatchId)
        throw unprocessable(
          'youth_not_available',
          `Suggestions are for a youth ready to match; this referral is ${d.activeMatchId ? 'matched' : youthCase.stage}`,
        );
      const rows = await db
        .selectFrom('cases')
        .selectAll()
        .where('type', '=', 'mentor_screening')
        .where('status', '=', 'open')
        .where('stage', '=', 'approved')
        .orderBy('created_at')
        .orderBy('id')
        .execute()
        // The pool: approved mentors not in a match (read from the case's typed view, not by JSON path).
        .then((all) =>
          all.filter((r) => !(r.details as { activeMatchId?: string | null }).activeMatchId).slice(0, 2000),
        );
      // Each mentor as this reader's view of them (read-views.ts): the pool profile at most.
      const mentors = rows.flatMap((r) => {
        const view = readViewOf(user, r);
        if (!view) return [];
        const md = projectCase(view, r.details as Record<string, unknown>) as {
          applicant: Applicant;
          decision?: { at: string };
        };
        return [
          {
            caseId: r.id,
            name: md.applicant.name,
            languages: md.applicant.languages,
            interests: md.applicant.interests,
            ...(md.applicant.county ? { county: md.applicant.county } : {}),
            formerFosterYouth: md.applicant.formerFosterYouth,
            approvedAt:
              (r.details as { decision?: { at: string } }).decision?.at ?? new Date(r.updated_at).toISOString(),
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
