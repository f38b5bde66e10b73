/**
 * What the funders' outcome report reads (docs/processes/foster.md, "Match support"): the
 * matches' typed facts, the mentor screenings opened in the period (their details parsed
 * with the declared schema, a page at a time) and the survey scores answered in it; the
 * arithmetic is outcome-figures.ts's. Counts only: no name leaves this file.
 */
import { csvCell } from '../../../platform/api/csv';
import { readDetails } from '../../../platform/api/details';
import { pagesOf } from '../../../platform/api/report-queries';
import type { Db } from '../../../db';
import { screeningDetails } from '../details';
import { outcomeItems, type MatchFact, type MentorFact, type OutcomeItem, type Period } from './outcome-figures';

export interface OutcomeQuery {
  from: string;
  to: string;
  groupBy: 'program' | 'county';
}

/**
 * `from` at 00:00 UTC up to the day after `to` at 00:00 UTC (the pipeline report's days), or up
 * to now when that is later: a period reaching into the future counts an open match's months to
 * today, not to a day that has not come.
 */
export function periodOf(q: { from: string; to: string }, now = Date.now()): Period {
  const end = new Date(`${q.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: new Date(`${q.from}T00:00:00Z`), end: new Date(Math.min(end.getTime(), now)) };
}

const keyOf = (groupBy: OutcomeQuery['groupBy'], programId: string | null, county: string | null | undefined) =>
  groupBy === 'program' ? (programId ?? 'none') : (county ?? 'unknown');

export async function outcomesReport(db: Db, q: OutcomeQuery, minimumTrainingHours: number): Promise<OutcomeItem[]> {
  const p = periodOf(q);
  // Every match proposed before the period ended: the ones active in it, and the earlier
  // matches of mentors matched again in it.
  const facts = await db
    .selectFrom('match_facts')
    .select([
      'case_id',
      'mentor_case_id',
      'youth_case_id',
      'program_id',
      'county',
      'proposed_at',
      'first_meeting_at',
      'closed_at',
      'closure_reason',
    ])
    .where('proposed_at', '<', p.end)
    .execute();
  const matches: MatchFact[] = facts.map((f) => ({
    key: keyOf(q.groupBy, f.program_id, f.county),
    mentorCaseId: f.mentor_case_id,
    youthCaseId: f.youth_case_id,
    proposedAt: new Date(f.proposed_at),
    firstMeetingAt: f.first_meeting_at ? new Date(f.first_meeting_at) : null,
    closedAt: f.closed_at ? new Date(f.closed_at) : null,
    closureReason: f.closure_reason,
  }));
  const mentors: MentorFact[] = [];
  type Screening = { id: string; type: string; details: unknown; program_id: string | null };
  const screenings = pagesOf<Screening>((last, size) => {
    let s = db
      .selectFrom('cases')
      .select(['id', 'type', 'details', 'program_id'])
      .where('type', '=', 'mentor_screening')
      .where('created_at', '>=', p.from)
      .where('created_at', '<', p.end)
      .orderBy('id')
      .limit(size);
    if (last) s = s.where('id', '>', last.id);
    return s.execute();
  });
  for await (const page of screenings)
    for (const c of page) {
      const d = readDetails(screeningDetails, c);
      mentors.push({
        key: keyOf(q.groupBy, c.program_id, d.applicant.county),
        hoursByEnd: d.training.filter((t) => t.date <= q.to).reduce((n, t) => n + t.hours, 0),
      });
    }
  const answered = await db
    .selectFrom('survey_responses')
    .innerJoin('match_facts', 'match_facts.case_id', 'survey_responses.match_case_id')
    .select(['survey_responses.score', 'match_facts.program_id', 'match_facts.county'])
    .where('survey_responses.answered_at', '>=', p.from)
    .where('survey_responses.answered_at', '<', p.end)
    .execute();
  const scores = answered.map((a) => ({ key: keyOf(q.groupBy, a.program_id, a.county), score: Number(a.score) }));
  return outcomeItems(p, matches, mentors, scores, minimumTrainingHours);
}

/** One line per group; one column per closure reason any group has (`earlyClosures.<reason>`). */
export function outcomesCsv(items: OutcomeItem[]): string {
  const reasons = [...new Set(items.flatMap((i) => Object.keys(i.earlyClosures)))].sort();
  const head = [
    'key',
    'youthServed',
    'mentorsRecruited',
    'mentorsTrained',
    'mentorsRetained',
    'activeMatches',
    'meanMatchMonths',
    'medianMatchMonths',
    'reached6Months',
    'reached12Months',
    ...reasons.map((r) => `earlyClosures.${r}`),
    'surveyScoreP25',
    'surveyScoreMedian',
    'surveyScoreP75',
  ];
  const lines = items.map((i) =>
    [
      i.key,
      i.youthServed,
      i.mentorsRecruited,
      i.mentorsTrained,
      i.mentorsRetained,
      i.activeMatches,
      i.meanMatchMonths,
      i.medianMatchMonths,
      i.reached6Months,
      i.reached12Months,
      ...reasons.map((r) => i.earlyClosures[r] ?? 0),
      i.surveyScores.p25,
      i.surveyScores.median,
      i.surveyScores.p75,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[head.join(','), ...lines].join('\n')}\n`;
}
