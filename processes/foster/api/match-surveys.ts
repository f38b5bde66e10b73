/**
 * A match's relationship surveys as its page shows them (docs/processes/match-surveys.md):
 * each round, and per respondent when it was sent, how it ended (answered by its link,
 * collected by phone, unreachable) and its score. The match's details say what was sent and
 * how it stands; `survey_responses` adds when it was answered, and keeps an answer that came
 * after the match closed. The youth's answers are personal data: only a reader whose view of
 * the match lets its surveys through reads them; anyone else gets 404, as for the match.
 */
import { z } from 'zod';
import type { Db } from '../../../db';
import { readDetails } from '../../../platform/api/details';
import { notFound } from '../../../platform/api/errors';
import type { RouteContext } from '../../../platform/api/process-routes';
import { projectCase } from '../../../platform/api/read-views';
import { loadVisibleCase, readViewOf } from '../../../platform/api/views';
import { matchDetails } from '../details';
import { SURVEY_RESPONDENTS, SURVEY_STATUSES, type SurveyRecord } from '../match/support-types';

const surveyView = z.object({
  respondent: z.enum(SURVEY_RESPONDENTS),
  status: z.enum(SURVEY_STATUSES).describe('`missed`: the case worker recorded the respondent unreachable'),
  sentAt: z.string().describe('When the round went out (its due date on the schedule)'),
  answeredAt: z.string().nullable(),
  collected: z.enum(['link', 'phone']).nullable(),
  score: z.number().nullable().describe('0-100 by the instrument'),
});
export const matchSurveysSchema = z
  .object({
    rounds: z.array(
      z.object({
        round: z.string().describe('`m3`, `m6`, `m12`, `m24`, ... or `exit`'),
        sentAt: z.string(),
        surveys: z.array(surveyView),
      }),
    ),
  })
  .openapi('MatchSurveys');
export type MatchSurveys = z.infer<typeof matchSurveysSchema>;

export function registerMatchSurveyRoutes({ api, db }: RouteContext): void {
  api.route({
    method: 'get',
    path: '/foster/matches/:caseId/surveys',
    tag: 'foster',
    auth: 'any',
    errors: [404],
    summary: "A match's survey rounds: per respondent sent, answered, collected by phone or missed, with the score",
    response: matchSurveysSchema,
    handler: async ({ user, params }) => {
      const c = await loadVisibleCase(db, user, params.caseId, 'match');
      const view = readViewOf(user, c);
      const seen = view && projectCase(view, { surveys: [] });
      if (!seen || !('surveys' in seen)) throw notFound('The case');
      const sent = (readDetails(matchDetails, c).surveys ?? []) as unknown as SurveyRecord[];
      return { body: await surveysOf(db, c.id, sent) };
    },
  });
}

/** The rounds in the order they went out, each with the mentor's survey before the youth's. */
export async function surveysOf(db: Db, matchId: string, sent: SurveyRecord[]): Promise<MatchSurveys> {
  const answered = await db
    .selectFrom('survey_responses')
    .select(['survey_id', 'score', 'collected', 'answered_at'])
    .where('match_case_id', '=', matchId)
    .execute();
  const byId = new Map(answered.map((a) => [a.survey_id, a]));
  const rounds = new Map<string, MatchSurveys['rounds'][number]>();
  for (const s of [...sent].sort((a, b) => a.dueAt.localeCompare(b.dueAt))) {
    const a = byId.get(s.id);
    const round = rounds.get(s.round) ?? { round: s.round, sentAt: s.dueAt, surveys: [] };
    rounds.set(s.round, round);
    // An answer the closed match was no longer told of is still an answer.
    const status = s.status === 'sent' && a ? (a.collected === 'phone' ? 'collected_by_phone' : 'answered') : s.status;
    round.surveys.push({
      respondent: s.respondent,
      status,
      sentAt: s.dueAt,
      answeredAt: a ? new Date(a.answered_at).toISOString() : null,
      collected: a ? (a.collected === 'phone' ? 'phone' : 'link') : null,
      score: a ? Number(a.score) : (s.score ?? null),
    });
  }
  for (const r of rounds.values())
    r.surveys.sort((x, y) => SURVEY_RESPONDENTS.indexOf(x.respondent) - SURVEY_RESPONDENTS.indexOf(y.respondent));
  return { rounds: [...rounds.values()] };
}
